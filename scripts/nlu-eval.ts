/**
 * `npm run nlu:eval`: accuracy of intents and inquiry fields on the labelled sets (test/fixtures/nlu/), per
 * language, the confusion of intents, how well confidence is calibrated, and the mistakes that remain.
 */
import { DEFAULT_FLOOR, DEFAULT_TEMPERATURE } from '../src/nlu/intent.js';
import { loadUnderstander, trainingExamples } from '../src/understanding.js';
import { crossValidate, evaluate, INQUIRY_FIELDS, percent } from './lib/nlu-eval.js';

const report = evaluate(loadUnderstander());
const training = trainingExamples();
const langs = ['hi', 'hinglish', 'en'];
const cell = (t: { right: number; total: number } | undefined) => (t ? `${percent(t)} (${t.right}/${t.total})` : '-');

console.log('Intents');
console.log(`| set | ${langs.join(' | ')} | all |`);
console.log(`|---|${langs.map(() => '---').join('|')}|---|`);
console.log(
  `| intent | ${langs.map((lang) => cell(report.intents.byLang[lang])).join(' | ')} | ${cell(report.intents.overall)} |`,
);
console.log(`ordinary messages read as stop/start: ${report.intents.falseOptOuts.length}`);
console.log('\nInquiry fields');
console.log(`| field | ${langs.join(' | ')} | all |`);
console.log(`|---|${langs.map(() => '---').join('|')}|---|`);
for (const field of INQUIRY_FIELDS) {
  const entry = report.inquiries.byField[field];
  console.log(`| ${field} | ${langs.map((lang) => cell(entry.byLang[lang])).join(' | ')} | ${cell(entry)} |`);
}
console.log(`| read as post_inquiry | | | | ${cell(report.inquiries.asInquiry)} |`);

console.log(`\nCross-validation on the ${training.length} training examples (5 folds; stop/start are commands only)`);
for (const temperature of [1, DEFAULT_TEMPERATURE, 3]) {
  for (const floor of [0, DEFAULT_FLOOR, 0.6]) {
    const { accuracy } = crossValidate(training, { temperature, floor });
    console.log(`  temperature ${temperature}, floor ${floor}: ${(accuracy * 100).toFixed(1)}%`);
  }
}
const chosen = crossValidate(training, { temperature: DEFAULT_TEMPERATURE, floor: DEFAULT_FLOOR });
console.log('  calibration of the chosen temperature (confidence bin: messages, accuracy):');
console.log(
  `  ${chosen.bins.map((bin) => `${bin.from.toFixed(1)}: ${bin.count}, ${(bin.accuracy * 100).toFixed(0)}%`).join('; ')}`,
);

console.log('\nCalibration on the held-out set (intent confidence bin: messages, accuracy, mean confidence)');
for (const bin of report.intents.calibration) {
  console.log(
    `  ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}: ${bin.count}, ${(bin.accuracy * 100).toFixed(0)}%, ${(bin.meanConfidence * 100).toFixed(0)}%`,
  );
}
console.log('\nIntent confusion (want → got: count)');
for (const [want, gots] of Object.entries(report.intents.confusion)) {
  console.log(
    `  ${want} → ${Object.entries(gots)
      .map(([got, n]) => `${got}: ${n}`)
      .join(', ')}`,
  );
}
console.log('\nIntent mistakes');
for (const mistake of report.intents.mistakes) {
  console.log(`  [${mistake.want} → ${mistake.got} ${mistake.confidence}] ${mistake.text}`);
}
console.log('\nInquiry mistakes');
for (const mistake of report.inquiries.mistakes) {
  console.log(
    `  [${mistake.field}] ${mistake.text}\n      want ${JSON.stringify(mistake.want)}, got ${JSON.stringify(mistake.got)}`,
  );
}

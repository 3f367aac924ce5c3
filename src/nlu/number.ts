/**
 * Numbers as people write them in a chat: either digit set, Indian or Western thousands separators, decimals,
 * Indian scale words ("1.5 lakh", "2 करोड़", "5 hazaar", "50k"), a few number words ("ek", "दो", "dedh") and the
 * quarter steps Hindi says before a number ("सवा दो सौ", "saadhe teen lakh").
 */
import { phraseTokens, wordSetOf } from './phrases.js';
import { normalizeText } from './normalize.js';

const SCALES: ReadonlyMap<string, number> = scaleTable({
  100: 'hundred sau सौ',
  1000: 'thousand k hazaar hazar hajar hajaar hazaar हज़ार हजार',
  100000: 'lakh lakhs lac lacs laakh लाख',
  1000000: 'million millions mn',
  10000000: 'crore crores cr karod karor करोड़ करोड',
});

// Number words, for counts said in words ("ek container", "दो टन"). "do" and "दो" are also "give" ("bata do"): callers
// searching free text should trust a spelled number only next to a unit (see `NumberReading.spelled`).
const NUMBER_WORDS: ReadonlyMap<string, number> = scaleTable({
  0.5: 'aadha adha आधा',
  1: 'one ek एक',
  1.5: 'dedh derh डेढ़ डेढ',
  2: 'two do दो',
  2.5: 'dhai dhaai ढाई',
  3: 'three teen तीन',
  4: 'four char chaar चार',
  5: 'five paanch panch पांच',
  6: 'six chhah chhe छह छः',
  7: 'seven saat सात',
  8: 'eight aath आठ',
  9: 'nine nau नौ',
  10: 'ten das दस',
  // Teens and tens, for counts and amounts said in words ("पचास टन", "do sau pachas"). Latin "saath" (sixty) is left
  // out: in Hinglish it is "with" far more often.
  11: 'eleven gyarah ग्यारह',
  12: 'twelve barah बारह',
  13: 'thirteen terah तेरह',
  14: 'fourteen chaudah चौदह',
  15: 'fifteen pandrah पंद्रह पन्द्रह',
  16: 'sixteen solah सोलह',
  17: 'seventeen satrah सत्रह',
  18: 'eighteen atharah अठारह',
  19: 'nineteen unnis उन्नीस',
  20: 'twenty bees बीस',
  25: 'pachchis pachis पच्चीस',
  30: 'thirty tees तीस',
  40: 'forty chalis chaalis चालीस',
  50: 'fifty pachas pachaas पचास',
  60: 'sixty साठ',
  70: 'seventy sattar सत्तर',
  80: 'eighty assi अस्सी',
  90: 'ninety nabbe नब्बे',
  // "सौ टन" is a hundred tonnes; "sau" also stays a scale word ("do sau").
  100: 'hundred sau सौ',
});

// Hindi counts in quarters before the number they change, and the scale words then multiply the whole: "सवा दो सौ"
// is 2¼ hundred (225), "साढ़े चार सौ" 4½ hundred (450), "पौने पाँच सौ" 4¾ hundred (475). Right before a scale word
// they change one of it: "सवा लाख" is 1¼ lakh. ("डेढ़" and "ढाई", 1½ and 2½, are number words of their own.)
const QUARTER_STEPS: ReadonlyMap<string, number> = scaleTable({
  0.25: 'sawa sava savaa sawaa सवा',
  0.5: 'saadhe sadhe saade sarhe saarhe साढ़े साढे',
  '-0.25': 'paune pauney paone पौने',
});

// A spelled number below this is too often another word ("do" is "give", "ek" is "a") to be added on after a scale:
// "5 hazaar do" is "give 5000", but "do sau pachas" is 250.
const MIN_SPELLED_ADDEND = 11;

// Words that make a number approximate without changing it: "lagbhag 500" is answered as 500.
const APPROXIMATION_WORDS = wordSetOf('approx approximately about around roughly lagbhag takriban kareeb लगभग करीब');

function scaleTable(wordsByValue: Readonly<Record<number, string>>): ReadonlyMap<string, number> {
  const table = new Map<string, number>();
  for (const [value, words] of Object.entries(wordsByValue)) {
    for (const word of wordSetOf(words)) table.set(word, Number(value));
  }
  return table;
}

export interface NumberReading {
  value: number;
  /** The index of the first token after the number and its scale words. */
  end: number;
  /** Written as a word ("ek", "dedh"), not in digits. */
  spelled: boolean;
}

/** The value of a numeric token ("1,200", "2.5", "1,20,000"); undefined for anything else. */
export function parseNumeral(token: string): number | undefined {
  const digits = token.replace(/,/g, '');
  return /^\d+(?:\.\d+)?$/.test(digits) ? Number(digits) : undefined;
}

/**
 * Reads a number that starts at `tokens[start]` (tokens of normalized text): a numeral or number word, followed by
 * any scale words, which multiply ("1.5 lakh" = 150000).
 */
export function readNumber(tokens: readonly string[], start: number): NumberReading | undefined {
  const first = readUnitsPart(tokens, start);
  if (first === undefined) return undefined;
  let { value, end } = first;
  let lastScale: number | undefined;
  for (let scale = SCALES.get(tokens[end] ?? ''); scale !== undefined; scale = SCALES.get(tokens[end] ?? '')) {
    value *= scale;
    lastScale = scale;
    end++;
  }
  const addend = lastScale === undefined ? undefined : readAddend(tokens, end, lastScale);
  if (addend) {
    value += addend.value;
    end = addend.end;
  }
  // 2.3 * 100000 is 229999.99999999997 in binary floating point; twelve significant digits are plenty for quantities.
  return { value: Number(value.toPrecision(12)), end, spelled: first.spelled };
}

/** The part a number starts with, before any scale word: a numeral, a number word, or a quarter step and its number. */
function readUnitsPart(tokens: readonly string[], start: number): NumberReading | undefined {
  const first = tokens[start];
  if (first === undefined) return undefined;
  const numeral = parseNumeral(first);
  if (numeral !== undefined) return { value: numeral, end: start + 1, spelled: false };
  const word = NUMBER_WORDS.get(first);
  if (word !== undefined) return { value: word, end: start + 1, spelled: true };
  const step = QUARTER_STEPS.get(first);
  if (step === undefined) return undefined;
  const next = tokens[start + 1] ?? '';
  // "सवा लाख": the step changes one of the scale that follows, which the caller multiplies by.
  if (SCALES.has(next)) return { value: 1 + step, end: start + 1, spelled: true };
  const base = parseNumeral(next) ?? NUMBER_WORDS.get(next);
  return base === undefined ? undefined : { value: base + step, end: start + 2, spelled: true };
}

/**
 * Indian numbers are said largest part first: "ek lakh bees hazaar" is 120000, "do sau pachas" 250. A part after a
 * scale word adds on when it is smaller than that scale and is clearly a number: it has a scale word of its own
 * ("1 lakh 20 hazaar") or is a spelled number that is not also a common word. "2 sau 50 ton" stays 200 and 50 ton.
 */
function readAddend(tokens: readonly string[], start: number, scale: number): NumberReading | undefined {
  const part = readNumber(tokens, start);
  if (!part || part.value >= scale) return undefined;
  const hasScale = part.end > start + 1;
  return hasScale || (part.spelled && part.value >= MIN_SPELLED_ADDEND) ? part : undefined;
}

// The tokenizer drops the minus sign, so a negative number must be refused before tokenizing, not read as positive.
const NEGATIVE_NUMBER = /(?:^|\s)[-−–]\s*\d/u;

/** The number a whole message states ("1,200", "२.५", "1.5 lakh", "lagbhag 500"), or undefined if it says more. */
export function parseNumber(text: string): number | undefined {
  if (NEGATIVE_NUMBER.test(normalizeText(text))) return undefined;
  const tokens = phraseTokens(text, APPROXIMATION_WORDS);
  const reading = readNumber(tokens, 0);
  return reading && reading.end === tokens.length ? reading.value : undefined;
}

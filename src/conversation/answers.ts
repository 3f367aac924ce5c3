/**
 * Reading a user's answer to an `ask` step, by the step's input type. Pure: the text (or tapped button, media,
 * location) in, the typed value out, or the reason it does not fit.
 */
import type { TurnInput } from './turn.js';
import type { AskStep, ChoiceOptionDef, Destination, LocalizedText } from './flow-schema.js';
import { matchChoice, matchChoices } from '../nlu/choice.js';
import { isSkip, parseCountry, parseNumber, parseQuantity, parseYesNo } from '../nlu/parse-inputs.js';

export type AnswerReading =
  | { ok: true; value: unknown; next?: Destination }
  /** `reason` replaces the input type's generic re-prompt when the problem is more specific. */
  | { ok: false; reason?: LocalizedText };

const choiceTitles = (option: ChoiceOptionDef) => ({
  id: option.id,
  titles: [option.title.hi, option.title.en, ...option.synonyms],
});

export function readAnswer(step: AskStep, input: TurnInput): AnswerReading {
  const text = input.text.trim();
  switch (step.input) {
    case 'text': {
      if (text.length < step.minLength || text.length === 0) return { ok: false };
      if (text.length > step.maxLength) {
        return {
          ok: false,
          reason: {
            hi: `जवाब ${step.maxLength} अक्षरों से छोटा रखें।`,
            en: `Please keep the answer under ${step.maxLength} characters.`,
          },
        };
      }
      return { ok: true, value: text };
    }
    case 'number': {
      const value = parseNumber(text);
      if (value === undefined) return { ok: false };
      if ((step.min !== undefined && value < step.min) || (step.max !== undefined && value > step.max)) {
        const range = `${step.min ?? '…'}–${step.max ?? '…'}`;
        return {
          ok: false,
          reason: { hi: `संख्या ${range} के बीच होनी चाहिए।`, en: `The number must be within ${range}.` },
        };
      }
      return { ok: true, value };
    }
    case 'quantity': {
      const reading = parseQuantity(text, step.units);
      if (!('error' in reading)) return { ok: true, value: { value: reading.value, unit: reading.unit } };
      if (reading.error === 'unit_not_allowed') {
        const allowed = reading.allowed.join(', ');
        return { ok: false, reason: { hi: `इकाई इनमें से हो: ${allowed}।`, en: `The unit must be one of: ${allowed}.` } };
      }
      if (reading.error === 'no_unit') {
        return {
          ok: false,
          reason: {
            hi: `${reading.value} किसमें? इकाई भी लिखें, जैसे "${reading.value} टन"।`,
            en: `${reading.value} of what? Add the unit, e.g. "${reading.value} MT".`,
          },
        };
      }
      return { ok: false };
    }
    case 'choice': {
      const match = matchChoice(
        text,
        step.options.map(choiceTitles),
        input.choiceId ? { choiceId: input.choiceId } : {},
      );
      if (!match) return { ok: false };
      const option = step.options.find((candidate) => candidate.id === match.id)!;
      return { ok: true, value: option.id, ...(option.next ? { next: option.next } : {}) };
    }
    case 'multi_choice': {
      const result = matchChoices(text, step.options.map(choiceTitles));
      if (!result || result.ids.length === 0) return { ok: false };
      if (result.unrecognized.length > 0) {
        const parts = result.unrecognized.map((part) => `"${part}"`).join(', ');
        return { ok: false, reason: { hi: `${parts} विकल्पों में नहीं है।`, en: `${parts} is not one of the options.` } };
      }
      return { ok: true, value: result.ids };
    }
    case 'yes_no': {
      const value = parseYesNo(input.choiceId ?? text);
      return value === undefined ? { ok: false } : { ok: true, value };
    }
    case 'country': {
      // Stored as its ISO code: actions get the code, people are shown the name (answer-format.ts).
      const country = parseCountry(text);
      return country ? { ok: true, value: country.code } : { ok: false };
    }
    case 'media':
      if (input.attachments.length > 0) return { ok: true, value: input.attachments };
      return step.skippable && isSkip(text) ? { ok: true, value: [] } : { ok: false };
    case 'location':
      return input.location ? { ok: true, value: input.location } : { ok: false };
  }
}

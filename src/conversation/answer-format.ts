/**
 * How a stored answer reads in a flow text. Answers are stored as data (an option's id, a boolean, a quantity
 * object, an ISO country code) so that actions get structure; people are shown words in their own language.
 */
import { countryByCode } from '../nlu/country.js';
import { formatQuantity } from './answer-format-units.js';
import type { AskStep, Language } from './flow-schema.js';
import { formatValue } from './template.js';

const PHOTOS: Record<Language, (count: number) => string> = {
  hi: (count) => `${count} फ़ोटो`,
  en: (count) => `${count} ${count === 1 ? 'photo' : 'photos'}`,
};

const FILES: Record<Language, (count: number) => string> = {
  hi: (count) => `${count} फ़ाइल`,
  en: (count) => `${count} ${count === 1 ? 'file' : 'files'}`,
};

/** "2 photos" when every attachment is an image, "2 files" when any is not (a PDF rate list is no photo). */
function attachmentCount(attachments: readonly { contentType?: unknown }[], language: Language): string {
  const allImages = attachments.every((item) => String(item.contentType ?? '').startsWith('image/'));
  return (allImages ? PHOTOS : FILES)[language](attachments.length);
}

export function formatAnswer(step: AskStep, value: unknown, language: Language): string | undefined {
  if (value === undefined || value === null) return undefined;
  switch (step.input) {
    case 'choice':
      return step.options.find((option) => option.id === value)?.title[language];
    case 'multi_choice': {
      if (!Array.isArray(value)) return undefined;
      const titles = value.map((id) => step.options.find((option) => option.id === id)?.title[language] ?? String(id));
      return titles.join(', ');
    }
    case 'quantity': {
      const quantity = value as { value?: unknown; unit?: unknown };
      if (typeof quantity.value !== 'number' || typeof quantity.unit !== 'string') return undefined;
      return formatQuantity({ value: quantity.value, unit: quantity.unit }, language);
    }
    case 'country':
      return typeof value === 'string' ? countryByCode(value)?.name[language] : undefined;
    case 'media':
      return Array.isArray(value) ? attachmentCount(value, language) : undefined;
    default:
      return formatValue(value, language);
  }
}

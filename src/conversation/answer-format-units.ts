/** Units of measure as a reader says them: "50 टन", "200 क्विंटल", "3 containers". */
import type { Language } from './flow-schema.js';

const UNIT_NAMES: Record<string, Record<Language, string>> = {
  MT: { hi: 'टन', en: 'MT' },
  quintal: { hi: 'क्विंटल', en: 'quintal' },
  kg: { hi: 'किलो', en: 'kg' },
  container: { hi: 'कंटेनर', en: 'container' },
  bag: { hi: 'बोरी', en: 'bag' },
};

const NUMBER_FORMAT: Record<Language, Intl.NumberFormat> = {
  // Indian grouping (1,20,000) in both languages: that is how amounts are written in India. Digits stay ASCII: most
  // Hindi readers on WhatsApp read them more easily than Devanagari digits.
  hi: new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 }),
};

export function formatQuantity(quantity: { value: number; unit: string }, language: Language): string {
  const unit = UNIT_NAMES[quantity.unit]?.[language] ?? quantity.unit;
  const plural = language === 'en' && quantity.value !== 1 && (unit === 'container' || unit === 'bag') ? 's' : '';
  return `${NUMBER_FORMAT[language].format(quantity.value)} ${unit}${plural}`;
}

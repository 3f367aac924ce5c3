/**
 * `{{path}}` substitution in flow texts. Values are looked up in a plain object (`answers`, `user`, `input`) and
 * formatted for reading: quantities as "50 टन", texts given in both languages in the reader's, lists joined. The
 * engine passes a formatter that knows which question an answer came from (see answer-format.ts).
 */
import { formatQuantity } from './answer-format-units.js';
import type { Language } from './flow-schema.js';

const VARIABLE = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

/** Formats the value at `path`, or returns undefined to leave it to the generic formatting. */
export type ValueFormatter = (path: string, value: unknown, language: Language) => string | undefined;

export function lookup(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const YES_NO: Record<Language, [yes: string, no: string]> = { hi: ['हाँ', 'नहीं'], en: ['Yes', 'No'] };

export function formatValue(value: unknown, language: Language): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return YES_NO[language][value ? 0 : 1];
  if (Array.isArray(value)) return value.map((item) => formatValue(item, language)).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.value === 'number' && typeof record.unit === 'string') {
      return formatQuantity({ value: record.value, unit: record.unit }, language);
    }
    // A text an action prepared in both languages.
    if (typeof record.hi === 'string' && typeof record.en === 'string') return record[language] as string;
    const name = record.name as Record<string, unknown> | undefined;
    if (name && typeof name[language] === 'string') return name[language] as string;
    return JSON.stringify(value);
  }
  return String(value);
}

export function renderTemplate(
  template: string,
  scope: Record<string, unknown>,
  language: Language,
  format?: ValueFormatter,
): string {
  return template.replace(VARIABLE, (_match, path: string) => {
    const value = lookup(scope, path);
    return format?.(path, value, language) ?? formatValue(value, language);
  });
}

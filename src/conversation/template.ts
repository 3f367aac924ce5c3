/**
 * `{{path}}` substitution in flow texts. Values are looked up in a plain object (`answers`, `user`, `input`) and
 * formatted for reading: quantities as "50 MT", countries by name in the reader's language, lists joined.
 */
import type { Language } from './flow-schema.js';

const VARIABLE = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

export function lookup(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function formatValue(value: unknown, language: Language): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => formatValue(item, language)).join(', ');
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.value === 'number' && typeof record.unit === 'string') return `${record.value} ${record.unit}`;
    const name = record.name as Record<string, unknown> | undefined;
    if (name && typeof name[language] === 'string') return name[language] as string;
    return JSON.stringify(value);
  }
  return String(value);
}

export function renderTemplate(template: string, scope: Record<string, unknown>, language: Language): string {
  return template.replace(VARIABLE, (_match, path: string) => formatValue(lookup(scope, path), language));
}

/**
 * Lists and numbers as CSV for a spreadsheet: RFC 4180 quoting, a BOM so that Excel reads Hindi as UTF-8, and
 * every text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) made
 * inert with a leading apostrophe (OWASP's advice against CSV injection). Numbers stay numbers.
 */
import type { Response } from 'express';

export type CsvValue = string | number | boolean | null | undefined;
export type CsvRow = Readonly<Record<string, CsvValue>>;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows under a header of every column any row has, in the order first seen. */
export function toCsv(rows: readonly CsvRow[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const lines = [columns.map(csvCell), ...rows.map((row) => columns.map((column) => csvCell(row[column])))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}

/** Sends `rows` as a download named `<name>-<date>.csv`. */
export function sendCsv(res: Response, name: string, rows: readonly CsvRow[], at = new Date()): void {
  const file = `${name.replace(/[^a-z0-9-]/gi, '')}-${at.toISOString().slice(0, 10)}.csv`;
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', `attachment; filename="${file}"`)
    .set('X-Content-Type-Options', 'nosniff')
    .send(toCsv(rows));
}

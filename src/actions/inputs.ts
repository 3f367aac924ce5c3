/**
 * Reading an action's typed inputs. A flow passes stored answers as they are (see conversation/actions/action.ts);
 * these guards check their shape, so a flow wired to the wrong answer fails with a reason naming the input instead
 * of writing nonsense.
 */
import { CERTIFICATIONS, type Certification, QUANTITY_UNITS, type Quantity } from '../domain/sellers/seller-terms.js';
import type { ActionInputs } from '../conversation/actions/action.js';

export class ActionInputError extends Error {
  constructor(input: string, expected: string, got: unknown) {
    super(`input '${input}': expected ${expected}, got ${JSON.stringify(got) ?? 'nothing'}`);
  }
}

export function textInput(inputs: ActionInputs, name: string): string {
  const value = inputs[name];
  if (typeof value !== 'string' || value.trim() === '') throw new ActionInputError(name, 'a text', value);
  return value.trim();
}

export function booleanInput(inputs: ActionInputs, name: string): boolean {
  const value = inputs[name];
  if (typeof value !== 'boolean') throw new ActionInputError(name, 'yes or no (a boolean)', value);
  return value;
}

export function isQuantity(value: unknown): value is Quantity {
  const quantity = value as Partial<Quantity> | null;
  return (
    typeof quantity === 'object' &&
    quantity !== null &&
    typeof quantity.value === 'number' &&
    (QUANTITY_UNITS as readonly string[]).includes(quantity.unit as string)
  );
}

export function quantityInput(inputs: ActionInputs, name: string): Quantity {
  const value = inputs[name];
  if (!isQuantity(value)) throw new ActionInputError(name, 'a quantity { value, unit }', value);
  return { value: value.value, unit: value.unit };
}

/** Choice ids of a multi-choice answer; `none` (the "none of these" option) means an empty list. */
export function certificationsInput(inputs: ActionInputs, name: string): Certification[] {
  const value = inputs[name] ?? [];
  if (!Array.isArray(value)) throw new ActionInputError(name, 'a list of choice ids', value);
  return value.filter((id): id is Certification => (CERTIFICATIONS as readonly string[]).includes(id));
}

/** A list the flow stored (products, photos), or an empty one when the flow has none yet. */
export function listInput<T>(inputs: ActionInputs, name: string, isItem: (item: unknown) => item is T): T[] {
  const value = inputs[name] ?? [];
  const items = Array.isArray(value) ? value : (value as { items?: unknown }).items;
  if (!Array.isArray(items) || !items.every(isItem)) throw new ActionInputError(name, 'a list', value);
  return items;
}

/** Runs `read` and turns a bad input into the action's failure, with the reason for the operator's log. */
export function withInputs<T>(read: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (error instanceof ActionInputError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** A list of ids the flow stored (the inquiries, groups or questions it showed), or none. */
export function idsInput(inputs: ActionInputs, name: string): string[] {
  const value = inputs[name];
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * The id a person picked from a numbered list they were shown: by its number ("2"), or, with `byCode`, by writing
 * the code itself ("RICE24"); undefined when they did neither.
 */
export function pickedFromList(text: unknown, ids: readonly string[], byCode = false): string | undefined {
  const words = typeof text === 'string' ? text.trim().toUpperCase() : '';
  if (/^\d+$/.test(words)) return ids[Number(words) - 1];
  return byCode ? ids.find((id) => words.includes(id)) : undefined;
}

/** Words an officer writes to leave an optional text out ("skip", "छोड़ें", "-"). */
const SKIP_WORDS = new Set(['skip', 'chhodo', 'छोड़ें', 'छोड़ो', 'nahi', 'no', 'na', 'नहीं', '-']);

/** The text as written, or undefined when it says to leave it out. */
export function unlessSkipped(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' || SKIP_WORDS.has(trimmed.toLowerCase()) ? undefined : trimmed;
}

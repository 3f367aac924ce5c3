/**
 * The product catalog and the tehsil list: content a district officer edits in YAML, loaded once at start-up.
 * Every problem of a file is collected and thrown as one CatalogValidationError with file:line, so an officer fixes
 * them all in one pass.
 */
import { readFileSync } from 'node:fs';
import { type Document, isNode, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../errors.js';
import {
  CatalogFileSchema,
  type CatalogProduct,
  ProductSchema,
  type Tehsil,
  TehsilFileSchema,
  TehsilSchema,
} from './schema.js';

export {
  CATALOG_SPEC_VERSION,
  type CatalogProduct,
  PRODUCT_CATEGORIES,
  type ProductCategory,
  type Tehsil,
} from './schema.js';

export interface Catalog {
  /** In file order, which is the order menus show them in. */
  readonly products: readonly CatalogProduct[];
  byId(id: string): CatalogProduct | undefined;
}

export interface TehsilList {
  readonly tehsils: readonly Tehsil[];
  byId(id: string): Tehsil | undefined;
}

/** Keys from a document's root to one of its nodes, e.g. `['products', 3, 'name', 'hi']`. */
export type DocPath = readonly (string | number)[];

export interface CatalogProblem {
  /** The file as the loader was given it, e.g. `flows/catalog.yaml`. */
  file: string;
  /** 1-based line of the offending node, when it could be found. */
  line?: number;
  /** The entry and field in the author's words, e.g. `product[parboiled_rice] name.hi`; empty for the whole file. */
  where: string;
  message: string;
}

/** A catalog or tehsil file that breaks the schema or the rules; the message lists every problem, one a line. */
export class CatalogValidationError extends AppError {
  readonly problems: readonly CatalogProblem[];

  constructor(file: string, problems: readonly CatalogProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('CATALOG_INVALID', `${count} in ${file}:\n${problems.map(formatCatalogProblem).join('\n')}`, {
      file,
      problems,
    });
    this.problems = problems;
  }
}

export interface LoadOptions {
  /**
   * The form two names must not share across entries. The default ignores case, spacing and punctuation; the
   * runtime passes the matcher's own key (`matchKey` of nlu/match-key.ts), so that no two products can be
   * confused by the matcher either.
   */
  termKey?: (term: string) => string;
}

/** `file:line: where: message`, the way editors link to a place in a file. */
export function formatCatalogProblem({ file, line, where, message }: CatalogProblem): string {
  const place = line === undefined ? file : `${file}:${line}`;
  return where === '' ? `${place}: ${message}` : `${place}: ${where}: ${message}`;
}

/** Reads and checks `flows/catalog.yaml`; throws CatalogValidationError listing every problem. */
export function loadCatalog(path: string, options: LoadOptions = {}): Catalog {
  const products = loadEntries(path, PRODUCTS, options);
  const byId = new Map(products.map((product) => [product.id, product]));
  return { products, byId: (id) => byId.get(id) };
}

/** Reads and checks `flows/tehsils.yaml`; throws CatalogValidationError listing every problem. */
export function loadTehsils(path: string, options: LoadOptions = {}): TehsilList {
  const tehsils = loadEntries(path, TEHSILS, options);
  const byId = new Map(tehsils.map((tehsil) => [tehsil.id, tehsil]));
  return { tehsils, byId: (id) => byId.get(id) };
}

/**
 * Every name free text is matched against: the English and Hindi names, then the synonyms. A part of a name in
 * brackets explains rather than names ("Rice (kind not stated)"), so it is left out: what people type is listed
 * among the synonyms.
 */
export function entryTerms(entry: { name: { en: string; hi: string }; synonyms: readonly string[] }): string[] {
  return termsWithPaths(entry, []).map(({ term }) => term);
}

interface NamedEntry {
  id: string;
  name: { en: string; hi: string };
  synonyms: string[];
}

interface EntryKind<Entry extends NamedEntry> {
  /** The list's key in the file. */
  key: 'products' | 'tehsils';
  /** What one entry is called in messages: `product[parboiled_rice]`. */
  label: string;
  fileSchema: z.ZodType;
  entrySchema: z.ZodType<Entry, unknown>;
}

const PRODUCTS: EntryKind<CatalogProduct> = {
  key: 'products',
  label: 'product',
  fileSchema: CatalogFileSchema,
  entrySchema: ProductSchema,
};

const TEHSILS: EntryKind<Tehsil> = {
  key: 'tehsils',
  label: 'tehsil',
  fileSchema: TehsilFileSchema,
  entrySchema: TehsilSchema,
};

/** An entry that passed the schema, with where it sits in the file. */
interface Located<Entry> {
  entry: Entry;
  index: number;
}

interface Issue {
  path: DocPath;
  message: string;
}

function loadEntries<Entry extends NamedEntry>(file: string, kind: EntryKind<Entry>, options: LoadOptions): Entry[] {
  const source = readSource(file);
  const raw: unknown = source.doc.toJS({ maxAliasCount: 100 });
  const issues = check(kind.fileSchema, raw, []).issues;
  const items = valueAt(raw, [kind.key]);
  const valid: Located<Entry>[] = [];
  for (const [index, item] of (Array.isArray(items) ? items : []).entries()) {
    const checked = check(kind.entrySchema, item, [kind.key, index]);
    if (checked.data === undefined) issues.push(...checked.issues);
    else valid.push({ entry: checked.data, index });
  }
  issues.push(...duplicateIds(kind, valid, source), ...clashingTerms(kind, valid, source, options));
  if (issues.length > 0) throw new CatalogValidationError(file, toProblems(file, issues, raw, kind, source));
  return valid.map(({ entry }) => entry);
}

interface Source {
  doc: Document.Parsed;
  lineOf(path: DocPath): number | undefined;
}

function readSource(file: string): Source {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CatalogValidationError(file, [{ file, where: '', message: describeError(error) }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map(
      (error): CatalogProblem => ({
        file,
        line: lineCounter.linePos(error.pos[0]).line,
        where: '',
        message: error.message,
      }),
    );
    throw new CatalogValidationError(file, problems);
  }
  const lineOf = (path: DocPath) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { doc, lineOf };
}

/** The parsed value, or the issues with their paths from the document root (`at` is where `value` sits). */
function check<T>(schema: z.ZodType<T, unknown>, value: unknown, at: DocPath): { data?: T; issues: Issue[] } {
  const parsed = schema.safeParse(value, { error: explainIssue });
  if (parsed.success) return { data: parsed.data, issues: [] };
  const issues = parsed.error.issues.flatMap((issue): Issue[] => {
    const path = [...at, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))];
    if (issue.code !== 'unrecognized_keys') return [{ path, message: issue.message }];
    return issue.keys.map((key) => ({ path: [...path, key], message: 'unknown key' }));
  });
  return { issues };
}

/** Zod's messages in an editor's words where they are unclear: "required" for a missing field. */
function explainIssue(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'required' : `expected ${issue.expected}, got ${typeName(issue.input)}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array') {
    return `needs at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
  }
  if (issue.code === 'invalid_value' && issue.values.length === 1) {
    return `expected ${String(issue.values[0])}, got ${String(issue.input)}`;
  }
  return undefined;
}

function duplicateIds<Entry extends NamedEntry>(
  kind: EntryKind<Entry>,
  entries: readonly Located<Entry>[],
  source: Source,
): Issue[] {
  const firstIndex = new Map<string, number>();
  return entries.flatMap(({ entry, index }): Issue[] => {
    const first = firstIndex.get(entry.id);
    if (first === undefined) {
      firstIndex.set(entry.id, index);
      return [];
    }
    const line = source.lineOf([kind.key, first]);
    return [{ path: [kind.key, index, 'id'], message: `duplicate id '${entry.id}', first used ${onLine(line)}` }];
  });
}

/** A name that two entries share (after `termKey`) would make free text naming it mean either. */
function clashingTerms<Entry extends NamedEntry>(
  kind: EntryKind<Entry>,
  entries: readonly Located<Entry>[],
  source: Source,
  { termKey = plainKey }: LoadOptions,
): Issue[] {
  const owners = new Map<string, { id: string; path: DocPath }>();
  const issues: Issue[] = [];
  for (const { entry, index } of entries) {
    for (const { term, path } of termsWithPaths(entry, [kind.key, index])) {
      const key = termKey(term);
      if (key === '') {
        issues.push({ path, message: `'${term}' has no letters or digits to match` });
        continue;
      }
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, { id: entry.id, path });
      else if (owner.id !== entry.id) {
        const where = `${kind.label}[${owner.id}] ${onLine(source.lineOf(owner.path))}`;
        issues.push({ path, message: `'${term}' also names ${where}` });
      }
    }
  }
  return issues;
}

function termsWithPaths(
  entry: { name: { en: string; hi: string }; synonyms: readonly string[] },
  at: DocPath,
): { term: string; path: DocPath }[] {
  return [
    { term: withoutBrackets(entry.name.en), path: [...at, 'name', 'en'] },
    { term: withoutBrackets(entry.name.hi), path: [...at, 'name', 'hi'] },
    ...entry.synonyms.map((term, index) => ({ term, path: [...at, 'synonyms', index] })),
  ];
}

function withoutBrackets(name: string): string {
  return name.replace(/\s*\([^)]*\)/g, '').trim() || name;
}

/** Case, spacing and punctuation never tell two names apart. */
function plainKey(term: string): string {
  return term
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

function toProblems<Entry extends NamedEntry>(
  file: string,
  issues: readonly Issue[],
  raw: unknown,
  kind: EntryKind<Entry>,
  source: Source,
): CatalogProblem[] {
  return issues
    .map(({ path, message }): CatalogProblem => {
      const line = source.lineOf(path);
      return { file, ...(line !== undefined && { line }), where: describePath(raw, path, kind), message };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** `['products', 3, 'name', 'hi']` as `product[parboiled_rice] name.hi` (the index when the entry has no id). */
function describePath<Entry extends NamedEntry>(raw: unknown, path: DocPath, kind: EntryKind<Entry>): string {
  const [key, index, ...field] = path;
  if (key !== kind.key || typeof index !== 'number') return fieldName(path);
  const id = valueAt(raw, [key, index, 'id']);
  const entry = `${kind.label}[${typeof id === 'string' && id !== '' ? id : index}]`;
  return field.length === 0 ? entry : `${entry} ${fieldName(field)}`;
}

function fieldName(path: DocPath): string {
  return path.map((key, at) => (typeof key === 'number' ? `[${key}]` : at === 0 ? key : `.${key}`)).join('');
}

function valueAt(value: unknown, path: DocPath): unknown {
  let node = value;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function onLine(line: number | undefined): string {
  return line === undefined ? 'earlier' : `on line ${line}`;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

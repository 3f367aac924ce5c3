/**
 * The FAQ knowledge base officers keep (`flows/faq/<topic>.yaml`): entries with at least five phrasings per
 * language, an answer in Hindi and English, its source and the date it was last reviewed. Read and checked at
 * start-up like the flows: a broken file stops the bot with every problem listed, one a line.
 *
 * Besides the schema, three rules: ids are unique across files, `related` names existing entries, and an answer
 * carries no figure the programme's source does not state (`QUOTABLE_FIGURES`): the bot never invents a rate, an
 * amount or a deadline, and this is where that is enforced.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { EVENT_KINDS } from '../events/programme-events.js';

export const FAQ_TOPICS = [
  'msme-policy',
  'export-finance',
  'postal-export',
  'ecommerce',
  'gi-tagging',
  'certification',
  'district-profile',
  'events',
  'other',
] as const;
export type FaqTopic = (typeof FAQ_TOPICS)[number];

export const MIN_PHRASINGS = 5;

/**
 * The figures an answer may contain: those the ODOP workshop report states (../shared/seed, quoted as stated, even
 * where they disagree), and the years it names. Anything else in an answer is refused at start-up.
 */
export const QUOTABLE_FIGURES: ReadonlySet<string> = new Set([
  '221.76',
  '11.24',
  '52',
  '1.95',
  '9',
  '61',
  '6',
  '3',
  '40',
  '10',
  '2024-25',
  '2025',
]);

const Bilingual = z.strictObject({ hi: z.string().min(1), en: z.string().min(1) });
const Phrasings = z.array(z.string().min(3)).min(MIN_PHRASINGS);
const ENTRY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const FaqEntrySchema = z.strictObject({
  id: z.string().regex(ENTRY_ID, 'entry ids are lower-kebab-case'),
  reviewed: z.union([z.string(), z.date()]).transform((value, context) => {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) context.addIssue({ code: 'custom', message: 'expected YYYY-MM-DD' });
    return text;
  }),
  source: Bilingual,
  questions: z.strictObject({ en: Phrasings, hi: Phrasings, hinglish: Phrasings }),
  answer: Bilingual,
  related: z.array(z.string()).max(3).default([]),
  /**
   * Kinds of programme events this entry is about: the answer lists the upcoming ones officers entered (their
   * dates come from the district office, never from the entry).
   */
  events: z.array(z.enum(EVENT_KINDS)).optional(),
});
export type FaqEntry = z.infer<typeof FaqEntrySchema> & { topic: FaqTopic };

const FaqFileSchema = z.strictObject({
  specVersion: z.literal(1),
  topic: z.enum(FAQ_TOPICS),
  entries: z.array(FaqEntrySchema).min(1),
});

export interface KnowledgeBase {
  readonly entries: readonly FaqEntry[];
  byId(id: string): FaqEntry | undefined;
}

export class KnowledgeBaseError extends AppError {
  constructor(readonly problems: readonly string[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('FAQ_INVALID', `${count} in the FAQ knowledge base:\n${problems.join('\n')}`, { problems });
  }
}

/** Reads and checks every `*.yaml` of `dir`; throws KnowledgeBaseError listing every problem. */
export function loadKnowledgeBase(dir: string): KnowledgeBase {
  const problems: string[] = [];
  const entries: FaqEntry[] = [];
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    let parsed: unknown;
    try {
      parsed = parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = FaqFileSchema.safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(`${file}: ${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    if (basename(name, '.yaml') !== result.data.topic) {
      problems.push(`${file}: topic '${result.data.topic}' must match the file name`);
    }
    for (const entry of result.data.entries) entries.push({ ...entry, topic: result.data.topic });
  }
  problems.push(...ruleProblems(entries));
  if (problems.length > 0) throw new KnowledgeBaseError(problems);
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return { entries, byId: (id) => byId.get(id) };
}

function ruleProblems(entries: readonly FaqEntry[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) problems.push(`entry ${entry.id}: the id is used twice`);
    ids.add(entry.id);
  }
  for (const entry of entries) {
    for (const related of entry.related) {
      if (!ids.has(related)) problems.push(`entry ${entry.id}: related '${related}' is no entry`);
    }
    for (const language of ['hi', 'en'] as const) {
      for (const figure of figuresIn(entry.answer[language])) {
        if (!QUOTABLE_FIGURES.has(figure)) {
          problems.push(
            `entry ${entry.id}: answer.${language} says '${figure}', a figure the programme's source does not state`,
          );
        }
      }
    }
  }
  return problems;
}

const DEVANAGARI_DIGITS = /[०-९]/g;

/** The numbers in a text ("₹221.76 crore" → 221.76; "2024-25"; Devanagari digits read as ASCII). */
export function figuresIn(text: string): string[] {
  const ascii = text.replace(DEVANAGARI_DIGITS, (digit) => String(digit.charCodeAt(0) - 0x0966));
  return ascii.match(/\d+(?:[.,]\d+)*(?:-\d{2})?/g)?.map((figure) => figure.replace(/,/g, '')) ?? [];
}

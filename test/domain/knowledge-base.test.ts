/**
 * The FAQ knowledge base is checked at start-up: the project's files load, and a file with an invented figure, a
 * missing related entry, a duplicate id or too few phrasings stops start-up with every problem listed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figuresIn, KnowledgeBaseError, loadKnowledgeBase } from '../../src/domain/faq/knowledge-base.js';

const FLOWS_FAQ = join(import.meta.dirname, '..', '..', 'flows', 'faq');
const five = (prefix: string) => [1, 2, 3, 4, 5].map((n) => `${prefix} question ${'x'.repeat(n)}`);

function entry(id: string, answer: string, related: string[] = []) {
  return {
    id,
    reviewed: '2026-11-30',
    source: { en: 'ODOP workshop', hi: 'ODOP कार्यशाला' },
    questions: { en: five('en'), hi: five('hi'), hinglish: five('hinglish') },
    answer: { en: answer, hi: answer },
    related,
  };
}

function kbWith(entries: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'faq-'));
  writeFileSync(join(dir, 'export-finance.yaml'), JSON.stringify({ specVersion: 1, topic: 'export-finance', entries }));
  return dir;
}

describe('the FAQ knowledge base', () => {
  it('loads the project’s entries, every topic with phrasings in three languages', () => {
    const kb = loadKnowledgeBase(FLOWS_FAQ);
    expect(kb.entries.length).toBeGreaterThanOrEqual(30);
    expect(new Set(kb.entries.map((each) => each.topic)).size).toBe(9);
    expect(kb.byId('packing-credit')?.answer.hi).toContain('पैकिंग क्रेडिट');
  });

  it('refuses an answer with a figure the source does not state, and names every problem', () => {
    const dir = kbWith([
      entry('packing-credit', 'Packing credit costs 7.5% a year.', ['missing-entry']),
      entry('packing-credit', 'Ask your branch.'),
    ]);
    expect(() => loadKnowledgeBase(dir)).toThrow(KnowledgeBaseError);
    try {
      loadKnowledgeBase(dir);
    } catch (error) {
      const problems = (error as KnowledgeBaseError).problems;
      expect(problems).toContain(
        "entry packing-credit: answer.en says '7.5', a figure the programme's source does not state",
      );
      expect(problems).toContain('entry packing-credit: the id is used twice');
      expect(problems).toContain("entry packing-credit: related 'missing-entry' is no entry");
    }
  });

  it('lets the source’s own figures through, as stated', () => {
    expect(figuresIn('₹221.76 करोड़ (2024-25), ५२% हिस्सा')).toEqual(['221.76', '2024-25', '52']);
    const dir = kbWith([
      entry('district', 'Exports were ₹221.76 crore in FY 2024-25; parboiled rice ₹11.24 crore, "52% share".'),
    ]);
    expect(loadKnowledgeBase(dir).entries).toHaveLength(1);
  });

  it('wants five phrasings in each language', () => {
    const short = entry('short', 'Ask DIC Sagar.');
    short.questions.hinglish = short.questions.hinglish.slice(0, 4);
    expect(() => loadKnowledgeBase(kbWith([short]))).toThrow(/questions\.hinglish/);
  });
});

import { describe, expect, it } from 'vitest';
import { buildPhraseIndex, buildPhraseSet, rowsOf } from '../../src/nlu/inquiry-phrases.js';
import { inquiryTokens } from '../../src/nlu/inquiry-text.js';

const index = buildPhraseIndex(rowsOf({ CFR: 'cfr | c & f | cost and freight', COST: 'cost', TON: 'टन | ton' }));

describe('buildPhraseIndex', () => {
  it('matches the longest phrase starting at a token', () => {
    const tokens = inquiryTokens('cost and freight basis');
    expect(index.matchAt(tokens, 0)).toEqual({ meaning: 'CFR', start: 0, end: 3 });
    expect(index.matchAt(inquiryTokens('cost kya hai'), 0)).toEqual({ meaning: 'COST', start: 0, end: 1 });
    expect(index.matchAt(tokens, 3)).toBeUndefined();
    expect(index.matchAt(tokens, 99)).toBeUndefined();
  });

  it('normalizes its phrases like messages', () => {
    expect(index.matchAt(inquiryTokens('C&F'), 0)?.meaning).toBe('CFR');
    expect(index.matchAt(inquiryTokens('TON'), 0)?.meaning).toBe('TON');
  });

  it('finds every phrase in order, without overlaps', () => {
    const found = index.findAll(inquiryTokens('50 टन, cost and freight; cost'));
    expect(found.map(({ meaning, start }) => [meaning, start])).toEqual([
      ['TON', 1],
      ['CFR', 2],
      ['COST', 5],
    ]);
  });

  it('refuses a phrase listed under two meanings', () => {
    expect(() =>
      buildPhraseIndex([
        ['A', 'ton'],
        ['B', 'TON'],
      ]),
    ).toThrow('phrase table: "TON" means both A and B');
    expect(() => buildPhraseIndex([['A', 'ton | ton']])).not.toThrow();
  });

  it('refuses a phrase that tokenizing would change', () => {
    // A foot mark is a token only right after a figure: "20 '" would be read as "20".
    expect(() => buildPhraseSet("20 '")).toThrow(/not read as written/);
    expect(() => buildPhraseSet('!!')).toThrow(/not read as written/);
  });
});

import { describe, expect, it } from 'vitest';
import { fuzzySimilarity, pickUnambiguous, similarity } from '../../src/nlu/similarity.js';

describe('similarity', () => {
  it('is 1 for equal strings and high for a typo', () => {
    expect(similarity('basmati', 'basmati')).toBe(1);
    expect(similarity('basmati', 'basmti')).toBeGreaterThan(0.9);
    expect(similarity('basmati', 'wheat')).toBeLessThan(0.7);
  });

  it('works on Devanagari code units', () => {
    expect(similarity('चावल', 'चावाल')).toBeGreaterThan(0.9);
  });
});

describe('fuzzySimilarity', () => {
  it('refuses words too short to compare by spelling', () => {
    expect(fuzzySimilarity('ton', 'tan')).toBe(0);
    expect(fuzzySimilarity('yes', 'yea')).toBe(0);
    expect(fuzzySimilarity('yes', 'yes')).toBe(1);
    expect(fuzzySimilarity('gehu', 'gehun')).toBeGreaterThan(0.9);
  });
});

describe('pickUnambiguous', () => {
  const rule = { threshold: 0.9, margin: 0.05 };

  it('picks the best candidate above the threshold', () => {
    expect(
      pickUnambiguous(
        [
          { id: 'a', score: 0.95 },
          { id: 'b', score: 0.7 },
        ],
        rule,
      ),
    ).toEqual({ id: 'a', score: 0.95 });
  });

  it('refuses two different ids within the margin', () => {
    expect(
      pickUnambiguous(
        [
          { id: 'a', score: 0.95 },
          { id: 'b', score: 0.93 },
        ],
        rule,
      ),
    ).toBeUndefined();
  });

  it('does not count one id twice as ambiguity', () => {
    expect(
      pickUnambiguous(
        [
          { id: 'a', score: 0.95 },
          { id: 'a', score: 0.94 },
        ],
        rule,
      ),
    ).toEqual({ id: 'a', score: 0.95 });
  });

  it('returns undefined when nothing reaches the threshold', () => {
    expect(pickUnambiguous([{ id: 'a', score: 0.8 }], rule)).toBeUndefined();
    expect(pickUnambiguous([], rule)).toBeUndefined();
  });
});

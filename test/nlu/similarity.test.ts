import { describe, expect, it } from 'vitest';
import {
  commonLetters,
  fuzzySimilarity,
  letterCounts,
  pickUnambiguous,
  similarity,
  similarityBound,
} from '../../src/nlu/similarity.js';

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

describe('similarityBound', () => {
  it('is never below the similarity of two strings of those lengths', () => {
    const words = ['basmati', 'basmti', 'bangladesh', 'bangladsh', 'oman', 'omen', 'sela', 'parboiled', 'a', 'चावल'];
    for (const a of words) {
      for (const b of words)
        expect(similarityBound(a.length, b.length), `${a}/${b}`).toBeGreaterThanOrEqual(similarity(a, b));
    }
  });

  it('is never below the similarity of two strings with those letters in common', () => {
    const words = ['basmati', 'basmti', 'bangladesh', 'bangladsh', 'desh', 'oman', 'sela', 'chawal', 'चावल', 'चाबल'];
    for (const a of words) {
      for (const b of words) {
        const common = commonLetters(letterCounts(a), letterCounts(b));
        expect(similarityBound(a.length, b.length, common), `${a}/${b}`).toBeGreaterThanOrEqual(similarity(a, b));
      }
    }
  });

  it('rules out strings of very different lengths', () => {
    expect(similarityBound(4, 10)).toBeLessThan(0.92);
    expect(similarityBound(6, 6)).toBe(1);
    expect(similarityBound(0, 0)).toBe(1);
    expect(similarityBound(0, 3)).toBe(0);
  });
});

describe('commonLetters', () => {
  it('counts shared letters with their repeats', () => {
    expect(commonLetters(letterCounts('banana'), letterCounts('bandana'))).toBe(6);
    expect(commonLetters(letterCounts('sela'), letterCounts('टन'))).toBe(0);
    expect(letterCounts('चावल')).toEqual(
      new Map([
        ['च', 1],
        ['ा', 1],
        ['व', 1],
        ['ल', 1],
      ]),
    );
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

/**
 * The intent classifier on its own: features across scripts and spellings, `other` for the unknown, calibrated
 * confidences, and never `stop` or `start` whatever it is trained on.
 */
import { describe, expect, it } from 'vitest';
import { intentFeatures, trainIntentClassifier } from '../../src/nlu/intent.js';
import { expandShorthand } from '../../src/nlu/shorthand.js';

const EXAMPLES = [
  { intent: 'faq', text: 'packing credit kya hai' },
  { intent: 'faq', text: 'IEC kaise banwaye' },
  { intent: 'faq', text: 'what is a letter of credit' },
  { intent: 'faq', text: 'निर्यात के लिए लोन कैसे मिलेगा' },
  { intent: 'post_inquiry', text: 'mujhe 50 ton chawal chahiye' },
  { intent: 'post_inquiry', text: 'need 20 MT soybean meal' },
  { intent: 'post_inquiry', text: 'सेला चावल चाहिए 100 टन' },
  { intent: 'greeting', text: 'namaste ji' },
  { intent: 'greeting', text: 'good morning sir' },
  { intent: 'other', text: 'aaj match kaun jeetega' },
  { intent: 'other', text: 'what a lovely weather' },
  // Even if someone writes STOP examples into a flow, the classifier must not learn them.
  { intent: 'stop', text: 'please stop sending' },
  { intent: 'start', text: 'start again please' },
] as const;

const classifier = trainIntentClassifier(EXAMPLES);

describe('intent features', () => {
  it('are the same for Hinglish spellings and their Devanagari', () => {
    const latin = intentFeatures('chawal chahiye');
    const devanagari = intentFeatures('चावल चाहिए');
    expect(latin.filter((feature) => !feature.startsWith('#'))).toEqual(
      devanagari.filter((feature) => !feature.startsWith('#')),
    );
  });

  it('add concepts: "rqd", "chahiye" and "need" are all a need, "ऋण" and "loan" finance', () => {
    expect(intentFeatures('qty rqd')).toContain('@need');
    expect(intentFeatures('chahiye')).toContain('@need');
    expect(intentFeatures('ऋण')).toContain('@finance');
    expect(intentFeatures('loan')).toContain('@finance');
  });

  it('write chat shorthand out', () => {
    expect(['pls', 'rqd', 'qty', 'PLZ'].map(expandShorthand)).toEqual(['please', 'required', 'quantity', 'please']);
    expect(expandShorthand('rice')).toBe('rice');
  });
});

describe('the classifier', () => {
  it('reads what it was taught, in any script', () => {
    expect(classifier.classify('loan kaise milega export ke liye').intent).toBe('faq');
    expect(classifier.classify('need 200 ton chawal').intent).toBe('post_inquiry');
  });

  it('says `other` for a message of words it never saw', () => {
    expect(classifier.classify('zxqv blorp')).toEqual({ intent: 'other', confidence: 1 });
  });

  it('ranks every trained intent with confidences that sum to 1', () => {
    const ranked = classifier.rank('packing credit kya hai');
    expect(ranked[0]?.intent).toBe('faq');
    expect(ranked.map((guess) => guess.confidence)).toEqual(
      [...ranked.map((guess) => guess.confidence)].sort((a, b) => b - a),
    );
    expect(ranked.reduce((sum, guess) => sum + guess.confidence, 0)).toBeCloseTo(1, 6);
  });

  it('never answers stop or start, even when examples of them were given', () => {
    for (const text of ['please stop sending', 'stop', 'start again please', 'band karo']) {
      expect(['stop', 'start']).not.toContain(classifier.classify(text).intent);
      expect(classifier.rank(text).map((guess) => guess.intent)).not.toContain('stop');
    }
  });

  it('is `other` below the confidence floor', () => {
    const strict = trainIntentClassifier(EXAMPLES, { floor: 0.99 });
    expect(strict.classify('chawal').intent).toBe('other');
  });
});

import { describe, expect, it } from 'vitest';
import { asksForMore } from '../../src/nlu/more.js';

describe('asking for more', () => {
  it('reads "more" as people write it, in Hindi, Hinglish and English, courtesy words aside', () => {
    for (const text of [
      'more',
      'Tell me more',
      'aur batao',
      'Aur bataiye please',
      'और बताइए',
      'आगे बताओ',
      'aur jankari',
    ]) {
      expect(asksForMore(text), text).toBe(true);
    }
  });

  it('leaves a question that says more than that to be answered as a question', () => {
    for (const text of ['aur batao packing credit ke baare me', 'more rice buyers', 'और लोन कैसे मिलेगा', '2']) {
      expect(asksForMore(text), text).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { buildPhraseTable, POLITE_FILLERS, phraseKey, phrasesOf } from '../../src/nlu/phrases.js';

describe('phraseKey', () => {
  it('normalizes, drops punctuation and emoji, and removes the given fillers', () => {
    expect(phraseKey('  Please, STOP!! 🙏 ', POLITE_FILLERS)).toBe('stop');
    expect(phraseKey('कृपया   मदद करें।', POLITE_FILLERS)).toBe('मदद करें');
    expect(phraseKey('Please stop')).toBe('please stop');
  });
});

describe('phrasesOf', () => {
  it('splits a |-separated list across lines', () => {
    expect(phrasesOf('stop | stop all |\n  बंद करो | ')).toEqual(['stop', 'stop all', 'बंद करो']);
  });
});

describe('buildPhraseTable', () => {
  it('maps every normalized phrase to its meaning', () => {
    const table = buildPhraseTable({ yes: 'Haan | हाँ', no: 'nahi' });
    expect(table.get('haan')).toBe('yes');
    expect(table.get('हां')).toBe('yes');
    expect(table.get('nahi')).toBe('no');
  });

  it('rejects a phrase listed under two meanings', () => {
    expect(() => buildPhraseTable({ yes: 'ok', no: 'OK' })).toThrow(/"OK" means both "yes" and "no"/);
  });
});

import { describe, expect, it } from 'vitest';
import { matchKey, matchKeyWords, wordKey } from '../../src/nlu/match-key.js';

/** Asserts that all spellings give one key, and returns it. */
function sameKey(...spellings: string[]): string {
  const keys = spellings.map(matchKey);
  expect(new Set(keys), spellings.join(' / ')).toHaveProperty('size', 1);
  return keys[0]!;
}

describe('matchKey', () => {
  it('gives Hinglish and Devanagari spellings of a word one key', () => {
    expect(sameKey('chawal', 'chaval', 'chaawal', 'Chawal', 'चावल')).toBe('caval');
    expect(sameKey('sela', 'sella', 'सेला')).toBe('sela');
    expect(sameKey('gehun', 'gehu', 'gehoon', 'gehoo', 'गेहूं', 'गेहूँ')).toBe('gehu');
    expect(sameKey('khali', 'khaali', 'खली')).toBe('khali');
    expect(sameKey('usna', 'उसना')).toBe('usna');
    expect(sameKey('masoor', 'masur', 'मसूर')).toBe('masur');
    expect(sameKey('moong', 'mung', 'मूंग', 'मूँग')).toBe('mung');
    expect(sameKey('dhaniya', 'dhania', 'धनिया')).toBe('dhania');
    expect(sameKey('soyabean', 'soyabeen', 'सोयाबीन')).toBe('soyabi');
  });

  it('keys phrases word by word', () => {
    expect(sameKey('sela chawal', 'Sela  Chaval!', 'सेला चावल')).toBe('sela caval');
    expect(sameKey('sarson khali', 'sarso khali', 'सरसों खली')).toBe('sarso khali');
    expect(sameKey('dona pattal', 'dona-patal', 'दोना पत्तल')).toBe('dona patal');
    expect(matchKeyWords('soya DOC 48%')).toEqual(['soya', 'doc', '48']);
  });

  it('silences the schwas Hindi does not pronounce', () => {
    // Word-final: चावल is "chawal", not Sanskrit "chawala".
    expect(wordKey('चावल')).toBe('caval');
    expect(wordKey('सागर')).toBe('sagar');
    // Between single consonants: सरसों is "sarson", लहसुन "lahsun", राहतगढ़ "rahatgarh".
    expect(wordKey('सरसों')).toBe(wordKey('sarson'));
    expect(wordKey('लहसुन')).toBe(wordKey('lahsun'));
    expect(wordKey('राहतगढ़')).toBe(wordKey('rahatgarh'));
    // Not after a final cluster ending in र/य/व, nor where a vowel sign is written.
    expect(wordKey('मित्र')).toBe('mitra');
    expect(wordKey('चना')).toBe('cana');
    expect(wordKey('खुरई')).toBe('khurai');
  });

  it('folds the letters Hinglish writes more than one way', () => {
    expect(sameKey('garhakota', 'gadhakota', 'गढ़ाकोटा')).toBe('gadhakota');
    expect(sameKey('rehli', 'rahli', 'रहली')).toBe('rahli');
    expect(sameKey('malthon', 'मालथौन')).toBe('maltho');
    expect(sameKey('shahgarh', 'शाहगढ़', 'शाहगढ')).toBe('shahgadh');
    expect(sameKey('phali', 'fali')).toBe('fali');
    expect(sameKey('zeera', 'jira', 'जीरा', 'ज़ीरा')).toBe('jira');
    expect(sameKey('eent', 'int', 'ईंट')).toBe('int');
  });

  it('keeps numbers whole, doubled digits included', () => {
    expect(matchKey('1121 सेला')).toBe('1121 sela');
    expect(sameKey('IR-64 sela', 'ir 64 sela', 'IR64 sela')).toBe('ir 64 sela');
    expect(matchKey('१५०९ स्टीम')).toBe(matchKey('1509 steam'));
  });

  it('reads the English vowels ॉ and ॅ like ो and े', () => {
    expect(wordKey('कॉटन')).toBe(wordKey('कोटन'));
    expect(wordKey('डॉक')).toBe('dok');
  });

  it('keeps apart words that only look alike', () => {
    expect(matchKey('sela')).not.toBe(matchKey('soya'));
    expect(matchKey('dhan')).not.toBe(matchKey('dhaniya'));
    expect(matchKey('chana')).not.toBe(matchKey('chawal'));
    // A final "n" after "a" is a consonant, not a nasal vowel.
    expect(wordKey('dhan')).toBe('dhan');
  });

  it('drops punctuation and emoji, and is empty for text without words', () => {
    expect(matchKey('👍 sela!!')).toBe('sela');
    expect(matchKey('...')).toBe('');
    expect(matchKeyWords('')).toEqual([]);
  });
});

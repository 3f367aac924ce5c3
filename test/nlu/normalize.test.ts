import { describe, expect, it } from 'vitest';
import { detectScript, normalizeText, type Script, toAsciiDigits, tokenize } from '../../src/nlu/normalize.js';

describe('toAsciiDigits', () => {
  it.each([
    ['५०', '50'],
    ['०१२३४५६७८९', '0123456789'],
    ['५० टन और 20 kg', '50 टन और 20 kg'],
    ['no digits', 'no digits'],
  ])('%s → %s', (input, expected) => {
    expect(toAsciiDigits(input)).toBe(expected);
  });
});

describe('normalizeText', () => {
  it.each([
    ['trims and collapses whitespace', '  mujhe \t 50\n\nton  ', 'mujhe 50 ton'],
    ['lower-cases Latin letters', 'STOP Sela Chawal', 'stop sela chawal'],
    ['converts Devanagari digits', '५० टन', '50 टन'],
    ['strips zero-width characters', 'st\u200Bop\uFEFF', 'stop'],
    ['removes ZWJ/ZWNJ inside a Devanagari word', 'क्\u200Dष', 'क्ष'],
    ['removes a precomposed nukta letter', '\u095B', '\u091C'],
    ['removes a combining nukta', 'हज\u093Cार', 'हजार'],
    ['removes the nukta of letters NFC keeps precomposed', '\u0929', '\u0928'],
    ['folds chandrabindu to anusvara', 'हाँ', 'हां'],
    ['composes decomposed Latin to NFC', 'cafe\u0301', 'café'],
    ['keeps punctuation', 'Stop!', 'stop!'],
  ])('%s', (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('gives the same key to the usual ways of typing one Hindi word', () => {
    expect(normalizeText('हज़ार')).toBe(normalizeText('हजार'));
    expect(normalizeText('हाँ')).toBe(normalizeText('हां'));
    expect(normalizeText('करोड़')).toBe(normalizeText('करोड'));
  });
});

describe('tokenize', () => {
  it.each<[string, string, string[]]>([
    ['Latin words, punctuation dropped', 'Hello, world! How are you?', ['Hello', 'world', 'How', 'are', 'you']],
    ['Devanagari words keep matras, virama, anusvara', 'मुझे संख्या क्षेत्र हां', ['मुझे', 'संख्या', 'क्षेत्र', 'हां']],
    ['Devanagari danda is punctuation', 'धन्यवाद। ठीक है॥', ['धन्यवाद', 'ठीक', 'है']],
    ['decimal numbers', '2.5 ton', ['2.5', 'ton']],
    ['Devanagari digits stay one number', '५० टन, २.५ किलो', ['५०', 'टन', '२.५', 'किलो']],
    ['numbers split from glued words', '50MT टन५० 20ft', ['50', 'MT', 'टन', '५०', '20', 'ft']],
    ['grouped thousands stay one number', '1,200 kg and 1,20,000 bags', ['1,200', 'kg', 'and', '1,20,000', 'bags']],
    ['Western grouping', '12,345,678', ['12,345,678']],
    ['a comma list of small numbers is several numbers', '1,3', ['1', '3']],
    ['a comma before four digits is not grouping', '1,2345', ['1', '2345']],
    ['emoji and symbols dropped', 'stop 🛑 ✅ ₹500', ['stop', '500']],
    ['mixed scripts', 'mujhe 50 टन sela चावल chahiye', ['mujhe', '50', 'टन', 'sela', 'चावल', 'chahiye']],
    ['zero-width joiners do not split a word', 'st\u200Bop', ['stop']],
    ['empty text', '  ', []],
  ])('%s', (_, input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });

  it('applies NFC first, so decomposed nukta text yields the composed word', () => {
    expect(tokenize('\u0928\u093C')).toEqual(['\u0929']);
  });
});

describe('detectScript', () => {
  it.each<[string, Script]>([
    ['hello', 'latin'],
    ['नमस्ते', 'devanagari'],
    ['५० टन', 'devanagari'],
    ['50 टन rice', 'mixed'],
    ['५०', 'none'],
    ['123 !?', 'none'],
    ['👍', 'none'],
    ['', 'none'],
  ])('%s → %s', (input, expected) => {
    expect(detectScript(input)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parseNumber, parseNumeral, readNumber } from '../../src/nlu/number.js';

describe('parseNumber', () => {
  it.each<[string, number]>([
    ['50', 50],
    ['५०', 50],
    ['0', 0],
    ['2.5', 2.5],
    ['२.५', 2.5],
    ['1,200', 1200],
    ['१,२००', 1200],
    ['1,20,000', 120000],
    ['12,345,678', 12345678],
    ['1.5 lakh', 150000],
    ['1.5 लाख', 150000],
    ['1.5lakh', 150000],
    ['2 lac', 200000],
    ['2 crore', 20000000],
    ['२ करोड़', 20000000],
    ['2 करोड', 20000000],
    ['2cr', 20000000],
    ['5 hazaar', 5000],
    ['5 hazar', 5000],
    ['5 हज़ार', 5000],
    ['5 हजार', 5000],
    ['5 thousand', 5000],
    ['50k', 50000],
    ['5 sau', 500],
    ['3 million', 3000000],
    ['2.3 lakh', 230000],
    ['1.1 crore', 11000000],
    ['dedh lakh', 150000],
    ['डेढ़ लाख', 150000],
    ['dhai hazaar', 2500],
    ['ek', 1],
    ['दस', 10],
    ['lagbhag 500', 500],
    ['approx. 500', 500],
    ['लगभग ५००', 500],
    ['  500!  ', 500],
    // Tens and hundreds in words, and Indian numbers said largest part first.
    ['pachas', 50],
    ['पचास', 50],
    ['सौ', 100],
    ['ढाई सौ', 250],
    ['do sau', 200],
    ['डेढ़ हज़ार', 1500],
    ['do sau pachas', 250],
    ['ek lakh bees hazaar', 120000],
    ['1 lakh 20 hazaar', 120000],
    ['पांच हजार पांच सौ', 5500],
    // Quarter steps before a number, then its scale: 4½ hundred, 2¼ hundred, 4¾ hundred.
    ['साढ़े चार सौ', 450],
    ['साढे चार सौ', 450],
    ['saadhe teen sau', 350],
    ['sadhe teen sau', 350],
    ['सवा दो सौ', 225],
    ['sawa do sau', 225],
    ['पौने पाँच सौ', 475],
    ['paune paanch sau', 475],
    ['paune do sau', 175],
    ['डेढ़ सौ', 150],
    ['ढाई हज़ार', 2500],
    ['साढ़े तीन लाख', 350000],
    ['sawa lakh', 125000],
    ['साढ़े 4 सौ', 450],
    ['साढ़े पांच', 5.5],
  ])('%s → %d', (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });

  it.each([
    '',
    'abc',
    'lakh',
    '-5',
    '− 5',
    '1,2',
    '2.5.3',
    '50 ton',
    '1 2',
    'price 500',
    '2 sau 50',
    '5 hazaar do',
    // A quarter step alone, or before a word that is no number.
    'sawa',
    'साढ़े',
    'paune ghante',
  ])('%s is not a number', (input) => {
    expect(parseNumber(input)).toBeUndefined();
  });
});

describe('parseNumeral', () => {
  it.each<[string, number | undefined]>([
    ['1,200', 1200],
    ['2.5', 2.5],
    ['12', 12],
    ['ton', undefined],
    ['', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseNumeral(input)).toBe(expected);
  });
});

describe('readNumber', () => {
  it('reads a number and its scale words from the middle of a token list', () => {
    expect(readNumber(['bhav', '1.5', 'lakh', 'rupaye'], 1)).toEqual({ value: 150000, end: 3, spelled: false });
  });

  it('multiplies successive scale words', () => {
    expect(readNumber(['2', 'hazaar', 'crore'], 0)).toEqual({ value: 20000000000, end: 3, spelled: false });
  });

  it('says when the number was spelled as a word', () => {
    expect(readNumber(['dedh', 'lakh'], 0)).toEqual({ value: 150000, end: 2, spelled: true });
  });

  it('adds a smaller part after a scale only when it is clearly a number', () => {
    // "5 hazaar do" is "give 5000"; "2 sau 50 ton" is 200 and then 50 ton.
    expect(readNumber(['5', 'hazaar', 'do'], 0)).toEqual({ value: 5000, end: 2, spelled: false });
    expect(readNumber(['2', 'sau', '50', 'ton'], 0)).toEqual({ value: 200, end: 2, spelled: false });
    expect(readNumber(['do', 'sau', 'pachas', 'ton'], 0)).toEqual({ value: 250, end: 3, spelled: true });
  });

  it('reads a quarter step with the number it changes, as spelled', () => {
    expect(readNumber(['saadhe', 'char', 'sau', 'ton'], 0)).toEqual({ value: 450, end: 3, spelled: true });
    expect(readNumber(['sawa', 'lakh', 'kg'], 0)).toEqual({ value: 125000, end: 2, spelled: true });
    expect(readNumber(['paune', 'ton'], 0)).toBeUndefined();
  });

  it('returns undefined where no number starts', () => {
    expect(readNumber(['bhav', '500'], 0)).toBeUndefined();
    expect(readNumber(['500'], 1)).toBeUndefined();
  });
});

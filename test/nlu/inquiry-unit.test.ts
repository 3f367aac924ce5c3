import { describe, expect, it } from 'vitest';
import { inquiryTokens } from '../../src/nlu/inquiry-text.js';
import { type InquiryUnit, isPackage, isWeight, KG_PER_UNIT, readUnit } from '../../src/nlu/inquiry-unit.js';

const unitOf = (text: string) => readUnit(inquiryTokens(text), 0)?.unit;

describe('readUnit', () => {
  it.each<[string, InquiryUnit]>([
    ['ton', 'MT'],
    ['tons', 'MT'],
    ['tonne', 'MT'],
    ['metric ton', 'MT'],
    ['MT', 'MT'],
    ['mts', 'MT'],
    ['M.T.', 'MT'],
    ['tan', 'MT'],
    ['टन', 'MT'],
    ['quintal', 'quintal'],
    ['qtl', 'quintal'],
    ['kuntal', 'quintal'],
    ['क्विंटल', 'quintal'],
    ['kg', 'kg'],
    ['kilo', 'kg'],
    ['किलो', 'kg'],
    ['container', 'container'],
    ['FCL', 'container'],
    ['कंटेनर', 'container'],
    ['bag', 'bag'],
    ['bori', 'bag'],
    ['katta', 'bag'],
    ['बोरी', 'bag'],
    ['pieces', 'piece'],
    ['pcs', 'piece'],
    ['nos', 'piece'],
    ['numbers', 'piece'],
    ['पीस', 'piece'],
    ['नग', 'piece'],
    ['nag', 'piece'],
    ['नंबर', 'piece'],
    // Goods counted by their own noun.
    ['dona pattal', 'piece'],
    ['pattal', 'piece'],
    ['पत्तल', 'piece'],
    ['दोना', 'piece'],
    ['स्लैब', 'piece'],
    ['tokri', 'piece'],
    ['टोकरियां', 'piece'],
    ['khilone', 'piece'],
    ['थैले', 'piece'],
    ['slabs', 'piece'],
    ['idols', 'piece'],
    ['statues', 'piece'],
    ['plates', 'piece'],
    ['मूर्तियां', 'piece'],
    ['sq ft', 'sqft'],
    ['sq. ft.', 'sqft'],
    ['sqft', 'sqft'],
    ['square feet', 'sqft'],
    ['वर्ग फुट', 'sqft'],
  ])('%s → %s', (text, unit) => {
    expect(unitOf(text)).toBe(unit);
  });

  it('reads a container size as a container, with or without the word', () => {
    expect(readUnit(inquiryTokens('20ft containers'), 0)).toEqual({ unit: 'container', start: 0, end: 3 });
    expect(readUnit(inquiryTokens("40' HC"), 0)).toEqual({ unit: 'container', start: 0, end: 3 });
    expect(readUnit(inquiryTokens('40 feet'), 0)).toEqual({ unit: 'container', start: 0, end: 2 });
    expect(readUnit(inquiryTokens('20 फीट कंटेनर'), 0)).toEqual({ unit: 'container', start: 0, end: 3 });
  });

  it('marks bags that are the goods bought, not packing', () => {
    expect(readUnit(inquiryTokens('jute bags'), 0)).toEqual({ unit: 'bag', start: 0, end: 2, goods: true });
    expect(readUnit(inquiryTokens('जूट बैग'), 0)).toEqual({ unit: 'bag', start: 0, end: 2, goods: true });
    expect(readUnit(inquiryTokens('कपड़े के बैग'), 0)).toEqual({ unit: 'bag', start: 0, end: 3, goods: true });
    expect(readUnit(inquiryTokens('bags'), 0)).toEqual({ unit: 'bag', start: 0, end: 1 });
  });

  it('reads no unit in a plain figure or word', () => {
    // "done" is English, though Hinglish for दोने; "jute" alone is the fibre.
    for (const text of ['20', '20 containers', 'sela', 'feet', 'per', 'done', 'jute', '']) {
      expect(unitOf(text), text).toBeUndefined();
    }
  });
});

describe('unit kinds', () => {
  it('weighs tonnes, quintals and kilograms', () => {
    expect(KG_PER_UNIT).toEqual({ MT: 1000, quintal: 100, kg: 1 });
    expect(['MT', 'quintal', 'kg'].every((unit) => isWeight(unit as InquiryUnit))).toBe(true);
    expect(isWeight('bag')).toBe(false);
  });

  it('counts bags and containers as packages', () => {
    expect(isPackage('bag')).toBe(true);
    expect(isPackage('container')).toBe(true);
    expect(isPackage('piece')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  type ChoiceMatch,
  type ChoiceOption,
  matchChoice,
  matchChoices,
  type MultiChoiceResult,
  parseOptionNumber,
} from '../../src/nlu/choice.js';

const PRODUCTS: ChoiceOption[] = [
  { id: 'sela_rice', titles: ['Sela rice', 'सेला चावल', 'parboiled rice', 'sela chawal'] },
  { id: 'basmati_rice', titles: ['Basmati rice', 'बासमती चावल', 'basmati chawal'] },
  { id: 'wheat', titles: ['Wheat', 'गेहूं', 'gehun'] },
  { id: 'soybean', titles: ['Soybean', 'सोयाबीन', 'soya'] },
];

const LANGUAGES: ChoiceOption[] = [
  { id: 'hi', titles: ['हिंदी', 'Hindi'] },
  { id: 'en', titles: ['English', 'अंग्रेज़ी'] },
];

describe('parseOptionNumber', () => {
  it.each<[string, number | undefined]>([
    ['2', 2],
    ['२', 2],
    ['2.', 2],
    ['2)', 2],
    [' 2 ', 2],
    ['#2', 2],
    ['option 2', 2],
    ['Option #2', 2],
    ['opt. 2', 2],
    ['no. 2', 2],
    ['2nd', 2],
    ['विकल्प २', 2],
    ['12', 12],
    ['2 ton', undefined],
    ['2.5', undefined],
    ['two', undefined],
    ['', undefined],
  ])('%s → %s', (input, expected) => {
    expect(parseOptionNumber(input)).toBe(expected);
  });
});

describe('matchChoice', () => {
  it.each<[string, ChoiceMatch | undefined]>([
    // By number, 1-based, in either digit set.
    ['1', { id: 'sela_rice', by: 'number' }],
    ['२', { id: 'basmati_rice', by: 'number' }],
    ['3.', { id: 'wheat', by: 'number' }],
    ['option 4', { id: 'soybean', by: 'number' }],
    ['#2', { id: 'basmati_rice', by: 'number' }],
    ['5', undefined],
    ['0', undefined],
    // By an exact title in any language or script, after normalization.
    ['Sela Rice', { id: 'sela_rice', by: 'text' }],
    ['सेला चावल', { id: 'sela_rice', by: 'text' }],
    ['parboiled rice!', { id: 'sela_rice', by: 'text' }],
    ['गेहूँ', { id: 'wheat', by: 'text' }],
    ['soya please', { id: 'soybean', by: 'text' }],
    // Fuzzy: typos.
    ['basmti', { id: 'basmati_rice', by: 'fuzzy' }],
    ['wheet', { id: 'wheat', by: 'fuzzy' }],
    ['soyabean', { id: 'soybean', by: 'fuzzy' }],
    ['सेला चावाल', { id: 'sela_rice', by: 'fuzzy' }],
    // Fuzzy: part of a multi-word title, or a title inside a longer reply.
    ['basmati', { id: 'basmati_rice', by: 'fuzzy' }],
    ['sela', { id: 'sela_rice', by: 'fuzzy' }],
    ['I want sela rice', { id: 'sela_rice', by: 'fuzzy' }],
    ['mujhe basmati chawal chahiye', { id: 'basmati_rice', by: 'fuzzy' }],
    // Ambiguous: fits two options equally.
    ['rice', undefined],
    ['chawal', undefined],
    ['चावल', undefined],
    ['sela rice or basmati rice', undefined],
    // Nothing like any option.
    ['xyz', undefined],
    ['', undefined],
    ['?', undefined],
    ['of', undefined],
  ])('%s → %j', (input, expected) => {
    expect(matchChoice(input, PRODUCTS)).toEqual(expected);
  });

  it('takes a button payload equal to an option id over the text', () => {
    expect(matchChoice('Sela rice', PRODUCTS, { choiceId: 'wheat' })).toEqual({ id: 'wheat', by: 'payload' });
  });

  it('falls back to the text when the payload names no current option', () => {
    expect(matchChoice('Sela rice', PRODUCTS, { choiceId: 'stale_button' })).toEqual({ id: 'sela_rice', by: 'text' });
  });

  it('matches short titles only exactly', () => {
    const sizes: ChoiceOption[] = [
      { id: 'yes', titles: ['Yes'] },
      { id: 'yet', titles: ['Yet'] },
    ];
    expect(matchChoice('yes', sizes)).toEqual({ id: 'yes', by: 'text' });
    expect(matchChoice('yez', sizes)).toBeUndefined();
  });

  it('refuses a title that two options share', () => {
    const clash: ChoiceOption[] = [
      { id: 'a', titles: ['Organic'] },
      { id: 'b', titles: ['organic'] },
    ];
    expect(matchChoice('organic', clash)).toBeUndefined();
  });

  it('refuses a typo equally close to two titles', () => {
    const close: ChoiceOption[] = [
      { id: 'a', titles: ['Rajesh'] },
      { id: 'b', titles: ['Rakesh'] },
    ];
    expect(matchChoice('Ramesh', close)).toBeUndefined();
  });

  it('matches language names across scripts, nukta or not', () => {
    expect(matchChoice('hindi', LANGUAGES)).toEqual({ id: 'hi', by: 'text' });
    expect(matchChoice('अंग्रेजी', LANGUAGES)).toEqual({ id: 'en', by: 'text' });
  });
});

describe('matchChoices', () => {
  it.each<[string, MultiChoiceResult | undefined]>([
    ['1, 3', { ids: ['sela_rice', 'wheat'], unrecognized: [] }],
    ['1,3', { ids: ['sela_rice', 'wheat'], unrecognized: [] }],
    ['1 aur 3', { ids: ['sela_rice', 'wheat'], unrecognized: [] }],
    ['1 and 3', { ids: ['sela_rice', 'wheat'], unrecognized: [] }],
    ['१ ३', { ids: ['sela_rice', 'wheat'], unrecognized: [] }],
    ['१ और ३', { ids: ['sela_rice', 'wheat'], unrecognized: [] }],
    ['2', { ids: ['basmati_rice'], unrecognized: [] }],
    ['3, 1, 3', { ids: ['wheat', 'sela_rice'], unrecognized: [] }],
    ['sela rice, wheat', { ids: ['sela_rice', 'wheat'], unrecognized: [] }],
    ['sela rice and wheat', { ids: ['sela_rice', 'wheat'], unrecognized: [] }],
    ['Basmati rice, सोयाबीन', { ids: ['basmati_rice', 'soybean'], unrecognized: [] }],
    ['sela basmati', { ids: ['sela_rice', 'basmati_rice'], unrecognized: [] }],
    ['basmti, wheet', { ids: ['basmati_rice', 'wheat'], unrecognized: [] }],
    ['1, 2, ', { ids: ['sela_rice', 'basmati_rice'], unrecognized: [] }],
    ['1, xyz', { ids: ['sela_rice'], unrecognized: ['xyz'] }],
    ['1, 9', { ids: ['sela_rice'], unrecognized: ['9'] }],
    ['sela xyz, 3', { ids: ['wheat'], unrecognized: ['sela xyz'] }],
    ['rice, 3', { ids: ['wheat'], unrecognized: ['rice'] }],
    ['', undefined],
    [' , ', undefined],
  ])('%s → %j', (input, expected) => {
    expect(matchChoices(input, PRODUCTS)).toEqual(expected);
  });

  it('keeps a title that contains "and" whole', () => {
    const services: ChoiceOption[] = [
      { id: 'packaging', titles: ['Packaging and labelling'] },
      { id: 'finance', titles: ['Export finance'] },
    ];
    expect(matchChoices('packaging and labelling, export finance', services)).toEqual({
      ids: ['packaging', 'finance'],
      unrecognized: [],
    });
  });
});

import { describe, expect, it } from 'vitest';
import { parseQuantity, type Quantity, type QuantityError } from '../../src/nlu/quantity.js';

describe('parseQuantity', () => {
  it.each<[string, Quantity]>([
    // Tonnes, in every spelling.
    ['50 ton', { value: 50, unit: 'MT' }],
    ['50 tons', { value: 50, unit: 'MT' }],
    ['50 tonne', { value: 50, unit: 'MT' }],
    ['50MT', { value: 50, unit: 'MT' }],
    ['50 M.T.', { value: 50, unit: 'MT' }],
    ['10 metric tonnes', { value: 10, unit: 'MT' }],
    ['५० टन', { value: 50, unit: 'MT' }],
    ['५०टन', { value: 50, unit: 'MT' }],
    ['50 मीट्रिक टन', { value: 50, unit: 'MT' }],
    ['mujhe 50 ton sela chawal chahiye', { value: 50, unit: 'MT' }],
    ['मुझे ५० टन सेला चावल चाहिए', { value: 50, unit: 'MT' }],
    ['Need 2.5 MT basmati', { value: 2.5, unit: 'MT' }],
    ['1,200 ton', { value: 1200, unit: 'MT' }],
    // Quintals.
    ['200 quintal per month', { value: 200, unit: 'quintal' }],
    ['200 qtl', { value: 200, unit: 'quintal' }],
    ['200 क्विंटल', { value: 200, unit: 'quintal' }],
    ['200 kwintal mahina', { value: 200, unit: 'quintal' }],
    // Kilograms, with scale words.
    ['500 kg', { value: 500, unit: 'kg' }],
    ['500 kilo', { value: 500, unit: 'kg' }],
    ['500 किलो', { value: 500, unit: 'kg' }],
    ['500 किलोग्राम', { value: 500, unit: 'kg' }],
    ['१.५ लाख किलो', { value: 150000, unit: 'kg' }],
    ['1.5 lakh kg', { value: 150000, unit: 'kg' }],
    // Containers: 20ft/40ft are sizes, not counts.
    ['2 containers', { value: 2, unit: 'container' }],
    ['2 x 20ft containers', { value: 2, unit: 'container' }],
    ['2 x 40 ft container', { value: 2, unit: 'container' }],
    ['3 40ft', { value: 3, unit: 'container' }],
    ['5 FCL', { value: 5, unit: 'container' }],
    ['ek container', { value: 1, unit: 'container' }],
    ['do container bhej do', { value: 2, unit: 'container' }],
    ['२ कंटेनर', { value: 2, unit: 'container' }],
    // Bags, and the packing size that is not the quantity.
    ['100 bags', { value: 100, unit: 'bag' }],
    ['100 bori', { value: 100, unit: 'bag' }],
    ['100 बोरी', { value: 100, unit: 'bag' }],
    ['100 बैग', { value: 100, unit: 'bag' }],
    ['500 bags of 25 kg', { value: 500, unit: 'bag' }],
    ['1000 x 25 kg bags', { value: 1000, unit: 'bag' }],
    ['25 kg bags, 400 bags', { value: 400, unit: 'bag' }],
    // The unit before the number, or apart from it.
    ['MT 50', { value: 50, unit: 'MT' }],
    ['quantity in quintal: 200', { value: 200, unit: 'quintal' }],
    ['ton me 50', { value: 50, unit: 'MT' }],
    // The first quantity wins.
    ['50 ton rice and 20 kg sample', { value: 50, unit: 'MT' }],
    ['2025 mein 50 ton chahiye', { value: 50, unit: 'MT' }],
  ])('%s → %j', (input, expected) => {
    expect(parseQuantity(input)).toEqual(expected);
  });

  it.each<[string, QuantityError]>([
    ['ton', { error: 'no_number' }],
    ['sela chawal chahiye', { error: 'no_number' }],
    ['', { error: 'no_number' }],
    ['50', { error: 'no_unit', value: 50 }],
    ['५० sela', { error: 'no_unit', value: 50 }],
    ['1.5 lakh', { error: 'no_unit', value: 150000 }],
    // "do" is "give" as often as "two": a spelled number counts only right before a unit.
    ['price bata do', { error: 'no_number' }],
    ['ton me bata do', { error: 'no_number' }],
  ])('%s → %j', (input, expected) => {
    expect(parseQuantity(input)).toEqual(expected);
  });

  it('refuses a unit the step does not allow, saying which are', () => {
    expect(parseQuantity('50 kg', ['MT', 'quintal'])).toEqual({
      error: 'unit_not_allowed',
      value: 50,
      unit: 'kg',
      allowed: ['MT', 'quintal'],
    });
  });

  it('accepts an allowed unit', () => {
    expect(parseQuantity('50 quintal', ['MT', 'quintal'])).toEqual({ value: 50, unit: 'quintal' });
  });
});

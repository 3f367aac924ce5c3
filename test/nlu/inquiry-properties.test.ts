import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readQuantity } from '../../src/nlu/inquiry-quantity.js';
import { type InquiryUnit, KG_PER_UNIT } from '../../src/nlu/inquiry-unit.js';
import { readPrice } from '../../src/nlu/price.js';

// Ways of writing each unit, in the three scripts.
const UNIT_WORDS: Readonly<Record<InquiryUnit, readonly string[]>> = {
  MT: ['ton', 'tons', 'tonne', 'MT', 'mts', 'metric ton', 'tan', 'टन'],
  quintal: ['quintal', 'qtl', 'kuntal', 'क्विंटल'],
  kg: ['kg', 'kilo', 'किलो'],
  container: ['container', 'containers', 'FCL', 'कंटेनर'],
  bag: ['bag', 'bags', 'bori', 'katta', 'बोरी'],
  piece: ['pieces', 'pcs', 'nos', 'पीस', 'नग', 'slabs', 'idols'],
  sqft: ['sq ft', 'sqft', 'square feet', 'वर्ग फुट'],
};
const UNITS = Object.keys(UNIT_WORDS) as InquiryUnit[];

// Sentences around the quantity, with no figure or unit of their own.
const FRAMES = ['{q}', 'mujhe {q} chahiye', 'need {q} urgently', 'हमें {q} चाहिए', 'please quote for {q} sela rice'];

const unitAndWord = fc
  .constantFrom(...UNITS)
  .chain((unit) => fc.tuple(fc.constant(unit), fc.constantFrom(...UNIT_WORDS[unit])));

// Quantities as typed: whole numbers, or with one or two decimals ("2.5", "12.75").
const amount = fc.oneof(
  fc.integer({ min: 1, max: 9_999_999 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 99 })).map(([whole, cents]) => {
    const decimals = cents % 10 === 0 ? String(cents / 10) : String(cents).padStart(2, '0');
    return `${whole}.${decimals}`;
  }),
);

const toDevanagariDigits = (text: string) =>
  text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0966 + Number(digit)));

/** 1234567 → "12,34,567": the last three digits, then pairs. */
function indianGrouping(value: number): string {
  const digits = String(value);
  if (digits.length <= 3) return digits;
  const pairs = digits.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ',');
  return `${pairs},${digits.slice(-3)}`;
}

const expectedKg = (value: number, unit: InquiryUnit) => {
  const factor = KG_PER_UNIT[unit];
  return factor === undefined ? null : value * factor;
};

describe('quantity properties', () => {
  it('reads "<n> <unit>" as n of that unit, in ASCII or Devanagari digits alike', () => {
    fc.assert(
      fc.property(
        amount,
        unitAndWord,
        fc.constantFrom(' ', ''),
        fc.constantFrom(...FRAMES),
        (n, [unit, word], space, frame) => {
          const text = frame.replace('{q}', `${n}${space}${word}`);
          const ascii = readQuantity(text);
          expect(ascii).toMatchObject({ value: Number(n), unit });
          expect(readQuantity(toDevanagariDigits(text))).toEqual(ascii);
        },
      ),
    );
  });

  it('weighs tonnes, quintals and kilograms by their factor, and nothing else without a weight each', () => {
    fc.assert(
      fc.property(amount, unitAndWord, (n, [unit, word]) => {
        const kg = readQuantity(`${n} ${word}`)?.kg;
        const expected = expectedKg(Number(n), unit);
        if (expected === null) expect(kg).toBeNull();
        else expect(kg).toBeCloseTo(expected, 6);
      }),
    );
  });

  it('weighs bags and containers by their stated weight each', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom('bags of {w} kg', 'x {w} kg bags', 'bori, {w} kilo each', 'bags ({w} kg each)'),
        (count, weight, form) => {
          const text = `${count} ${form.replace('{w}', String(weight))}`;
          expect(readQuantity(text)).toEqual({ value: count, unit: 'bag', kg: count * weight });
        },
      ),
    );
  });

  it('reads Indian and Western thousands grouping as the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 999_999_999 }), unitAndWord, (value, [unit, word]) => {
        expect(readQuantity(`${indianGrouping(value)} ${word}`)).toMatchObject({ value, unit });
        expect(readQuantity(`${value.toLocaleString('en-US')} ${word}`)).toMatchObject({ value, unit });
      }),
    );
    expect(indianGrouping(120000)).toBe('1,20,000');
    expect(readQuantity('1,20,000 kg')).toEqual({ value: 120000, unit: 'kg', kg: 120000 });
  });
});

// Currencies before and after the amount (#), and what the price is per.
const PRICE_FORMS = [
  '₹#',
  'Rs #',
  'Rs.#',
  'INR #',
  '$#',
  'USD #',
  'AED #',
  '€#',
  '# rs',
  '# rupaye',
  '# रुपये',
  '# dollar',
  '# USD',
];
const PER_FORMS = ['', '/MT', ' PMT', ' per ton', '/qtl', ' प्रति क्विंटल', '/kg', ' kilo', ' per bag', '/sqft'];

const priceText = fc
  .tuple(
    fc.constantFrom(...PRICE_FORMS),
    fc.integer({ min: 1, max: 9_999_999 }),
    fc.boolean(),
    fc.constantFrom(...PER_FORMS),
  )
  .map(([form, value, grouped, per]) => ({
    text: form.replace('#', grouped ? indianGrouping(value) : String(value)) + per,
    value,
  }));

describe('price properties', () => {
  it('never takes a price for the quantity', () => {
    fc.assert(
      fc.property(priceText, (price) => {
        expect(readQuantity(price.text)).toBeNull();
        expect(readPrice(price.text)?.amount).toBe(price.value);
      }),
    );
  });

  it('finds the quantity beside a price, on either side', () => {
    fc.assert(
      fc.property(priceText, amount, unitAndWord, fc.boolean(), (price, n, [unit, word], priceFirst) => {
        const quantity = `${n} ${word}`;
        const text = priceFirst ? `${price.text}, ${quantity}` : `${quantity}, ${price.text}`;
        expect(readQuantity(text)).toMatchObject({ value: Number(n), unit });
        expect(readPrice(text)?.amount).toBe(price.value);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { inquiryTokens } from '../../src/nlu/inquiry-text.js';
import { type Price, readPrice, readPriceAt } from '../../src/nlu/price.js';

describe('readPrice', () => {
  it.each<[string, Price]>([
    // English.
    ['$450 PMT', { amount: 450, currency: 'USD', per: 'MT' }],
    ['USD 1,050 per MT CIF Jeddah', { amount: 1050, currency: 'USD', per: 'MT' }],
    ['offer USD480/MT', { amount: 480, currency: 'USD', per: 'MT' }],
    ['450 dollars per ton', { amount: 450, currency: 'USD', per: 'MT' }],
    ['price per metric ton $450', { amount: 450, currency: 'USD', per: 'MT' }],
    ['USD/MT 450', { amount: 450, currency: 'USD', per: 'MT' }],
    ['AED 1800 per ton', { amount: 1800, currency: 'AED', per: 'MT' }],
    ['1800 dirham per ton', { amount: 1800, currency: 'AED', per: 'MT' }],
    ['€320/MT', { amount: 320, currency: 'EUR', per: 'MT' }],
    ['EUR 320', { amount: 320, currency: 'EUR', per: null }],
    ['$2000 each container', { amount: 2000, currency: 'USD', per: 'container' }],
    ['idols at $15 each', { amount: 15, currency: 'USD', per: 'piece' }],
    ['Rs 45 per sqft', { amount: 45, currency: 'INR', per: 'sqft' }],
    ['INR 45/kg', { amount: 45, currency: 'INR', per: 'kg' }],
    ['$450-470 PMT', { amount: 450, currency: 'USD', per: 'MT' }],
    ['budget $45,000', { amount: 45000, currency: 'USD', per: null }],
    // Hinglish.
    ['32 rs kilo', { amount: 32, currency: 'INR', per: 'kg' }],
    ['rate 3200 rs quintal', { amount: 3200, currency: 'INR', per: 'quintal' }],
    ['₹3200/qtl', { amount: 3200, currency: 'INR', per: 'quintal' }],
    ['Rs. 3,200/- per qtl', { amount: 3200, currency: 'INR', per: 'quintal' }],
    ['1.5 lakh rupaye per container', { amount: 150000, currency: 'INR', per: 'container' }],
    ['28 rupees ka kilo', { amount: 28, currency: 'INR', per: 'kg' }],
    ['500 rs per bag', { amount: 500, currency: 'INR', per: 'bag' }],
    ['paanch sau rupaye bori', { amount: 500, currency: 'INR', per: 'bag' }],
    // Hindi.
    ['3200 रुपये प्रति क्विंटल', { amount: 3200, currency: 'INR', per: 'quintal' }],
    ['ढाई हज़ार रुपये प्रति क्विंटल', { amount: 2500, currency: 'INR', per: 'quintal' }],
    ['रु 28 किलो', { amount: 28, currency: 'INR', per: 'kg' }],
    ['४८० डॉलर प्रति टन', { amount: 480, currency: 'USD', per: 'MT' }],
    ['प्रति टन ४८० डॉलर', { amount: 480, currency: 'USD', per: 'MT' }],
  ])('%s → %j', (text, price) => {
    expect(readPrice(text)).toEqual(price);
  });

  it('takes the first price named', () => {
    expect(readPrice('$450 PMT FOB, $480 CIF')).toEqual({ amount: 450, currency: 'USD', per: 'MT' });
  });

  it.each([
    // A figure without a currency could be rupees or dollars.
    'rate 3200/qtl',
    '@ 450 PMT',
    '50 ton sela chahiye',
    'price kya hai',
    'payment in USD',
    'Rs',
    '',
  ])('%s → null', (text) => {
    expect(readPrice(text)).toBeNull();
  });
});

describe('readPriceAt', () => {
  it('says which tokens the price covers', () => {
    const tokens = inquiryTokens('200 MT @ ₹3200/qtl, 50 bags');
    expect(readPriceAt(tokens, 3)).toMatchObject({ start: 3, end: 7, amount: 3200, per: 'quintal' });
    expect(readPriceAt(tokens, 0)).toBeUndefined();
  });
});

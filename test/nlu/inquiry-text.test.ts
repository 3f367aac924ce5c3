import { describe, expect, it } from 'vitest';
import { asInquiryText, inquiryText, inquiryTokens } from '../../src/nlu/inquiry-text.js';

describe('inquiryTokens', () => {
  it('keeps the signs an inquiry means something by', () => {
    expect(inquiryTokens('₹3200/qtl')).toEqual(['₹', '3200', '/', 'qtl']);
    expect(inquiryTokens('$450 PMT, C&F')).toEqual(['$', '450', 'pmt', 'c', '&', 'f']);
    expect(inquiryTokens('£300, ¥4500')).toEqual(['£', '300', '¥', '4500']);
    expect(inquiryTokens('C+F, 48% protein @ €300')).toEqual(['c', '+', 'f', '48', '%', 'protein', '@', '€', '300']);
    expect(inquiryTokens('2x20ft, 2 × 40ft, 2*20')).toEqual([
      '2',
      'x',
      '20',
      'ft',
      '2',
      '×',
      '40',
      'ft',
      '2',
      '*',
      '20',
    ]);
  });

  it('keeps a dash only between two figures, as a range', () => {
    expect(inquiryTokens('500-600 MT')).toEqual(['500', '-', '600', 'mt']);
    expect(inquiryTokens('$450 – 470')).toEqual(['$', '450', '–', '470']);
    expect(inquiryTokens('ex-mill, IR-64, dar-es-salaam')).toEqual(['ex', 'mill', 'ir', '64', 'dar', 'es', 'salaam']);
  });

  it('keeps the foot mark of a container size only right after its figure', () => {
    expect(inquiryTokens("2 x 20' containers")).toEqual(['2', 'x', '20', "'", 'containers']);
    expect(inquiryTokens("buyer's price")).toEqual(['buyer', 's', 'price']);
  });

  it('normalizes like every matcher: digits, case, nukta, chandrabindu, grouping', () => {
    expect(inquiryTokens('५० टन, डेढ़ हज़ार')).toEqual(['50', 'टन', 'डेढ', 'हजार']);
    expect(inquiryTokens('चटगाँव')).toEqual(['चटगांव']);
    expect(inquiryTokens('1,20,000 KG')).toEqual(['1,20,000', 'kg']);
  });

  it('gives nothing for a message without words or figures', () => {
    expect(inquiryTokens('')).toEqual([]);
    expect(inquiryTokens('🙏 !!')).toEqual([]);
  });
});

describe('inquiryText', () => {
  it('keeps the capitals as typed next to the normalized tokens', () => {
    const text = inquiryText('FAS Mundra, ५० MT');
    expect(text.tokens).toEqual(['fas', 'mundra', '50', 'mt']);
    expect(text.typed).toEqual(['FAS', 'Mundra', '50', 'MT']);
    expect(text.normalized).toBe('fas mundra, 50 mt');
  });

  it('is passed through when already cut', () => {
    const text = inquiryText('50 ton');
    expect(asInquiryText(text)).toBe(text);
    expect(asInquiryText('50 ton').tokens).toEqual(['50', 'ton']);
  });
});

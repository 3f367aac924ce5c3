import { describe, expect, it } from 'vitest';
import { ARRIVAL_INCOTERMS, type Incoterm, INCOTERMS, readIncoterm } from '../../src/nlu/incoterm.js';

describe('readIncoterm', () => {
  it.each<[string, Incoterm]>([
    // The codes, in any case.
    ['FOB Mundra', 'FOB'],
    ['fob price batao', 'FOB'],
    ['CIF Jebel Ali', 'CIF'],
    ['CFR Chittagong', 'CFR'],
    ['EXW Sagar', 'EXW'],
    ['FCA ICD Bhopal', 'FCA'],
    ['FAS Kandla', 'FAS'],
    ['CPT Kathmandu', 'CPT'],
    ['CIP Dhaka', 'CIP'],
    ['DAP Birgunj', 'DAP'],
    ['DPU Rotterdam', 'DPU'],
    ['DDP Hamburg', 'DDP'],
    // Cost and freight, as the trade writes it.
    ['C&F Dubai', 'CFR'],
    ['C & F Colombo', 'CFR'],
    ['CNF चटगांव', 'CFR'],
    ['C and F Dammam', 'CFR'],
    ['c+f basis', 'CFR'],
    ['cost and freight', 'CFR'],
    ['सीएनएफ ढाका', 'CFR'],
    // Ex works, as the mills say it.
    ['ex-mill price', 'EXW'],
    ['ex mill rate kya hai', 'EXW'],
    ['ex-factory', 'EXW'],
    ['Ex Works Sagar', 'EXW'],
    ['ex godown Bina', 'EXW'],
    ['एक्स मिल रेट', 'EXW'],
    // In Devanagari, by the letters' names, run together or apart.
    ['एफओबी मुंद्रा', 'FOB'],
    ['एफ.ओ.बी. कांडला', 'FOB'],
    ['सीआईएफ दुबई', 'CIF'],
    ['सी.आई.एफ.', 'CIF'],
    ['सीएफआर चटगांव', 'CFR'],
    ['सी एंड एफ कोलंबो', 'CFR'],
    ['सी&एफ रेट', 'CFR'],
    ['सीआईपी ढाका', 'CIP'],
    ['सीपीटी काठमांडू', 'CPT'],
    ['डीएपी बीरगंज', 'DAP'],
    ['डी.ए.पी.', 'DAP'],
    ['डीपीयू', 'DPU'],
    ['डीडीपी हैम्बर्ग', 'DDP'],
    ['एक्स वर्क्स सागर', 'EXW'],
    ['एक्स-फैक्ट्री', 'EXW'],
    ['एफसीए भोपाल', 'FCA'],
    // Long forms.
    ['free on board Kandla', 'FOB'],
    ['cost insurance and freight', 'CIF'],
    ['delivered duty paid', 'DDP'],
    // The first one named.
    ['FOB ya CIF dono rate bhejo', 'FOB'],
  ])('%s → %s', (text, incoterm) => {
    expect(readIncoterm(text)).toBe(incoterm);
  });

  it.each([
    // Free on rail is a domestic term, and "for" a word.
    'FOR Sagar',
    'rate for Dubai',
    // Not inside other words.
    'cifra',
    'fobbing',
    'exwork-shop',
    // "fas gaya" is "got stuck".
    'maal fas gaya',
    // "ex" alone is not a rule, nor a letter's name alone.
    'ex Sagar',
    'एक्स सागर',
    'सी ग्रेड',
    '',
  ])('%s → null', (text) => {
    expect(readIncoterm(text)).toBeNull();
  });
});

describe('ARRIVAL_INCOTERMS', () => {
  it('are the C and D rules, whose place is where the goods arrive', () => {
    expect(INCOTERMS.filter((term) => ARRIVAL_INCOTERMS.has(term))).toEqual([
      'CFR',
      'CIF',
      'CPT',
      'CIP',
      'DAP',
      'DPU',
      'DDP',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { entryTerms, loadCatalog, loadTehsils } from '../../src/domain/catalog/catalog.js';
import { matchKey } from '../../src/nlu/match-key.js';
import { createTermMatcher, type TermEntry } from '../../src/nlu/product-matcher.js';

const asEntries = (list: readonly { id: string; name: { en: string; hi: string }; synonyms: readonly string[] }[]) =>
  list.map((entry): TermEntry => ({ id: entry.id, terms: entryTerms(entry) }));

const catalog = loadCatalog('flows/catalog.yaml', { termKey: matchKey });
const products = createTermMatcher(asEntries(catalog.products));
const tehsils = createTermMatcher(asEntries(loadTehsils('flows/tehsils.yaml', { termKey: matchKey }).tehsils));

const idOf = (text: string) => products.matchOne(text)?.id;
const idsIn = (text: string) => products.findAll(text).map(({ id }) => id);

describe('matchOne on the real catalog', () => {
  it('takes the three scripts for one product', () => {
    for (const text of ['sela chawal', 'सेला चावल', 'parboiled rice', 'Parboiled Rice', 'sela', 'सेला']) {
      expect(products.matchOne(text), text).toMatchObject({ id: 'parboiled_rice', how: 'exact', score: 1 });
    }
    for (const text of ['soya DOC', 'soya doc', 'सोया खली', 'soya khali', 'soybean meal', 'de-oiled cake']) {
      expect(idOf(text), text).toBe('soybean_meal');
    }
    for (const text of ['wheat', 'gehun', 'gehu', 'gehoon', 'गेहूं', 'गेहूँ']) expect(idOf(text), text).toBe('wheat');
  });

  it('takes the trade names of parboiled rice', () => {
    for (const text of [
      'usna',
      'ushna chawal',
      'उसना चावल',
      'parmal sela',
      'golden sela',
      '1121 sela',
      '1509 sela',
      'IR-64 sela',
      'ir64 sela',
      'white sela',
      'golden sella 1121',
      'white sela rice',
      '1121 basmati sela',
      '1121 सेला',
    ]) {
      expect(idOf(text), text).toBe('parboiled_rice');
    }
  });

  it('takes Hinglish spellings and typos', () => {
    expect(products.matchOne('sela chaval')).toMatchObject({ id: 'parboiled_rice', how: 'exact' });
    expect(products.matchOne('sela chaawal')).toMatchObject({ id: 'parboiled_rice', how: 'exact' });
    expect(products.matchOne('usna chawl')).toMatchObject({ id: 'parboiled_rice', how: 'phrase' });
    expect(products.matchOne('parbolied rice')).toMatchObject({ id: 'parboiled_rice', how: 'fuzzy' });
    expect(products.matchOne('musturd cake')).toMatchObject({ id: 'mustard_cake', how: 'fuzzy' });
    expect(products.matchOne('basmti')).toMatchObject({ id: 'basmati_rice', how: 'fuzzy' });
    expect(idOf('steem rice')).toBe('steam_rice');
    expect(idOf('soyabin meal')).toBe('soybean_meal');
    expect(idOf('soya bean khali')).toBe('soybean_meal');
  });

  it('scores fuzzy matches by their weakest word', () => {
    const match = products.matchOne('parbolied rice');
    expect(match?.score).toBeGreaterThanOrEqual(0.94);
    expect(match?.score).toBeLessThan(1);
  });

  it('never takes steam rice for parboiled rice', () => {
    for (const text of ['steam rice', 'steam', 'स्टीम चावल', '1121 steam', 'steam basmati', 'basmati steam']) {
      expect(idOf(text), text).toBe('steam_rice');
    }
  });

  it('never takes mustard cake for soybean meal', () => {
    for (const text of [
      'mustard cake',
      'mustard oil cake',
      'mustard DOC',
      'sarson khali',
      'sarso khali',
      'sarso ki khal',
      'सरसों खली',
      'सरसों की खली',
    ]) {
      expect(idOf(text), text).toBe('mustard_cake');
    }
    expect(idOf('mustard')).toBe('mustard');
    expect(idOf('सरसों')).toBe('mustard');
  });

  it('takes plain "rice" and "dal" as their own unspecified products, so the flow can ask which kind', () => {
    for (const text of ['rice', 'chawal', 'चावल', 'Rice']) expect(idOf(text), text).toBe('rice_unspecified');
    expect(idOf('dal')).toBe('pulses_unspecified');
    expect(idOf('masoor dal')).toBe('lentil');
    expect(idOf('arhar ki dal')).toBe('pigeon_pea');
  });

  it('keeps the bean, its meal and its oil apart', () => {
    expect(idOf('soya')).toBe('soybean');
    expect(idOf('soyabean')).toBe('soybean');
    expect(idOf('सोयाबीन')).toBe('soybean');
    expect(idOf('soyabean doc')).toBe('soybean_meal');
    expect(idOf('soya oil')).toBe('soybean_oil');
  });

  it('names nothing for words no product owns alone', () => {
    // "khali" is any oil cake; "kota" a city; "price" is one letter from "rice".
    for (const text of ['khali', 'kota', 'price', 'granite', 'hello', '', '  ', '🙏']) {
      expect(products.matchOne(text), text).toBeUndefined();
    }
  });

  it('finds every product by each of its own names', () => {
    for (const product of catalog.products) {
      for (const term of entryTerms(product)) expect(idOf(term), `${product.id}: ${term}`).toBe(product.id);
    }
  });
});

describe('matchList', () => {
  it('splits at commas, "aur", "and", "और", new lines, "&", "/" and list numbers', () => {
    expect(products.matchList('sela chawal, soya DOC aur wheat')).toEqual({
      matches: [
        { id: 'parboiled_rice', part: 'sela chawal', how: 'exact', score: 1 },
        { id: 'soybean_meal', part: 'soya DOC', how: 'exact', score: 1 },
        { id: 'wheat', part: 'wheat', how: 'exact', score: 1 },
      ],
      unknown: [],
    });
    const ids = (text: string) => products.matchList(text).matches.map(({ id }) => id);
    expect(ids('सेला चावल और सोया खली')).toEqual(['parboiled_rice', 'soybean_meal']);
    expect(ids('parboiled rice\nmustard cake')).toEqual(['parboiled_rice', 'mustard_cake']);
    expect(ids('1. sela 2. gehu')).toEqual(['parboiled_rice', 'wheat']);
    expect(ids('१. सेला २. गेहूं')).toEqual(['parboiled_rice', 'wheat']);
    expect(ids('1) chana\n2) masoor\n3) urad')).toEqual(['chickpea', 'lentil', 'black_gram']);
    expect(ids('IR-64 sela / 1509 steam')).toEqual(['parboiled_rice', 'steam_rice']);
    expect(ids('dona-pattal & jute bags and cotton bags')).toEqual(['leaf_plates', 'jute_bags', 'cotton_bags']);
    expect(ids('gehun evam chana')).toEqual(['wheat', 'chickpea']);
    expect(ids('- sela\n- steam rice')).toEqual(['parboiled_rice', 'steam_rice']);
  });

  it('does not split a grade number off its product', () => {
    expect(products.matchList('1121 sela, 2.5 ton')).toEqual({
      matches: [{ id: 'parboiled_rice', part: '1121 sela', how: 'exact', score: 1 }],
      unknown: ['2.5 ton'],
    });
  });

  it('keeps unknown parts as the user wrote them, trimmed', () => {
    expect(products.matchList('  Granite slabs , sela,  Kota  ')).toEqual({
      matches: [{ id: 'parboiled_rice', part: 'sela', how: 'exact', score: 1 }],
      unknown: ['Granite slabs', 'Kota'],
    });
  });

  it('removes repeats and keeps the order of first mention', () => {
    const result = products.matchList('sela, wheat, सेला चावल, usna, wheat, granite, granite');
    expect(result.matches.map(({ id, part }) => [id, part])).toEqual([
      ['parboiled_rice', 'sela'],
      ['wheat', 'wheat'],
    ]);
    expect(result.unknown).toEqual(['granite']);
  });

  it('finds a product inside a part that says more', () => {
    expect(products.matchList('achhi quality ka sela chawal, wheat bhi').matches).toEqual([
      { id: 'parboiled_rice', part: 'achhi quality ka sela chawal', how: 'phrase', score: 1 },
      { id: 'wheat', part: 'wheat bhi', how: 'exact', score: 1 },
    ]);
  });

  it('does not guess when a part names two products without a separator', () => {
    expect(products.matchList('sela chawal gehun')).toEqual({ matches: [], unknown: ['sela chawal gehun'] });
  });

  it('ignores parts that are only "etc." or courtesy words', () => {
    expect(products.matchList('sela, gehun, etc.')).toMatchObject({ unknown: [] });
    expect(products.matchList('sela, gehun aadi, please').matches.map(({ id }) => id)).toEqual([
      'parboiled_rice',
      'wheat',
    ]);
  });

  it('returns nothing for an empty answer', () => {
    expect(products.matchList('')).toEqual({ matches: [], unknown: [] });
    expect(products.matchList(' ,\n ')).toEqual({ matches: [], unknown: [] });
  });
});

describe('findAll', () => {
  it('finds products inside a sentence, in the order mentioned', () => {
    expect(products.findAll('mujhe 50 ton sela chawal chahiye dubai ke liye')).toEqual([
      { id: 'parboiled_rice', text: 'sela chawal', how: 'phrase', score: 1 },
    ]);
    expect(idsIn('need 200 MT steam rice and soya DOC for Vietnam')).toEqual(['steam_rice', 'soybean_meal']);
    expect(idsIn('हमें सेला चावल और गेहूं चाहिए')).toEqual(['parboiled_rice', 'wheat']);
    expect(idsIn('kya aapke paas soya khali hai, ya mustard cake?')).toEqual(['soybean_meal', 'mustard_cake']);
  });

  it('lets the longest name win', () => {
    expect(idsIn('steam rice ka rate batao')).toEqual(['steam_rice']);
    expect(idsIn('sarso khali ka rate kya hai')).toEqual(['mustard_cake']);
    expect(idsIn('सरसों खली चाहिए')).toEqual(['mustard_cake']);
    expect(idsIn('soya khali chahiye')).toEqual(['soybean_meal']);
    expect(idsIn('golden sela rice 1121 chahiye')).toEqual(['parboiled_rice']);
    expect(products.findAll('sarso khali ka rate')[0]?.text).toBe('sarso khali');
  });

  it('finds typos of long words, but not common words one letter from a name', () => {
    expect(products.findAll('parbolied rice chahiye')).toMatchObject([{ id: 'parboiled_rice', how: 'fuzzy' }]);
    expect(idsIn('rice price kya hai')).toEqual(['rice_unspecified']);
    for (const text of [
      'price kya hai aaj ka',
      'kitna quantity chahiye aapko',
      'payment LC se hoga kya',
      'please share your best price',
      'कृपया रेट बताइए',
      'office band hai aaj',
    ]) {
      expect(idsIn(text), text).toEqual([]);
    }
  });

  it('names each product once', () => {
    expect(idsIn('sela chawal chahiye, sela chawal ka rate bhi')).toEqual(['parboiled_rice']);
  });
});

describe('a tehsil matcher', () => {
  it('takes the tehsils in every script and common spelling', () => {
    const tehsilOf = (text: string) => tehsils.matchOne(text)?.id;
    for (const [text, id] of [
      ['Sagar', 'sagar'],
      ['सागर', 'sagar'],
      ['saugor', 'sagar'],
      ['bina etawa', 'bina'],
      ['गढ़ाकोटा', 'garhakota'],
      ['gadhakota', 'garhakota'],
      ['garhakota', 'garhakota'],
      ['rehli', 'rehli'],
      ['rahli', 'rehli'],
      ['रहली', 'rehli'],
      ['deori', 'deori'],
      ['devri', 'deori'],
      ['देवरी', 'deori'],
      ['jaisi nagar', 'jaisinagar'],
      ['जैसीनगर', 'jaisinagar'],
      ['मालथौन', 'malthon'],
      ['maltone', 'malthon'],
      ['shahgarh', 'shahgarh'],
      ['rahatgadh', 'rahatgarh'],
      ['main rehli tehsil se hun', 'rehli'],
    ]) {
      expect(tehsilOf(text!), text).toBe(id);
    }
    expect(tehsils.matchOne('Damoh')).toBeUndefined();
  });
});

describe('createTermMatcher', () => {
  it('works on any entries, and refuses a spelling two entries share', () => {
    const matcher = createTermMatcher([
      { id: 'a', terms: ['alpha', 'common'] },
      { id: 'b', terms: ['beta', 'common'] },
    ]);
    expect(matcher.matchOne('alpha')?.id).toBe('a');
    expect(matcher.matchOne('common')).toBeUndefined();
    expect(matcher.matchList('alpha, common, beta')).toMatchObject({
      matches: [{ id: 'a' }, { id: 'b' }],
      unknown: ['common'],
    });
  });

  it('refuses a typo as near to two entries', () => {
    const matcher = createTermMatcher([
      { id: 'a', terms: ['basmati'] },
      { id: 'b', terms: ['basmatu'] },
    ]);
    expect(matcher.matchOne('basmatx')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { countryMentions, findCountries, parseCountry } from '../../src/nlu/country.js';

describe('parseCountry', () => {
  it.each<[string, string]>([
    // English names, any case.
    ['UAE', 'AE'],
    ['United Arab Emirates', 'AE'],
    ['Saudi Arabia', 'SA'],
    ['bangladesh', 'BD'],
    ['Nepal', 'NP'],
    ['USA', 'US'],
    ['United States of America', 'US'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['Germany', 'DE'],
    ['Netherlands', 'NL'],
    ['Vietnam', 'VN'],
    ['Indonesia', 'ID'],
    ['Malaysia', 'MY'],
    ['Iran', 'IR'],
    ['Iraq', 'IQ'],
    ['Kenya', 'KE'],
    ['Nigeria', 'NG'],
    ['Sri Lanka', 'LK'],
    ["Côte d'Ivoire", 'CI'],
    ['Côte d’Ivoire', 'CI'],
    // Hindi.
    ['अमेरिका', 'US'],
    ['संयुक्त अरब अमीरात', 'AE'],
    ['सऊदी अरब', 'SA'],
    ['बांग्लादेश', 'BD'],
    ['नेपाल', 'NP'],
    ['श्रीलंका', 'LK'],
    ['श्री लंका', 'LK'],
    ['जर्मनी', 'DE'],
    ['इराक', 'IQ'],
    ['क़तर', 'QA'],
    ['कतर', 'QA'],
    // The countries of the ports buyers name.
    ['Poland', 'PL'],
    ['Greece', 'GR'],
    ['Lebanon', 'LB'],
    ['Morocco', 'MA'],
    ['Tunisia', 'TN'],
    ['Algeria', 'DZ'],
    ['Togo', 'TG'],
    ['Guinea', 'GN'],
    ['Angola', 'AO'],
    ['Madagascar', 'MG'],
    ['Mauritius', 'MU'],
    ['Jamaica', 'JM'],
    ['Argentina', 'AR'],
    ['Chile', 'CL'],
    ['Peru', 'PE'],
    ['New Zealand', 'NZ'],
    ['Hong Kong', 'HK'],
    ['पोलैंड', 'PL'],
    ['यूनान', 'GR'],
    ['मोरक्को', 'MA'],
    ['मॉरीशस', 'MU'],
    ['न्यूज़ीलैंड', 'NZ'],
    ['हांगकांग', 'HK'],
    // Common Latin spellings and forms.
    ['amerika', 'US'],
    ['America', 'US'],
    ['U.S.A.', 'US'],
    ['u s a', 'US'],
    ['saudia', 'SA'],
    ['srilanka', 'LK'],
    ['holland', 'NL'],
    ['burma', 'MM'],
    ['irak', 'IQ'],
    // ISO codes, as the whole message.
    ['US', 'US'],
    ['us', 'US'],
    ['AE', 'AE'],
    ['np', 'NP'],
    // Spelling mistakes.
    ['bangladsh', 'BD'],
    ['vietnm', 'VN'],
    ['germny', 'DE'],
    ['malesya', 'MY'],
    ['indonesiya', 'ID'],
    ['नीदरलैंड', 'NL'],
    // Inside a sentence.
    ['export to UAE', 'AE'],
    ['mujhe saudi arab bhejna hai', 'SA'],
    ['नेपाल के लिए ५० टन', 'NP'],
    ['buyer from north korea', 'KP'],
  ])('%s → %s', (input, code) => {
    expect(parseCountry(input)?.code).toBe(code);
  });

  it('gives the English and Hindi names', () => {
    expect(parseCountry('amerika')).toEqual({
      code: 'US',
      name: { en: 'United States', hi: 'संयुक्त राज्य अमेरिका' },
    });
  });

  it.each([
    // Cities are not countries.
    'dubai',
    'Dhaka',
    'London',
    // Short names are not guessed: Iran and Iraq are one letter apart.
    'irn',
    'Omen',
    // Two-letter codes inside a sentence are words.
    'export to us',
    'ship it in a container',
    'de do',
    // Near names of other countries are not taken for the ones in the table.
    'Austria is not Australia',
    // Everyday words a letter or two from a short name.
    'chili',
    'chilli',
    'children',
    'chilled',
    'jamai',
    'polish',
    'grease',
    // No country at all.
    'mujhe 50 ton sela chawal chahiye',
    'I need basmati rice',
    'chana dal',
    'kitna bhav hai',
    '',
    'xx',
    // Several countries: the caller must ask which one.
    'from India to UAE',
    'nepal ya bangladesh',
  ])('%s → undefined', (input) => {
    expect(parseCountry(input)).toBeUndefined();
  });

  it('does not mistake nearby countries for table neighbours', () => {
    expect(parseCountry('Austria')?.code).toBe('AT');
    expect(parseCountry('Australia')?.code).toBe('AU');
    expect(parseCountry('Niger')?.code).toBe('NE');
    expect(parseCountry('Nigeria')?.code).toBe('NG');
    expect(parseCountry('Algeria')?.code).toBe('DZ');
    expect(parseCountry('Poland')?.code).toBe('PL');
    expect(parseCountry('Holland')?.code).toBe('NL');
    expect(parseCountry('Guinea')?.code).toBe('GN');
    expect(parseCountry('Ghana')?.code).toBe('GH');
  });
});

describe('findCountries', () => {
  it('lists every country named, once each, in order of mention', () => {
    expect(findCountries('from India to UAE, then UAE to Oman').map((country) => country.code)).toEqual([
      'IN',
      'AE',
      'OM',
    ]);
  });

  it('prefers the longest name ("south africa" over nothing, "north korea" over "korea")', () => {
    expect(findCountries('South Africa and North Korea').map((country) => country.code)).toEqual(['ZA', 'KP']);
  });

  it('returns an empty list when no country is named', () => {
    expect(findCountries('sela chawal')).toEqual([]);
  });
});

describe('countryMentions', () => {
  it('says where each name is, repeats included', () => {
    const words = ['from', 'india', 'to', 'sri', 'lanka', '$', '450', 'lanka', 'srilanka'];
    expect(countryMentions(words).map(({ country, start, end }) => [country.code, start, end])).toEqual([
      ['IN', 1, 2],
      ['LK', 3, 5],
      ['LK', 8, 9],
    ]);
  });

  it('finds near spellings in a sentence too', () => {
    expect(countryMentions(['export', 'to', 'bangladsh']).map(({ country }) => country.code)).toEqual(['BD']);
  });

  it('takes no two-letter code for a country inside a sentence', () => {
    expect(countryMentions(['ship', 'it', 'to', 'us'])).toEqual([]);
  });
});

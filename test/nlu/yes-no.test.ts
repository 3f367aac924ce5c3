import { describe, expect, it } from 'vitest';
import { parseYesNo } from '../../src/nlu/yes-no.js';

describe('parseYesNo', () => {
  it.each([
    'yes',
    'YES',
    'Yes.',
    'y',
    'yeah',
    'ok',
    'OK!',
    'okay',
    'sure',
    'yes please',
    'haan',
    'han',
    'ha',
    'haan ji',
    'ji haan',
    'Ji',
    'sahi',
    'sahi hai',
    'theek hai',
    'हाँ',
    'हां',
    'जी',
    'जी हाँ',
    'हाँ जी',
    'सही है',
    '👍',
    '👍🏽',
    '✅',
  ])('%s is yes', (input) => {
    expect(parseYesNo(input)).toBe(true);
  });

  it.each([
    'no',
    'NO',
    'No!',
    'n',
    'nope',
    'nahi',
    'nahin',
    'nhi',
    'na',
    'ji nahi',
    'no thanks',
    'नहीं',
    'नही',
    'ना',
    'जी नहीं',
    'गलत',
    '👎',
    '❌',
  ])('%s is no', (input) => {
    expect(parseYesNo(input)).toBe(false);
  });

  it.each([
    '',
    '  ',
    'maybe',
    'shayad',
    'yes no',
    'haan nahi',
    'no idea what you mean',
    'yes I want 50 ton',
    'sela chawal nahi chahiye',
    '1',
    'please',
    '👍❌',
  ])('%s is neither', (input) => {
    expect(parseYesNo(input)).toBeUndefined();
  });
});

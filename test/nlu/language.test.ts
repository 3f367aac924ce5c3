import { describe, expect, it } from 'vitest';
import { guessLanguage, type Language } from '../../src/nlu/language.js';

describe('guessLanguage', () => {
  it.each<[string, Language | undefined]>([
    // Devanagari is Hindi, whatever else is in the message.
    ['नमस्ते', 'hi'],
    ['मुझे ५० टन सेला चावल चाहिए', 'hi'],
    ['I want ५० टन', 'hi'],
    ['rice ka भाव', 'hi'],
    // Hinglish.
    ['mujhe 50 ton sela chawal chahiye', 'hi'],
    ['namaste', 'hi'],
    ['rice price kya hai', 'hi'],
    ['haan ji', 'hi'],
    ['aap kaise ho', 'hi'],
    ['export finance ke baare mein batao', 'hi'],
    // English.
    ['I need 50 MT rice', 'en'],
    ['please send price', 'en'],
    ['What is the price of basmati rice?', 'en'],
    ['Looking for soybean meal for Vietnam', 'en'],
    // A Devanagari word in an English sentence: a tie goes to Hindi, a clear majority to English.
    ['send price list, धन्यवाद', 'hi'],
    ['I want to know the price of rice for export to Nepal, धन्यवाद', 'en'],
    // Too little evidence.
    ['ok', undefined],
    ['1', undefined],
    ['hi', undefined],
    ['hello', undefined],
    ['menu', undefined],
    ['rice price', undefined],
    ['👍', undefined],
    ['', undefined],
    // Words that are both Hindi and English prove nothing.
    ['me do to', undefined],
    // Evenly mixed Latin text is not guessed.
    ['I want chawal chahiye', undefined],
  ])('%s → %s', (input, expected) => {
    expect(guessLanguage(input)).toBe(expected);
  });
});

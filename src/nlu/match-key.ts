/**
 * A spelling-blind key for product and place names across Devanagari, Hinglish and English: "chawal", "chaval",
 * "chaawal" and "चावल" all become `caval`. Devanagari is transliterated to Latin, then both scripts go through the
 * same folds, each undoing one way Hinglish spellings of a Hindi word differ. Keys are for comparing, never showing.
 */
import sanscriptModule from '@indic-transliteration/sanscript';
import { normalizeText, tokenize } from './normalize.js';

// The package is CommonJS (`module.exports = Sanscript`) but its types declare an ES default export, so under
// NodeNext TypeScript types the default import as `{ default: Sanscript }` while Node hands over Sanscript itself.
const Sanscript = sanscriptModule as unknown as typeof sanscriptModule.default;

/** The key of a text: the key of each of its words (`wordKey`), joined by single spaces. */
export function matchKey(text: string): string {
  return matchKeyWords(text).join(' ');
}

/** The keys of the words of a text, in order; punctuation and emoji are dropped, numbers kept as ASCII digits. */
export function matchKeyWords(text: string): string[] {
  return tokenize(normalizeText(text))
    .map(wordKey)
    .filter((key) => key !== '');
}

/** The key of one word as `tokenize` returns it, in either script. */
export function wordKey(word: string): string {
  const latin = DEVANAGARI.test(word) ? devanagariToLatin(word) : word.toLowerCase();
  return foldSpelling(toPlainAscii(latin));
}

const DEVANAGARI = /\p{Script=Devanagari}/u;

/**
 * The Latin spelling a Hindi speaker would type: Sanscript writes every consonant's inherent "a" (Sanskrit
 * reading, चावल → cāvala), so the schwas Hindi does not pronounce are silenced first (चावल → cāval).
 */
function devanagariToLatin(word: string): string {
  return Sanscript.t(deleteSchwas(toClassicVowels(word)), 'devanagari', 'iast');
}

// The "English" vowels ऑ/ॉ (कॉटन) and ॅ are not in Sanscript's Sanskrit scheme; written Hindi uses ओ/ो and े for them.
const CLASSIC_VOWELS: Readonly<Record<string, string>> = {
  '\u0911': '\u0913',
  '\u0949': '\u094B',
  '\u090D': '\u090F',
  '\u0945': '\u0947',
};

function toClassicVowels(word: string): string {
  return word.replace(/[\u0911\u0949\u090D\u0945]/g, (vowel) => CLASSIC_VOWELS[vowel] ?? vowel);
}

const VIRAMA = '\u094D';
const CONSONANT = /[\u0915-\u0939\u0958-\u095F\u0978-\u097F]/;
const VOWEL_SIGN = /[\u093A\u093B\u093E-\u094C\u094E\u094F\u0955-\u0957\u0962\u0963]/;
const INDEPENDENT_VOWEL = /[\u0904-\u0914\u0960\u0961\u0972-\u0977]/;
const NASAL_OR_VISARGA = /[\u0901-\u0903]/;

/** A consonant cluster with its vowel, or a vowel letter alone: the unit schwa deletion reasons about. */
interface Syllable {
  consonants: number;
  /** 'schwa' when the cluster carries the inherent vowel; 'none' when it ends in a virama. */
  vowel: 'schwa' | 'written' | 'none';
  /** Where a virama goes to silence the schwa. */
  schwaAt: number;
  nasal: boolean;
}

/**
 * Hindi schwa deletion (Ohala's rule, applied right to left): the inherent vowel is silent at the end of a word
 * of two or more syllables (चावल → चावल्, शिल्प → शिल्प्, but मित्र keeps it) and between two single consonants that both neighbour a sounded vowel (सरसों → सर्सों,
 * लहसुन → लह्सुन्). It misses compounds (जैसीनगर gives "jaisingar"); fuzzy matching absorbs those.
 */
function deleteSchwas(word: string): string {
  const chars = [...word];
  const syllables = splitSyllables(chars);
  const silenced = new Set<number>();
  for (let index = syllables.length - 1; index > 0; index--) {
    const syllable = syllables[index]!;
    if (syllable.vowel !== 'schwa' || syllable.nasal) continue;
    const silent =
      index === syllables.length - 1
        ? !SOUNDED_FINAL_CLUSTER.test(chars[syllable.schwaAt - 1] ?? '') || syllable.consonants === 1
        : syllable.consonants === 1 && isOpenBetween(syllables, index, silenced);
    if (silent) silenced.add(syllable.schwaAt);
  }
  return chars.map((char, index) => (silenced.has(index + 1) ? char + VIRAMA : char)).join('');
}

// A final cluster keeps its schwa when it ends in र, य or व: मित्र "mitra", वाक्य "vakya", but शिल्प "shilp".
const SOUNDED_FINAL_CLUSTER = /[रयव]/;

function isOpenBetween(syllables: readonly Syllable[], index: number, silenced: ReadonlySet<number>): boolean {
  const before = syllables[index - 1]!;
  const after = syllables[index + 1]!;
  const sounded = (syllable: Syllable) =>
    syllable.vowel === 'written' || (syllable.vowel === 'schwa' && !silenced.has(syllable.schwaAt));
  return sounded(before) && after.consonants === 1 && sounded(after);
}

function splitSyllables(chars: readonly string[]): Syllable[] {
  const syllables: Syllable[] = [];
  let at = 0;
  const isAt = (pattern: RegExp, index: number) => pattern.test(chars[index] ?? '');
  while (at < chars.length) {
    if (!isAt(CONSONANT, at) && !isAt(INDEPENDENT_VOWEL, at)) {
      at++;
      continue;
    }
    let consonants = 0;
    let vowel: Syllable['vowel'] = 'written';
    if (isAt(CONSONANT, at)) {
      consonants = 1;
      at++;
      while (chars[at] === VIRAMA && isAt(CONSONANT, at + 1)) {
        consonants++;
        at += 2;
      }
      if (chars[at] === VIRAMA) vowel = 'none';
      else if (!isAt(VOWEL_SIGN, at)) vowel = 'schwa';
    }
    const schwaAt = at;
    if (vowel !== 'schwa') at++;
    const nasal = isAt(NASAL_OR_VISARGA, at);
    while (isAt(NASAL_OR_VISARGA, at)) at++;
    syllables.push({ consonants, vowel, schwaAt, nasal });
  }
  return syllables;
}

/**
 * IAST and accented Latin as the plain letters a phone keyboard types: ś and ṣ are both "sh", anusvara ṃ is the
 * "n" of "gehun", ṛ is the "ri" of "krishi"; every other diacritic is dropped. Letters outside a-z are removed.
 */
function toPlainAscii(word: string): string {
  return word
    .replace(/[śṣ]/g, 'sh')
    .replace(/ṃ|m̐/g, 'n')
    .replace(/ṝ|ṛ/g, 'ri')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The folds, in order. Each one merges spellings that people use for the same Hindi sound:
 * - "ch"/"chh" → c: च and छ are both typed "ch" (and IAST writes them c and ch).
 * - "ph" → f, "z" → j, "q" → k: the nukta letters फ़ ज़ क़ lose their nukta in `normalizeText`.
 * - "w" → v: व is typed either way ("chawal", "chaval").
 * - "rh" → dh: ढ़ is typed "rh" ("garhakota") and, without its nukta, transliterates to "dh".
 * - "ee"/"ea" → i, "oo" → u: long vowels typed English-style ("gehoon", "soyabean"); IAST ī ū are already i u.
 * - "au"/"ou" → o: औ is typed all three ways ("malthon", "मालथौन").
 * - "eh" before a consonant → "ah": Hinglish writes रह as "reh" ("rehli", "pehla").
 * - "iy" before a vowel → i: "dhaniya" and "dhania".
 * - doubled letters → one: vowel length ("chaawal") and geminates ("pattal", "patal"); digits are a number
 *   ("1121") and stay as they are.
 * - a final "n" after i, u, o or e is a nasalised vowel ("gehun"/"gehu", "sarson"/"sarso"); after "a" it is a
 *   real consonant ("dhan", "saman") and stays.
 */
function foldSpelling(word: string): string {
  return word
    .replace(/chh?/g, 'c')
    .replace(/ph/g, 'f')
    .replace(/z/g, 'j')
    .replace(/q/g, 'k')
    .replace(/w/g, 'v')
    .replace(/rh/g, 'dh')
    .replace(/ee|ea/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/au|ou/g, 'o')
    .replace(/eh(?=[^aeiou])/g, 'ah')
    .replace(/iy(?=[aeiou])/g, 'i')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/(?<=.[iuoe])n$/, '');
}

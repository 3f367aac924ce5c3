/**
 * Destination countries named in English, Hindi or Hinglish spellings ("amerika", "अमेरिका", "U.S.A.", "saudia").
 * Cities are not countries here: "Dubai" is not taken to mean the UAE, because a buyer in Dubai may ship anywhere.
 */
import { phrasesOf, phraseTokens } from './phrases.js';
import {
  commonLetters,
  fuzzySimilarity,
  letterCounts,
  pickUnambiguous,
  type ScoredCandidate,
  similarityBound,
} from './similarity.js';

export interface Country {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: { en: string; hi: string };
}

interface CountryEntry extends Country {
  /** Every name and spelling that means this country, the English and Hindi names included. */
  names: string[];
}

// Export markets of Sagar's products (rice, soybean, pulses, stone craft, pharma-chemicals) and their neighbours,
// the countries of the ports their buyers name (Cotonou, Lomé, Valparaíso...), plus countries whose names are close
// to theirs (Austria, Niger, North Korea), which fuzzy matching would otherwise take for Australia, Nigeria and South
// Korea.
// One country a line: ISO code ; English name ; Hindi name ; other names and spellings, '|'-separated (a line that
// starts with '|' continues them).
const COUNTRY_TABLE = `
  AE ; United Arab Emirates ; संयुक्त अरब अमीरात ; uae | u a e | emirates | arab emirates | यूएई | यू ए ई | अमीरात
  SA ; Saudi Arabia ; सऊदी अरब ; saudi | saudia | saudi arab | ksa | सऊदी | सउदी | सउदी अरब | साउदी अरब
  QA ; Qatar ; क़तर ; katar | कतर
  KW ; Kuwait ; कुवैत ; kuwet | kuvait
  OM ; Oman ; ओमान
  BH ; Bahrain ; बहरीन ; behrain | bahrein
  IR ; Iran ; ईरान ; इरान
  IQ ; Iraq ; इराक़ ; irak | ईराक
  YE ; Yemen ; यमन ; yaman
  JO ; Jordan ; जॉर्डन ; जार्डन
  LB ; Lebanon ; लेबनान ; lebanan
  TR ; Turkey ; तुर्की ; turkiye | türkiye | turki | तुर्किये
  EG ; Egypt ; मिस्र ; misr | इजिप्ट
  BD ; Bangladesh ; बांग्लादेश ; bangla desh | बंगलादेश | बांगलादेश | बांग्ला देश
  NP ; Nepal ; नेपाल ; nepaal
  BT ; Bhutan ; भूटान ; bhootan
  LK ; Sri Lanka ; श्रीलंका ; shri lanka | shrilanka | ceylon | श्री लंका
  MV ; Maldives ; मालदीव ; maldive | maldiv
  MM ; Myanmar ; म्यांमार ; burma | barma | बर्मा
  AF ; Afghanistan ; अफ़ग़ानिस्तान ; afganistan
  VN ; Vietnam ; वियतनाम ; viet nam | vietnaam | वियेतनाम
  ID ; Indonesia ; इंडोनेशिया ; इन्डोनेशिया
  MY ; Malaysia ; मलेशिया ; malasia | malesia | मलयेशिया
  SG ; Singapore ; सिंगापुर ; singapur
  TH ; Thailand ; थाईलैंड ; थाइलैंड
  PH ; Philippines ; फ़िलीपींस ; philipines | phillipines | filipins | फिलिपींस
  CN ; China ; चीन ; cheen
  HK ; Hong Kong ; हांगकांग ; hongkong | हॉन्गकॉन्ग | हॉन्ग कॉन्ग | हांग कांग
  JP ; Japan ; जापान
  KR ; South Korea ; दक्षिण कोरिया ; korea | कोरिया | साउथ कोरिया
  KP ; North Korea ; उत्तर कोरिया ; नॉर्थ कोरिया
  AU ; Australia ; ऑस्ट्रेलिया ; आस्ट्रेलिया
  NZ ; New Zealand ; न्यूज़ीलैंड ; newzealand | new zeland | न्यू ज़ीलैंड
  US ; United States ; संयुक्त राज्य अमेरिका ; usa | u s a | united states of america | america | amerika
    | अमेरिका | अमरीका | यूएसए | यू एस ए
  CA ; Canada ; कनाडा ; kanada
  MX ; Mexico ; मेक्सिको
  BR ; Brazil ; ब्राज़ील ; brasil
  AR ; Argentina ; अर्जेंटीना ; argentine
  CL ; Chile ; चिली
  PE ; Peru ; पेरू
  JM ; Jamaica ; जमैका
  GB ; United Kingdom ; यूनाइटेड किंगडम ; uk | u k | britain | great britain | england
    | ब्रिटेन | इंग्लैंड | इंग्लैण्ड | यूके
  DE ; Germany ; जर्मनी ; jermany | deutschland
  NL ; Netherlands ; नीदरलैंड्स ; netherland | holland | the netherlands | नीदरलैंड | हॉलैंड | हालैंड
  FR ; France ; फ़्रांस ; फ्रान्स
  IT ; Italy ; इटली
  ES ; Spain ; स्पेन
  BE ; Belgium ; बेल्जियम
  AT ; Austria ; ऑस्ट्रिया ; आस्ट्रिया
  PL ; Poland ; पोलैंड ; polska | पोलेंड
  GR ; Greece ; यूनान ; hellas
  RU ; Russia ; रूस ; रशिया
  KE ; Kenya ; केन्या ; kenia
  NG ; Nigeria ; नाइजीरिया ; नाइजेरिया
  NE ; Niger ; नाइजर
  ZA ; South Africa ; दक्षिण अफ़्रीका ; साउथ अफ्रीका
  TZ ; Tanzania ; तंज़ानिया
  ET ; Ethiopia ; इथियोपिया
  GH ; Ghana ; घाना
  SN ; Senegal ; सेनेगल
  BJ ; Benin ; बेनिन
  TG ; Togo ; टोगो
  GN ; Guinea ; गिनी ; guinee | guinea conakry
  AO ; Angola ; अंगोला
  MG ; Madagascar ; मेडागास्कर ; मैडागास्कर
  MU ; Mauritius ; मॉरीशस ; mauritious | मारीशस
  MA ; Morocco ; मोरक्को ; marocco | morroco | moroco | मोरोक्को
  TN ; Tunisia ; ट्यूनीशिया ; ट्यूनिशिया
  DZ ; Algeria ; अल्जीरिया ; algerie
  CI ; Côte d'Ivoire ; आइवरी कोस्ट ; ivory coast | cote d'ivoire | cote divoire
  DJ ; Djibouti ; जिबूती
  SO ; Somalia ; सोमालिया
  MZ ; Mozambique ; मोज़ाम्बिक
  IN ; India ; भारत ; bharat | hindustan | इंडिया | हिंदुस्तान
`;

const COUNTRIES: readonly CountryEntry[] = COUNTRY_TABLE.trim()
  .replace(/\n\s*\|/g, ' |')
  .split('\n')
  .map(parseCountryRow);

function parseCountryRow(row: string): CountryEntry {
  const [code = '', en = '', hi = '', aliases = ''] = row.split(';').map((field) => field.trim());
  if (!/^[A-Z]{2}$/.test(code) || en === '' || hi === '') throw new Error(`country table: malformed row "${row}"`);
  return { code, name: { en, hi }, names: [en, hi, ...phrasesOf(aliases)] };
}

const FUZZY_RULE = { threshold: 0.92, margin: 0.02 };
// Jaro-Winkler flatters short names ("oman"/"omen", "iran"/"iraq"); they must be spelled exactly.
const MIN_FUZZY_NAME_LENGTH = 5;
// Names a letter or two from everyday words ("child", "chilled" and "chili" for Chile, "jamai" for Jamaica): only
// spelled right do they name a country.
const EXACT_ONLY: ReadonlySet<string> = new Set(['CL', 'JM']);
// The longest name, in words ("united states of america").
const MAX_NAME_WORDS = 4;

const COUNTRIES_BY_CODE: ReadonlyMap<string, CountryEntry> = new Map(
  COUNTRIES.map((country) => [country.code.toLowerCase(), country]),
);
const COUNTRIES_BY_NAME: ReadonlyMap<string, CountryEntry> = indexNames();

function indexNames(): Map<string, CountryEntry> {
  const index = new Map<string, CountryEntry>();
  for (const country of COUNTRIES) {
    for (const name of country.names) {
      const words = phraseTokens(name);
      if (words.length === 0) continue;
      // "sri lanka" is also typed "srilanka", "बांग्ला देश" as "बांग्लादेश".
      for (const key of [words.join(' '), words.join('')]) {
        const existing = index.get(key);
        if (existing && existing !== country)
          throw new Error(`"${key}" names both ${existing.code} and ${country.code}`);
        index.set(key, country);
      }
    }
  }
  return index;
}

/** The country a message names, or undefined if it names none or several. */
export function parseCountry(text: string): Country | undefined {
  const found = findCountries(text);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Every country a message names, in order of mention, each once ("from India to UAE" → IN, AE). An ISO code counts
 * only as the whole message: inside a sentence "us", "in", "it" and "de" are words.
 */
export function findCountries(text: string): Country[] {
  const words = joinSpelledLetters(phraseTokens(text));
  if (words.length === 0) return [];
  const byCode = words.length === 1 ? COUNTRIES_BY_CODE.get(words[0]!) : undefined;
  if (byCode) return [publicView(byCode)];

  const found: Country[] = [];
  for (const { country } of countryMentions(words)) {
    if (!found.some(({ code }) => code === country.code)) found.push(country);
  }
  return found;
}

export interface CountryMention {
  country: Country;
  /** Word positions in the words searched, end exclusive. */
  start: number;
  end: number;
}

/**
 * Every mention of a country by name in words already normalized (`phraseTokens`; other tokens such as "$" may be
 * among them and name nothing), in order, repeats included, with where each is: for readers that weigh a name by
 * the words around it ("to UAE", "नेपाल के लिए").
 */
export function countryMentions(words: readonly string[]): CountryMention[] {
  const mentions: CountryMention[] = [];
  for (let start = 0; start < words.length; ) {
    const match = matchNameAt(words, start);
    if (!match) {
      start++;
      continue;
    }
    mentions.push({ country: publicView(match.country), start, end: match.end });
    start = match.end;
  }
  return mentions;
}

/** "U.S.A." and "u s a" arrive as single letters; they spell one word. */
function joinSpelledLetters(words: string[]): string[] {
  return words.length > 1 && words.every((word) => word.length === 1) ? [words.join('')] : words;
}

function matchNameAt(words: readonly string[], start: number): { country: CountryEntry; end: number } | undefined {
  for (let length = Math.min(MAX_NAME_WORDS, words.length - start); length > 0; length--) {
    const country = COUNTRIES_BY_NAME.get(words.slice(start, start + length).join(' '));
    if (country) return { country, end: start + length };
  }
  for (let length = Math.min(MAX_NAME_WORDS, words.length - start); length > 0; length--) {
    const country = matchNameFuzzily(words.slice(start, start + length).join(' '));
    if (country) return { country, end: start + length };
  }
  return undefined;
}

interface FuzzyName {
  name: string;
  country: CountryEntry;
  devanagari: boolean;
  letters: ReadonlyMap<string, number>;
}

const DEVANAGARI = /\p{Script=Devanagari}/u;
const LATIN = /\p{Script=Latin}/u;

const FUZZY_NAMES: readonly FuzzyName[] = [...COUNTRIES_BY_NAME]
  .filter(([name, country]) => [...name].length >= MIN_FUZZY_NAME_LENGTH && !EXACT_ONLY.has(country.code))
  .map(([name, country]) => ({ name, country, devanagari: DEVANAGARI.test(name), letters: letterCounts(name) }));

// Every window of up to four words of every message is compared with every name; the same words come again and
// again ("chahiye", "mujhe", "rate"), so the verdicts are kept. The cap bounds the memory a stream of unique words
// can take: when full, the memo starts again.
const FUZZY_MEMO_LIMIT = 20_000;
const fuzzyMemo = new Map<string, CountryEntry | null>();

function matchNameFuzzily(phrase: string): CountryEntry | undefined {
  if ([...phrase].length < MIN_FUZZY_NAME_LENGTH) return undefined;
  const known = fuzzyMemo.get(phrase);
  if (known !== undefined) return known ?? undefined;
  const country = nearestName(phrase);
  if (fuzzyMemo.size >= FUZZY_MEMO_LIMIT) fuzzyMemo.clear();
  fuzzyMemo.set(phrase, country ?? null);
  return country;
}

function nearestName(phrase: string): CountryEntry | undefined {
  // A name in the other script, much longer or shorter, or with too few letters in common cannot reach the
  // threshold: it can never be a candidate, so it is not scored (which is most names for most phrases).
  const latinOnly = !DEVANAGARI.test(phrase);
  const devanagariOnly = !latinOnly && !LATIN.test(phrase);
  const letters = letterCounts(phrase);
  const candidates: ScoredCandidate[] = [];
  for (const { name, country, devanagari, letters: nameLetters } of FUZZY_NAMES) {
    if ((latinOnly && devanagari) || (devanagariOnly && !devanagari)) continue;
    if (similarityBound(phrase.length, name.length) < FUZZY_RULE.threshold) continue;
    const common = commonLetters(nameLetters, letters);
    if (similarityBound(phrase.length, name.length, common) < FUZZY_RULE.threshold) continue;
    const score = fuzzySimilarity(phrase, name);
    if (score >= FUZZY_RULE.threshold) candidates.push({ id: country.code, score });
  }
  const best = pickUnambiguous(candidates, FUZZY_RULE);
  return best && COUNTRIES_BY_CODE.get(best.id.toLowerCase());
}

function publicView({ code, name }: CountryEntry): Country {
  return { code, name };
}

/** The country with ISO code `code` (any case), if the table knows it. */
export function countryByCode(code: string): Country | undefined {
  const entry = COUNTRIES_BY_CODE.get(code.toLowerCase());
  return entry && publicView(entry);
}

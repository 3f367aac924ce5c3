/**
 * Matching a reply to the options the bot offered (a button, a list row, or a numbered text menu). A reply picks an
 * option by its button payload, its number, its title in any language, or a near spelling of the title; when a
 * reply fits two options equally it picks none, so the flow asks again rather than guessing.
 */
import { POLITE_FILLERS, phraseKey, phraseTokens } from './phrases.js';
import { fuzzySimilarity, pickUnambiguous, type ScoredCandidate } from './similarity.js';
import { normalizeText } from './normalize.js';

export interface ChoiceOption {
  id: string;
  /** Every way the option is named: all languages, synonyms. */
  titles: readonly string[];
}

export type ChoiceMatchKind = 'payload' | 'number' | 'text' | 'fuzzy';

export interface ChoiceMatch {
  id: string;
  by: ChoiceMatchKind;
}

export interface MatchChoiceOptions {
  /** The id of the button or list row the user tapped, when the channel reports one. */
  choiceId?: string;
}

export interface MultiChoiceResult {
  /** The chosen option ids, in the order the user named them, without repeats. */
  ids: string[];
  /** The parts of the reply, as typed, that named no option; the reply is valid only when this is empty. */
  unrecognized: string[];
}

const FUZZY_RULE = { threshold: 0.9, margin: 0.05 };
// In "sela" for "Sela rice" or "rice" for "Basmati rice" a word shorter than this ("of", "and") proves nothing alone.
const MIN_SIGNIFICANT_WORD_LENGTH = 3;

const OPTION_NUMBER = new RegExp(
  [
    '^(?:(?:option|opt|choice|number|num|no|nr|vikalp|विकल्प|नंबर|नम्बर|संख्या|क्रमांक)\\s*[.:]?\\s*)?',
    '#?\\s*(\\d{1,2})\\s*(?:st|nd|rd|th|वां|वा)?\\s*[.):]?$',
  ].join(''),
  'u',
);

/** The 1-based option number a reply names ("2", "२", "2.", "#2", "option 2"), if that is all it says. */
export function parseOptionNumber(text: string): number | undefined {
  const match = OPTION_NUMBER.exec(normalizeText(text));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** The option a reply chooses, and how it was recognized; undefined when none, or more than one, fits. */
export function matchChoice(
  text: string,
  options: readonly ChoiceOption[],
  opts: MatchChoiceOptions = {},
): ChoiceMatch | undefined {
  const tapped = options.find((option) => option.id === opts.choiceId);
  if (tapped) return { id: tapped.id, by: 'payload' };

  const position = parseOptionNumber(text);
  const numbered = position === undefined ? undefined : options[position - 1];
  if (numbered) return { id: numbered.id, by: 'number' };

  const exact = matchExactTitle(text, options);
  if (exact !== undefined) return exact === AMBIGUOUS ? undefined : { id: exact, by: 'text' };

  const fuzzy = matchFuzzyTitle(text, options);
  return fuzzy === undefined ? undefined : { id: fuzzy, by: 'fuzzy' };
}

const AMBIGUOUS = Symbol('ambiguous');

function matchExactTitle(text: string, options: readonly ChoiceOption[]): string | typeof AMBIGUOUS | undefined {
  const key = phraseKey(text, POLITE_FILLERS);
  if (key === '') return undefined;
  const ids = new Set(
    options.filter((option) => option.titles.some((title) => titleKey(title) === key)).map((option) => option.id),
  );
  if (ids.size > 1) return AMBIGUOUS;
  return [...ids][0];
}

function matchFuzzyTitle(text: string, options: readonly ChoiceOption[]): string | undefined {
  const words = phraseTokens(text, POLITE_FILLERS);
  if (words.length === 0) return undefined;
  const candidates: ScoredCandidate[] = options.flatMap((option) =>
    option.titles.map((title) => ({ id: option.id, score: titleSimilarity(words, titleWords(title)) })),
  );
  return pickUnambiguous(candidates, FUZZY_RULE)?.id;
}

// A title made only of courtesy words (an option called "Ji") keeps them: it would otherwise match nothing.
function titleWords(title: string): string[] {
  const words = phraseTokens(title, POLITE_FILLERS);
  return words.length > 0 ? words : phraseTokens(title);
}

function titleKey(title: string): string {
  return titleWords(title).join(' ');
}

/**
 * How well a reply names a title: the whole reply against the whole title, or, for a multi-word title, the reply
 * being part of the title ("basmati" for "Basmati rice") or the title being part of the reply ("I want sela rice").
 */
function titleSimilarity(replyWords: readonly string[], title: readonly string[]): number {
  const whole = fuzzySimilarity(replyWords.join(' '), title.join(' '));
  if (title.length < 2) return whole;
  return Math.max(whole, containment(replyWords, title), containment(title, replyWords));
}

/** The weakest fuzzy match of a `part` word among the `whole` words; 0 unless every part word is found. */
function containment(part: readonly string[], whole: readonly string[]): number {
  if (!part.some((word) => [...word].length >= MIN_SIGNIFICANT_WORD_LENGTH)) return 0;
  let weakest = 1;
  for (const word of part) {
    const best = Math.max(...whole.map((candidate) => fuzzySimilarity(word, candidate)));
    if (best < FUZZY_RULE.threshold) return 0;
    weakest = Math.min(weakest, best);
  }
  return weakest;
}

// Separators from the coarsest to the finest: a list is split at punctuation, then at "and", then at spaces ("1 3").
const LIST_SEPARATORS: readonly RegExp[] = [/[,;/&+|\n、]+/u, /\s+(?:and|aur|evam|और|तथा|एवं|व)\s+/iu, /\s+/u];

/**
 * The options a multi-select reply chooses: "1, 3", "1 aur 3", "१ ३", "sela rice, basmati". Undefined for an empty
 * reply; otherwise the ids found and the parts, as typed, that named no option (the reply is valid only when there
 * are none).
 */
export function matchChoices(text: string, options: readonly ChoiceOption[]): MultiChoiceResult | undefined {
  const parts = splitList(text.normalize('NFC'), 0);
  if (parts.length === 0) return undefined;
  const ids: string[] = [];
  const unrecognized: string[] = [];
  for (const part of parts) {
    const found = recognizeListPart(part, options, 1);
    if (found) ids.push(...found);
    else unrecognized.push(part);
  }
  return { ids: [...new Set(ids)], unrecognized };
}

/**
 * The ids one part of a list names, all or nothing ("sela xyz" is reported whole, not as "xyz"). An exact title or
 * number wins; then splitting at a finer separator, as long as every piece names an option; a fuzzy match of the
 * whole part comes last, because containment would let "sela rice and wheat" name only "Sela rice".
 */
function recognizeListPart(part: string, options: readonly ChoiceOption[], finerLevel: number): string[] | undefined {
  const whole = matchChoice(part, options);
  if (whole && whole.by !== 'fuzzy') return [whole.id];
  for (let level = finerLevel; level < LIST_SEPARATORS.length; level++) {
    const pieces = splitList(part, level);
    if (pieces.length < 2) continue;
    const ids = pieces.map((piece) => recognizeListPart(piece, options, level + 1));
    if (ids.every((found) => found !== undefined)) return ids.flat();
    break;
  }
  return whole && [whole.id];
}

/** The pieces of a list at one separator level, trimmed, without pieces that hold no word or number. */
function splitList(text: string, level: number): string[] {
  const separator = LIST_SEPARATORS[level];
  const pieces = separator ? text.split(separator) : [text];
  return pieces.map((piece) => piece.trim()).filter((piece) => phraseKey(piece) !== '');
}

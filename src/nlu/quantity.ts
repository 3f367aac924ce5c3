/**
 * Quantities with their unit, in free text: "50 ton", "५० टन", "50MT", "200 quintal per month",
 * "mujhe 2 x 20ft container chahiye", "1000 bags of 25 kg".
 */
import { buildPhraseTable, phraseTokens, wordSetOf } from './phrases.js';
import { readNumber } from './number.js';

export type Unit = 'MT' | 'quintal' | 'kg' | 'container' | 'bag';

export const UNITS: readonly Unit[] = ['MT', 'quintal', 'kg', 'container', 'bag'];

export interface Quantity {
  value: number;
  unit: Unit;
}

export type QuantityError =
  | { error: 'no_number' }
  /** A number without a unit: the caller may assume a default unit or ask for one. */
  | { error: 'no_unit'; value: number }
  | { error: 'unit_not_allowed'; value: number; unit: Unit; allowed: readonly Unit[] };

/** Every way people write each unit, '|'-separated; shared with the inquiry reader (inquiry-unit.ts). */
export const UNIT_PHRASES: Readonly<Record<Unit, string>> = {
  MT: `mt | mts | m t | mton | ton | tons | tonne | tonnes | tonn | tan | metric ton | metric tons | metric tonne |
    metric tonnes | टन | मीट्रिक टन | मेट्रिक टन | मैट्रिक टन`,
  quintal: `quintal | quintals | quintl | quintel | qtl | qtls | qntl | kwintal | kuintal | kintal | kuntal | क्विंटल |
    क्विन्टल | कुंतल | कुन्तल`,
  kg: 'kg | kgs | kilo | kilos | kilogram | kilograms | kilogramme | kilo gram | किलो | किलोग्राम | किग्रा | केजी',
  container: 'container | containers | fcl | fcls | teu | teus | कंटेनर | कन्टेनर | कंटेनरों',
  bag: `bag | bags | bori | boriya | boriyan | bora | sack | sacks | katta | katte | बोरी | बोरियां | बोरियाँ | बोरा |
    बोरे | बैग | कट्टा | कट्टे`,
};

const UNITS_BY_PHRASE = buildPhraseTable(UNIT_PHRASES);
const LONGEST_UNIT_PHRASE = Math.max(...[...UNITS_BY_PHRASE.keys()].map((phrase) => phrase.split(' ').length));

// "20ft"/"40 feet" name a container size, not a count: "2 x 20ft containers" is two containers.
const CONTAINER_SIZES = new Set(['20', '40']);
const FEET = wordSetOf('ft feet foot fit footer फीट फुट');
// "2 x 20ft", "1000 x 25 kg bags": the count comes before the multiplication sign.
const TIMES = wordSetOf('x into');

type NumberItem = { kind: 'number'; value: number; spelled: boolean };
type Item = NumberItem | { kind: 'unit'; unit: Unit } | { kind: 'times' } | { kind: 'word' };

/** A number written in digits: a spelled one ("do") may be a verb unless a unit follows it. */
function isDigitNumber(item: Item | undefined): item is NumberItem {
  return item?.kind === 'number' && !item.spelled;
}

/**
 * The quantity a message states: the first number written next to a unit (before or after it). `allowedUnits`
 * restricts the units a step accepts; the error says what was missing or not allowed, for a precise re-prompt.
 */
export function parseQuantity(text: string, allowedUnits: readonly Unit[] = UNITS): Quantity | QuantityError {
  const items = readItems(phraseTokens(text));
  const quantity = findQuantity(items);
  if (!quantity) {
    const number = items.find(isDigitNumber);
    return number ? { error: 'no_unit', value: number.value } : { error: 'no_number' };
  }
  if (!allowedUnits.includes(quantity.unit)) return { error: 'unit_not_allowed', ...quantity, allowed: allowedUnits };
  return quantity;
}

function readItems(tokens: readonly string[]): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < tokens.length; ) {
    if (CONTAINER_SIZES.has(tokens[i]!) && FEET.has(tokens[i + 1] ?? '')) {
      items.push({ kind: 'unit', unit: 'container' });
      i += 2;
      continue;
    }
    const number = readNumber(tokens, i);
    if (number) {
      items.push({ kind: 'number', value: number.value, spelled: number.spelled });
      i = number.end;
      continue;
    }
    const unit = readUnit(tokens, i);
    if (unit) {
      items.push({ kind: 'unit', unit: unit.unit });
      i = unit.end;
      continue;
    }
    items.push({ kind: TIMES.has(tokens[i]!) ? 'times' : 'word' });
    i++;
  }
  return items;
}

function readUnit(tokens: readonly string[], start: number): { unit: Unit; end: number } | undefined {
  for (let length = Math.min(LONGEST_UNIT_PHRASE, tokens.length - start); length > 0; length--) {
    const unit = UNITS_BY_PHRASE.get(tokens.slice(start, start + length).join(' '));
    if (unit) return { unit, end: start + length };
  }
  return undefined;
}

/**
 * The first number written next to a unit; a number word counts only there, because "do" is also "give". A weight
 * followed by another unit ("25 kg bags") is the size of the packing, not the quantity: then the count is the number
 * before "x" ("1000 x 25 kg bags"), or another pair.
 */
function findQuantity(items: readonly Item[]): Quantity | undefined {
  let packingSize: Quantity | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const unitAt = items[i + 1]?.kind === 'times' ? i + 2 : i + 1;
    const unit = items[unitAt];
    if (item.kind !== 'number' || unit?.kind !== 'unit') continue;
    const outer = items[unitAt + 1];
    if (outer?.kind !== 'unit' || outer.unit === unit.unit) return { value: item.value, unit: unit.unit };
    const count = items[i - 1]?.kind === 'times' ? items[i - 2] : undefined;
    if (count?.kind === 'number') return { value: count.value, unit: outer.unit };
    packingSize ??= { value: item.value, unit: unit.unit };
  }
  return unitThenNumber(items) ?? packingSize ?? onlyNumberAndUnit(items);
}

/** "MT 50", "quintal: 200": a unit directly before a number. */
function unitThenNumber(items: readonly Item[]): Quantity | undefined {
  for (let i = 0; i + 1 < items.length; i++) {
    const [unit, number] = [items[i]!, items[i + 1]!];
    if (unit.kind === 'unit' && isDigitNumber(number)) {
      return { value: number.value, unit: unit.unit };
    }
  }
  return undefined;
}

/** "ton me 50": one number and one unit with words between them can only belong together. */
function onlyNumberAndUnit(items: readonly Item[]): Quantity | undefined {
  const numbers = items.filter(isDigitNumber);
  const units = items.filter((item) => item.kind === 'unit');
  const [number] = numbers;
  const [unit] = units;
  return numbers.length === 1 && units.length === 1 && number && unit
    ? { value: number.value, unit: unit.unit }
    : undefined;
}

/**
 * The quantity a buyer asks for, in free text, with its weight when the text gives it: "50 ton sela", "ढाई सौ टन",
 * "1000 bags of 50 kg", "2 x 20ft containers, 26 ton each", "500 slabs". A price ("₹3200/qtl", "$450 PMT") is
 * never a quantity, and neither is a packing size ("in 50 kg bags") or a container size ("20ft").
 */
import { asInquiryText, type InquiryText, RANGE_WORDS } from './inquiry-text.js';
import { type InquiryUnit, isPackage, isWeight, KG_PER_UNIT, readUnit } from './inquiry-unit.js';
import { buildPhraseSet, type PhraseIndex } from './inquiry-phrases.js';
import { readNumber } from './number.js';
import { readPriceAt } from './price.js';

export interface InquiryQuantity {
  value: number;
  unit: InquiryUnit;
  /** The weight asked for: a weight in kg, or bags and containers times their stated weight each; else null. */
  kg: number | null;
}

type Package = 'bag' | 'container';

interface NumberItem {
  kind: 'number';
  value: number;
  spelled: boolean;
  /** "48%" is a grade, not an amount. */
  percent: boolean;
}

interface UnitItem {
  kind: 'unit';
  unit: InquiryUnit;
  /** A word that only counts ("nos", "pcs"), which may count the bags or containers named before it. */
  countWord: boolean;
}

type Marker = 'times' | 'each' | 'per' | 'link' | 'total' | 'packing';

/** Numbers, units, the words that tie them together, and everything else; a price is one item, never read into. */
type Item = NumberItem | UnitItem | { kind: Marker | 'price' | 'other' };

const MARKERS: readonly (readonly [Marker, PhraseIndex<true>])[] = [
  // "2 x 20ft", "1000 x 25 kg bags": the count comes before the "x".
  ['times', buildPhraseSet('x | × | into | *')],
  // "26 ton each", "each bag 50 kg".
  ['each', buildPhraseSet('each | apiece')],
  // With a bag or container, a weight is of one ("26 MT/container", "har bori 50 kilo"); else it is a rate.
  ['per', buildPhraseSet('per | / | prati | प्रति | har | हर | every')],
  // "bags of 50 kg", "50 kg ki bori", "50 kg wali 1000 bori".
  ['link', buildPhraseSet('of | ke | ki | ka | wali | wala | wale | की | के | का | वाली | वाला | वाले')],
  // The weight of the whole order: "5 containers, total 125 MT".
  ['total', buildPhraseSet('total | kul | कुल | overall | in total')],
  // "25 kg packing" is the weight of one bag.
  ['packing', buildPhraseSet('packing | pack | packed | packaging | पैकिंग')],
];
// "containers: 2 nos" counts containers, not pieces.
const COUNT_WORDS = buildPhraseSet('piece | pieces | pc | pcs | nos | numbers | number | units | unit | पीस | नग');

// Container lengths in feet, for "2 x 20 containers".
const CONTAINER_FEET: ReadonlySet<number> = new Set([20, 40, 45]);
// Rice varieties are named by number ("1121 sela bags"): such a number is a quantity only right before its unit.
const VARIETY_NUMBERS: ReadonlySet<number> = new Set([1121, 1509, 1401, 1718, 1885, 1847, 1692]);
// "1000 bori 50 kilo": a weight right after a count of bags is the weight of one, if one bag can weigh it.
const MAX_BAG_KG = 100;
// "500 sandstone slabs", "5000 jute bags": a count may be apart from its unit by the product's words.
const MAX_WORDS_BETWEEN = 2;

/** The quantity a message asks for, or null when it states none. */
export function readQuantity(input: string | InquiryText): InquiryQuantity | null {
  const items = readItems(asInquiryText(input).tokens);
  const found = scan(items);
  const quantity = found.quantity ?? unitThenNumber(items) ?? countApart(items);
  if (!quantity) return null;
  return { ...quantity, kg: weightOf(quantity, found) };
}

function readItems(tokens: readonly string[]): Item[] {
  const items: Item[] = [];
  for (let at = 0; at < tokens.length; ) {
    const price = readPriceAt(tokens, at);
    if (price) {
      items.push({ kind: 'price' });
      at = price.end;
      continue;
    }
    // Before numbers: a container size ("20ft") starts with one.
    const unit = readUnit(tokens, at);
    if (unit) {
      items.push({ kind: 'unit', unit: unit.unit, countWord: COUNT_WORDS.matchAt(tokens, at)?.end === unit.end });
      at = unit.end;
      continue;
    }
    const number = readNumber(tokens, at);
    if (number) {
      // "500-600 MT": the first figure of a range.
      const upper = RANGE_WORDS.has(tokens[number.end] ?? '') ? readNumber(tokens, number.end + 1) : undefined;
      at = upper ? upper.end : number.end;
      items.push({ kind: 'number', value: number.value, spelled: number.spelled, percent: tokens[at] === '%' });
      continue;
    }
    const [kind, end] = readMarker(tokens, at);
    items.push({ kind });
    at = end;
  }
  return items;
}

function readMarker(tokens: readonly string[], at: number): [Marker | 'other', number] {
  for (const [kind, phrases] of MARKERS) {
    const match = phrases.matchAt(tokens, at);
    if (match) return [kind, match.end];
  }
  return ['other', at + 1];
}

interface Found {
  quantity?: { value: number; unit: InquiryUnit };
  /** The weight of one bag or one container, in kg, when the text says it. */
  eachKg: Partial<Record<Package, number>>;
  /** A weight said to be of one package without naming which ("26 ton each", "25 kg packing"). */
  eachKgUnnamed?: number;
  totalKg?: number;
}

/**
 * Reads every number written next to its unit, in order. The first that is an amount to buy is the quantity; the
 * weights said to be of one bag or container, or of the whole order, are kept for its weight.
 */
function scan(items: readonly Item[]): Found {
  const found: Found = { eachKg: {} };
  for (let at = 0; at < items.length; at++) {
    const item = items[at]!;
    if (item.kind !== 'number' || item.percent) continue;
    const unitAt = unitAfter(items, at);
    const unit = items[unitAt];
    if (unit?.kind !== 'unit') continue;
    if (isWeight(unit.unit)) {
      readWeight(items, at, unitAt, { value: item.value, unit: unit.unit }, found);
      continue;
    }
    // "containers: 2 nos", "40ft container x 3 nos": containers counted.
    const before = items[at - 1]?.kind === 'times' ? items[at - 2] : items[at - 1];
    const counted = unit.countWord && isPackageItem(before) ? before.unit : unit.unit;
    found.quantity ??= { value: item.value, unit: counted };
  }
  return found;
}

/**
 * Where the unit of the number at `at` would be. "2 x 20ft": a count in digits may stand before an "x", and in
 * "2 x 20 containers" the figure after the "x" is the containers' size. A spelled count only right before its unit.
 */
function unitAfter(items: readonly Item[], at: number): number {
  const number = items[at] as NumberItem;
  if (number.spelled || items[at + 1]?.kind !== 'times') return at + 1;
  const size = items[at + 2];
  const container = items[at + 3];
  const sized = size?.kind === 'number' && CONTAINER_FEET.has(size.value);
  return sized && container?.kind === 'unit' && container.unit === 'container' ? at + 3 : at + 2;
}

function readWeight(
  items: readonly Item[],
  at: number,
  unitAt: number,
  weight: { value: number; unit: InquiryUnit },
  found: Found,
): void {
  const kg = weight.value * KG_PER_UNIT[weight.unit]!;
  const role = weightRole(items, at, unitAt, kg);
  if (role.kind === 'amount') found.quantity ??= weight;
  else if (role.kind === 'total') found.totalKg ??= kg;
  else if (role.of === undefined) found.eachKgUnnamed ??= kg;
  else {
    found.eachKg[role.of] ??= kg;
    // "1000 x 25 kg bags": the count is before the "x".
    const count = items[at - 1]?.kind === 'times' ? items[at - 2] : undefined;
    if (count?.kind === 'number' && !count.spelled) found.quantity ??= { value: count.value, unit: role.of };
  }
}

type WeightRole = { kind: 'amount' } | { kind: 'total' } | { kind: 'each'; of: Package | undefined };

/** Whether a weight is an amount to buy, the weight of the whole order, or the weight of one bag or container. */
function weightRole(items: readonly Item[], at: number, unitAt: number, kg: number): WeightRole {
  if (items[at - 1]?.kind === 'total') return { kind: 'total' };
  const of = packageAfter(items, unitAt) ?? packageBefore(items, at, kg);
  if (of !== undefined) return { kind: 'each', of };
  // "26 ton each", "25 kg packing": of one of whatever was counted.
  const next = items[unitAt + 1]?.kind;
  return next === 'each' || next === 'packing' ? { kind: 'each', of: undefined } : { kind: 'amount' };
}

/** "50 kg bags", "26 MT per container", "25 kg ki bori", "50 kg ke 1000 bag", "50 kg x 1000 bags". */
function packageAfter(items: readonly Item[], unitAt: number): Package | undefined {
  const [next, second, third] = [items[unitAt + 1], items[unitAt + 2], items[unitAt + 3]];
  if (isPackageItem(next)) return next.unit;
  const joins = next?.kind === 'each' || next?.kind === 'per' || next?.kind === 'link';
  if (joins && isPackageItem(second)) return second.unit;
  const counts = next?.kind === 'link' || next?.kind === 'times';
  return counts && second?.kind === 'number' && isPackageItem(third) ? third.unit : undefined;
}

/** "each container 26 MT", "har bori 50 kilo", "bags of 50 kg", "bags x 50 kg", "1000 bori 50 kilo". */
function packageBefore(items: readonly Item[], at: number, kg: number): Package | undefined {
  const [before, twoBefore] = [items[at - 1], items[at - 2]];
  if (isPackageItem(before) && (twoBefore?.kind === 'each' || twoBefore?.kind === 'per')) return before.unit;
  if ((before?.kind === 'link' || before?.kind === 'times') && isPackageItem(twoBefore)) return twoBefore.unit;
  // Right after a count of bags, a weight one bag can have.
  const bagWeight = isPackageItem(before) && before.unit === 'bag' && twoBefore?.kind === 'number' && kg <= MAX_BAG_KG;
  return bagWeight ? 'bag' : undefined;
}

function isPackageItem(item: Item | undefined): item is UnitItem & { unit: Package } {
  return item?.kind === 'unit' && isPackage(item.unit);
}

/**
 * "MT 50", "quantity (MT): 500", "20ft x 2": a unit directly (or through an "x") before a number in digits, when
 * nothing else stated a quantity.
 */
function unitThenNumber(items: readonly Item[]): Found['quantity'] {
  for (let at = 0; at + 1 < items.length; at++) {
    const unit = items[at]!;
    const number = items[at + 1]?.kind === 'times' ? items[at + 2] : items[at + 1];
    if (unit.kind !== 'unit' || number?.kind !== 'number' || number.spelled || number.percent) continue;
    // "order number 12345", "per MT 450": a label and a rate, not a quantity.
    if (unit.countWord) continue;
    if (items[at - 1]?.kind === 'per') continue;
    return { value: number.value, unit: unit.unit };
  }
  return undefined;
}

/** "500 sandstone slabs", "5000 jute bags": a count in digits, a few plain words, its unit. */
function countApart(items: readonly Item[]): Found['quantity'] {
  for (let at = 0; at < items.length; at++) {
    const number = items[at]!;
    if (number.kind !== 'number' || number.spelled || number.percent || VARIETY_NUMBERS.has(number.value)) continue;
    for (let gap = 1; gap <= MAX_WORDS_BETWEEN && items[at + gap]?.kind === 'other'; gap++) {
      const unit = items[at + gap + 1];
      if (unit?.kind === 'unit') return { value: number.value, unit: unit.unit };
    }
  }
  return undefined;
}

function weightOf(quantity: NonNullable<Found['quantity']>, found: Found): number | null {
  const perUnit = KG_PER_UNIT[quantity.unit];
  if (perUnit !== undefined) return round(quantity.value * perUnit);
  if (!isPackage(quantity.unit)) return null;
  const each = found.eachKg[quantity.unit] ?? found.eachKgUnnamed;
  if (each !== undefined) return round(quantity.value * each);
  return found.totalKg === undefined ? null : round(found.totalKg);
}

// 2.3 × 1000 is 2299.9999999999995 in binary floating point.
function round(kg: number): number {
  return Number(kg.toPrecision(12));
}

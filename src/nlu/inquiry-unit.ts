/**
 * The units a buyer states a quantity or a price in: the trade units of the district's products (tonnes and
 * quintals of grain and meal, bags, containers) and the counted and measured units of stone and craft (pieces,
 * square feet).
 */
import { buildPhraseIndex, buildPhraseSet, rowsOf } from './inquiry-phrases.js';
import { phrasesOf } from './phrases.js';
import { UNIT_PHRASES } from './quantity.js';

export type InquiryUnit = 'MT' | 'quintal' | 'kg' | 'container' | 'bag' | 'piece' | 'sqft';

/** Kilograms in one unit, for the units that are weights; bags and containers weigh what the buyer says they do. */
export const KG_PER_UNIT: Readonly<Partial<Record<InquiryUnit, number>>> = { MT: 1000, quintal: 100, kg: 1 };

/** A unit that holds goods of a stated weight each ("1000 bags of 50 kg"). */
export function isPackage(unit: InquiryUnit): unit is 'bag' | 'container' {
  return unit === 'bag' || unit === 'container';
}

export function isWeight(unit: InquiryUnit): unit is 'MT' | 'quintal' | 'kg' {
  return KG_PER_UNIT[unit] !== undefined;
}

// The quantity step's tables (quantity.ts) plus what only inquiries need: "PMT" is a price's unit, read by price.ts.
// Stone and craft are counted by the thing itself ("500 slabs", "200 idols"), which is a count of pieces.
const INQUIRY_UNIT_PHRASES: Readonly<Record<InquiryUnit, string>> = {
  ...UNIT_PHRASES,
  piece: `piece | pieces | pc | pcs | nos | numbers | number | units | unit | पीस | पीसेज | नग | slab | slabs | idol |
    idols | statue | statues | sculpture | sculptures | murti | murtis | murtiyan | moorti | मूर्ति | मूर्तियां |
    मूर्तियों | पटिया | plate | plates | प्लेट | bowl | bowls | toy | toys | खिलौने | brick | bricks | eent | ईंट |
    ईंटें | tile | tiles | टाइल | टाइल्स | basket | baskets | carving | carvings`,
  sqft: `sqft | sq ft | sq feet | sq foot | sq fit | square feet | square foot | square ft | square fit | sft |
    वर्ग फुट | वर्ग फीट | स्क्वायर फीट | स्क्वायर फुट | स्क्वेयर फीट`,
};

const UNITS = buildPhraseIndex(rowsOf(INQUIRY_UNIT_PHRASES));

// "20ft" and "40' HC" name a container's size, not a count: "2 x 20ft containers" is two containers, "3 40ft" three.
const CONTAINER_SIZE_SUFFIXES = phrasesOf(
  "ft | feet | foot | footer | fit | ' | फीट | फुट | gp | dv | hc | hq | high cube | ft hc | ft hq | ' hc | ' hq | ft high cube",
);
const CONTAINER_SIZES = buildPhraseSet(
  ['20', '40', '45'].flatMap((feet) => CONTAINER_SIZE_SUFFIXES.map((suffix) => `${feet}${suffix}`)).join(' | '),
);

export interface UnitReading {
  unit: InquiryUnit;
  start: number;
  end: number;
}

/** The unit written at `tokens[start]`; a container size with or without the word "container" is a container. */
export function readUnit(tokens: readonly string[], start: number): UnitReading | undefined {
  const size = CONTAINER_SIZES.matchAt(tokens, start);
  if (size) {
    const container = UNITS.matchAt(tokens, size.end);
    const end = container?.meaning === 'container' ? container.end : size.end;
    return { unit: 'container', start, end };
  }
  const unit = UNITS.matchAt(tokens, start);
  return unit && { unit: unit.meaning, start, end: unit.end };
}

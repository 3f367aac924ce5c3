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

/** Words that only count ("25 nag", "2000 pcs", "containers: 2 nos"), in both scripts. */
export const COUNT_WORD_PHRASES = `piece | pieces | pc | pcs | nos | numbers | number | units | unit | nag | nags | पीस |
  पीसेज | नग | नंबर`;

// Stone, craft and eco goods are counted by the thing itself ("500 slabs", "200 idols", "50,000 dona pattal", "300
// स्लैब"): a figure next to such a noun is a count of pieces, though no unit word is written. The words are the
// goods' plural and Hindi forms; "done" (Hinglish for दोने) is left out, being the English word.
const COUNTED_GOODS = `slab | slabs | स्लैब | स्लैब्स | पटिया | पटियां | patiya | idol | idols | statue | statues |
  sculpture | sculptures | murti | murtis | murtiyan | moorti | moortis | मूर्ति | मूर्तियां | मूर्तियों | carving |
  carvings | plate | plates | प्लेट | प्लेटें | प्लेट्स | pattal | pattals | पत्तल | पत्तलें | dona | दोना | दोने |
  dona pattal | pattal dona | दोना पत्तल | पत्तल दोना | bowl | bowls | katori | कटोरी | कटोरियां | toy | toys | khilona |
  khilone | खिलौना | खिलौने | brick | bricks | eent | ईंट | ईंटें | tile | tiles | टाइल | टाइल्स | basket | baskets |
  tokri | tokriyan | tokriya | टोकरी | टोकरियां | thaila | thaile | थैला | थैले`;

// The quantity step's tables (quantity.ts) plus what only inquiries need: "PMT" is a price's unit, read by price.ts.
const INQUIRY_UNIT_PHRASES: Readonly<Record<InquiryUnit, string>> = {
  ...UNIT_PHRASES,
  piece: `${COUNT_WORD_PHRASES} | ${COUNTED_GOODS}`,
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

// Bags that are the goods bought, not the packing of other goods: a material before "bag" names them ("jute bags
// 8,000 pieces" is eight thousand pieces, not eight thousand bags of something).
const BAG_MATERIALS = phrasesOf(
  'jute | jute ke | cotton | cloth | kapde ke | paper | carry | shopping | tote | non woven | जूट | जूट के | कॉटन | कपड़े के',
);
const BAG_GOODS = buildPhraseSet(
  BAG_MATERIALS.flatMap((material) => ['bag', 'bags', 'बैग', 'बैग्स'].map((bag) => `${material} ${bag}`)).join(' | '),
);

export interface UnitReading {
  unit: InquiryUnit;
  start: number;
  end: number;
  /** A bag that is itself the goods ("jute bags"), whose count a piece word may replace. */
  goods?: true;
}

/** The unit written at `tokens[start]`; a container size with or without the word "container" is a container. */
export function readUnit(tokens: readonly string[], start: number): UnitReading | undefined {
  const size = CONTAINER_SIZES.matchAt(tokens, start);
  if (size) {
    const container = UNITS.matchAt(tokens, size.end);
    const end = container?.meaning === 'container' ? container.end : size.end;
    return { unit: 'container', start, end };
  }
  const goodsBag = BAG_GOODS.matchAt(tokens, start);
  if (goodsBag) return { unit: 'bag', start, end: goodsBag.end, goods: true };
  const unit = UNITS.matchAt(tokens, start);
  return unit && { unit: unit.meaning, start, end: unit.end };
}

/**
 * Words that ask the same thing in the FAQ's three languages, folded to one feature, so that "karz", "ऋण" and
 * "loan" find the same answer even when an entry's phrasings happen to use only one of them. Written as people
 * type them; compared by their match keys (match-key.ts), so spellings and scripts fold too. A member may be a few
 * words ("letter of credit", "साख पत्र", "एक जिला एक उत्पाद"): the words in that order fold to the group's feature.
 */
import { wordKey } from './match-key.js';

const GROUPS: readonly (readonly string[])[] = [
  ['loan', 'rin', 'ऋण', 'karz', 'karza', 'karj', 'क़र्ज़', 'कर्ज', 'credit', 'क्रेडिट', 'finance', 'फाइनेंस', 'vitt', 'वित्त'],
  // Not "rate": in trade talk it is the price ("chawal ka rate"), not the interest.
  ['interest', 'byaj', 'ब्याज', 'byaaj', 'sood', 'सूद'],
  ['price', 'rate', 'daam', 'दाम', 'keemat', 'kimat', 'कीमत', 'bhav', 'भाव'],
  ['fee', 'fees', 'फीस', 'shulk', 'शुल्क'],
  ['export', 'niryat', 'निर्यात', 'nirayat', 'exporter', 'niryatak', 'निर्यातक'],
  ['abroad', 'videsh', 'विदेश', 'foreign', 'overseas', 'bahar', 'international', 'अंतरराष्ट्रीय'],
  ['post', 'dak', 'डाक', 'postal', 'डाकघर', 'dakghar', 'post office', 'india post', 'speed post', 'इंडिया पोस्ट'],
  ['subsidy', 'anudan', 'अनुदान', 'chhoot', 'छूट', 'incentive', 'protsahan', 'प्रोत्साहन', 'labh', 'लाभ', 'benefit'],
  [
    'certificate',
    'pramanpatra',
    'प्रमाणपत्र',
    'praman patra',
    'प्रमाण पत्र',
    'praman',
    'प्रमाण',
    'certification',
    'registration',
    'panjikaran',
    'पंजीकरण',
    'panjiyan',
    'पंजीयन',
  ],
  ['document', 'documents', 'dastavej', 'दस्तावेज़', 'दस्तावेज', 'kagaj', 'कागज', 'kagzat', 'कागज़ात', 'paperwork'],
  ['licence', 'license', 'लाइसेंस', 'laisens'],
  ['woman', 'women', 'mahila', 'महिला', 'mahilaon', 'महिलाओं', 'lady', 'ladies'],
  [
    'online',
    'ऑनलाइन',
    'ecommerce',
    'e-commerce',
    'e commerce',
    'marketplace',
    'website',
    'amazon',
    'flipkart',
    'walmart',
  ],
  ['training', 'prashikshan', 'प्रशिक्षण', 'camp', 'shivir', 'शिविर', 'workshop', 'कार्यशाला', 'karyashala'],
  ['packing', 'pre-shipment', 'preshipment', 'pre shipment', 'प्री शिपमेंट', 'पैकिंग'],
  ['apply', 'aavedan', 'आवेदन', 'avedan', 'form', 'फॉर्म'],
  ['buyer', 'kharidar', 'खरीदार', 'grahak', 'ग्राहक', 'customer'],
  ['quality', 'gunvatta', 'गुणवत्ता', 'standard', 'standards', 'manak', 'मानक'],
  ['gi', 'जीआई', 'geographical indication', 'भौगोलिक संकेतक', 'bhaugolik sanketak'],
  ['odop', 'ओडीओपी', 'one district one product', 'एक जिला एक उत्पाद', 'ek jila ek utpad'],
  ['letter of credit', 'lc', 'एलसी', 'साख पत्र', 'sakh patra'],
  ['parboiled', 'sela', 'सेला', 'usna', 'उसना'],
  ['rice', 'chawal', 'चावल'],
  ['stone', 'patthar', 'पत्थर'],
  ['soybean', 'soya', 'soyabean', 'सोयाबीन', 'सोया'],
  ['farmer', 'kisan', 'किसान'],
  ['payment', 'bhugtan', 'भुगतान'],
  ['district', 'jila', 'zila', 'जिला', 'ज़िला'],
  ['government', 'sarkar', 'सरकार', 'sarkari', 'सरकारी'],
  ['policy', 'niti', 'नीति', 'पॉलिसी'],
];

/** Longest member, in words: how far ahead `foldSynonyms` looks. */
const LONGEST = Math.max(...GROUPS.flat().map((member) => member.split(/\s+/).length));

const CANONICAL: ReadonlyMap<string, string> = new Map(
  GROUPS.flatMap((group) => {
    const canonical = `~${keyOf(group[0] as string)}`;
    return group.map((member) => [keyOf(member), canonical] as const);
  }),
);

function keyOf(member: string): string {
  return member
    .split(/[\s-]+/)
    .map(wordKey)
    .filter((key) => key !== '')
    .join(' ');
}

/** The feature a word key stands for: its group's, or itself. */
export function synonymOf(key: string): string {
  return CANONICAL.get(key) ?? key;
}

/** Word keys with every group member, one word or several, folded to its group's feature; longest first. */
export function foldSynonyms(keys: readonly string[]): string[] {
  const folded: string[] = [];
  for (let at = 0; at < keys.length; ) {
    let length = Math.min(LONGEST, keys.length - at);
    for (; length > 1; length--) {
      if (CANONICAL.has(keys.slice(at, at + length).join(' '))) break;
    }
    folded.push(synonymOf(length > 1 ? keys.slice(at, at + length).join(' ') : (keys[at] as string)));
    at += length;
  }
  return folded;
}

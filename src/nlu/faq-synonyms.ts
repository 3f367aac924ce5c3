/**
 * Words that ask the same thing in the FAQ's three languages, folded to one feature, so that "karz", "ऋण" and
 * "loan" find the same answer even when an entry's phrasings happen to use only one of them. Written as people
 * type them; compared by their match keys (match-key.ts), so spellings and scripts fold too.
 */
import { wordKey } from './match-key.js';

const GROUPS: readonly (readonly string[])[] = [
  ['loan', 'rin', 'ऋण', 'karz', 'karza', 'karj', 'क़र्ज़', 'कर्ज', 'credit', 'क्रेडिट', 'finance', 'फाइनेंस', 'vitt', 'वित्त'],
  // Not "rate": in trade talk it is the price ("chawal ka rate"), not the interest.
  ['interest', 'byaj', 'ब्याज', 'byaaj', 'sood', 'सूद'],
  ['export', 'niryat', 'निर्यात', 'nirayat', 'exporter', 'niryatak', 'निर्यातक'],
  ['abroad', 'videsh', 'विदेश', 'foreign', 'overseas', 'bahar', 'international', 'अंतरराष्ट्रीय'],
  ['post', 'dak', 'डाक', 'postal', 'डाकघर', 'dakghar', 'india post', 'speed post'],
  ['subsidy', 'anudan', 'अनुदान', 'chhoot', 'छूट', 'incentive', 'protsahan', 'प्रोत्साहन', 'labh', 'लाभ', 'benefit'],
  [
    'certificate',
    'pramanpatra',
    'प्रमाणपत्र',
    'praman',
    'प्रमाण',
    'certification',
    'registration',
    'panjikaran',
    'पंजीकरण',
  ],
  ['woman', 'women', 'mahila', 'महिला', 'mahilaon', 'महिलाओं', 'lady', 'ladies'],
  ['online', 'ऑनलाइन', 'ecommerce', 'e-commerce', 'marketplace', 'website', 'amazon', 'flipkart', 'walmart'],
  ['training', 'prashikshan', 'प्रशिक्षण', 'camp', 'shivir', 'शिविर', 'workshop', 'कार्यशाला', 'karyashala'],
  ['packing', 'pre-shipment', 'preshipment', 'पैकिंग'],
  ['apply', 'aavedan', 'आवेदन', 'avedan', 'form', 'फॉर्म'],
];

const CANONICAL: ReadonlyMap<string, string> = new Map(
  GROUPS.flatMap((group) => {
    const canonical = `~${wordKey(group[0] as string)}`;
    return group.flatMap((word) => (word.split(/\s+/).length === 1 ? [[wordKey(word), canonical] as const] : []));
  }),
);

/** The feature a word key stands for: its group's, or itself. */
export function synonymOf(key: string): string {
  return CANONICAL.get(key) ?? key;
}

/**
 * A buyer's free-text inquiry, read into the fields an officer needs to find sellers: product, quantity,
 * destination, Incoterm, price, delivery date and certifications. Each field has its own reader; this module cuts
 * the message once and hands it to all of them. Fields the message does not state are null (or empty), never
 * guessed: the conversation asks for them.
 */
import { type Certification, readCertifications } from './certifications-asked.js';
import { readDeliveryBy } from './delivery-date.js';
import { type Destination, readDestination } from './destination.js';
import { type Incoterm, readIncoterm } from './incoterm.js';
import { type InquiryQuantity, readQuantity } from './inquiry-quantity.js';
import { inquiryText } from './inquiry-text.js';
import { type Price, readPrice } from './price.js';
import type { TermMatcher, TermMention } from './product-matcher.js';

export type { Certification } from './certifications-asked.js';
export type { Incoterm } from './incoterm.js';
export type { InquiryUnit } from './inquiry-unit.js';

export interface ExtractedInquiry {
  product: { id: string; category: string } | null;
  quantity: InquiryQuantity | null;
  destination: Destination | null;
  incoterm: Incoterm | null;
  price: Price | null;
  /** YYYY-MM-DD, in India's calendar. */
  deliveryBy: string | null;
  certifications: Certification[];
}

export interface InquiryExtractorDeps {
  /** The product catalog's matcher (product-matcher.ts over the catalog's terms). */
  products: TermMatcher;
  /** The category of a catalog product; undefined for an id the catalog does not know. */
  categoryOf: (productId: string) => string | undefined;
}

export interface InquiryExtractor {
  /** Reads a message; `now` is when it was sent, against which "next month" and "within 30 days" are counted. */
  extract(text: string, now: Date): ExtractedInquiry;
}

export function createInquiryExtractor(deps: InquiryExtractorDeps): InquiryExtractor {
  return {
    extract(message, now) {
      const text = inquiryText(message);
      return {
        product: readProduct(message, deps),
        quantity: readQuantity(text),
        destination: readDestination(text),
        incoterm: readIncoterm(text),
        price: readPrice(text),
        deliveryBy: readDeliveryBy(text, now),
        certifications: readCertifications(text),
      };
    },
  };
}

// The catalog keeps "rice" and "dal" whose kind was not said as entries of their own, named `*_unspecified`.
const UNSPECIFIED_SUFFIX = '_unspecified';

/**
 * The product asked for: the first one mentioned, unless a later mention says more precisely what the first meant
 * ("rice chahiye, sela wala" is parboiled rice; "soya, I mean soya DOC" is soybean meal). Mentions of other
 * products ("sela rice in jute bags") do not replace it.
 */
function readProduct(message: string, deps: InquiryExtractorDeps): ExtractedInquiry['product'] {
  let chosen: { mention: TermMention; category: string } | undefined;
  for (const mention of deps.products.findAll(message)) {
    const category = deps.categoryOf(mention.id);
    if (category === undefined) continue;
    if (chosen === undefined || isMoreSpecific(mention, category, chosen)) chosen = { mention, category };
  }
  return chosen ? { id: chosen.mention.id, category: chosen.category } : null;
}

function isMoreSpecific(
  later: TermMention,
  category: string,
  earlier: { mention: TermMention; category: string },
): boolean {
  if (earlier.mention.id.endsWith(UNSPECIFIED_SUFFIX)) return category === earlier.category;
  // "soya" then "soya khali": the later name contains every word of the earlier one, and more.
  const laterWords = new Set(later.text.split(' '));
  const earlierWords = earlier.mention.text.split(' ');
  return laterWords.size > earlierWords.length && earlierWords.every((word) => laterWords.has(word));
}

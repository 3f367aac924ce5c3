/**
 * `npm run --silent nlu`: one message per line on standard input, one JSON object per line on standard output:
 * {"text", "lang", "intent", "confidence", "inquiry": null | {"product", "quantity", "destination", "incoterm",
 * "price", "deliveryBy"}, "faq": null | {"id", "topic", "confidence"}}. A field not found is null; `faq` is the
 * knowledge-base entry the bot would answer with, for a message whose intent is `faq` (null when it would hand the
 * question to an officer instead). Other tools depend on this format: keep it stable. Nothing
 * else is written to standard output (problems go to standard error).
 */
import { createInterface } from 'node:readline';
import type { ExtractedInquiry } from '../src/nlu/inquiry.js';
import type { Understanding } from '../src/nlu/understand.js';
import { confident } from '../src/actions/faq-actions.js';
import { buildEntryIndex } from '../src/nlu/faq-index.js';
import { loadUnderstanding } from '../src/understanding.js';

/** The tool's inquiry object: the stable fields, in their order (the extractor may know more, e.g. certifications). */
function toolInquiry(inquiry: ExtractedInquiry | null) {
  if (!inquiry) return null;
  return {
    product: inquiry.product && { id: inquiry.product.id, category: inquiry.product.category },
    quantity: inquiry.quantity && {
      value: inquiry.quantity.value,
      unit: inquiry.quantity.unit,
      kg: inquiry.quantity.kg,
    },
    destination: inquiry.destination && { country: inquiry.destination.country },
    incoterm: inquiry.incoterm,
    price: inquiry.price && { amount: inquiry.price.amount, currency: inquiry.price.currency, per: inquiry.price.per },
    deliveryBy: inquiry.deliveryBy,
  };
}

export function toolLine(
  understanding: Understanding,
  faq: { id: string; topic: string; confidence: number } | null,
): string {
  const { text, lang, intent, confidence, inquiry } = understanding;
  return JSON.stringify({ text, lang, intent, confidence, inquiry: toolInquiry(inquiry), faq });
}

const { understander, reference } = loadUnderstanding();
const faqIndex = buildEntryIndex(reference.knowledgeBase.entries);
/** The entry the faq flow would answer with (the same index and threshold). */
function faqOf(understanding: Understanding) {
  if (understanding.intent !== 'faq') return null;
  const [best] = faqIndex.rank(understanding.text, 1);
  const entry = best && confident(best) ? reference.knowledgeBase.byId(best.id) : undefined;
  return entry && best ? { id: entry.id, topic: entry.topic, confidence: Number(best.confidence.toFixed(3)) } : null;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  const understanding = understander.understand(line);
  process.stdout.write(`${toolLine(understanding, faqOf(understanding))}\n`);
}

/**
 * `npm run --silent nlu`: one message per line on standard input, one JSON object per line on standard output:
 * {"text", "lang", "intent", "confidence", "inquiry": null | {"product", "quantity", "destination", "incoterm",
 * "price", "deliveryBy"}}. A field not found is null. Other tools depend on this format: keep it stable. Nothing
 * else is written to standard output (problems go to standard error).
 */
import { createInterface } from 'node:readline';
import type { ExtractedInquiry } from '../src/nlu/inquiry.js';
import type { Understanding } from '../src/nlu/understand.js';
import { loadUnderstander } from '../src/understanding.js';

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

export function toolLine(understanding: Understanding): string {
  const { text, lang, intent, confidence, inquiry } = understanding;
  return JSON.stringify({ text, lang, intent, confidence, inquiry: toolInquiry(inquiry) });
}

const understander = loadUnderstander();
const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  process.stdout.write(`${toolLine(understander.understand(line))}\n`);
}

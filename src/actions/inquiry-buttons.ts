/**
 * The buttons of messages about an inquiry that reach people outside their conversation: a seller's alert
 * (`inq:<code>:<answer>`) and a buyer's notice of a new quote (`inqb:<code>:shortlist`). Their prefixes start the
 * flows that answer them (`triggers.buttons` in inquiry_response and my_inquiries).
 */
import type { LocalizedText } from '../conversation/actions/action.js';
import { RESPONSE_KINDS, type ResponseKind } from '../domain/inquiries/inquiry-model.js';

export const SELLER_BUTTON_PREFIX = 'inq';
export const BUYER_BUTTON_PREFIX = 'inqb';

/** WhatsApp shows at most three quick-reply buttons, each title at most 20 characters. */
export const ANSWER_TITLES: Record<ResponseKind, LocalizedText> = {
  quote: { hi: 'भाव भेजें', en: 'Send a quote' },
  interested: { hi: 'रुचि है', en: 'Interested' },
  declined: { hi: 'अभी नहीं', en: 'Not now' },
};

export const SHORTLIST_TITLE: LocalizedText = { hi: 'शॉर्टलिस्ट देखें', en: 'See the shortlist' };

export function sellerButtonId(code: string, kind: ResponseKind): string {
  return `${SELLER_BUTTON_PREFIX}:${code}:${kind}`;
}

export function buyerButtonId(code: string): string {
  return `${BUYER_BUTTON_PREFIX}:${code}:shortlist`;
}

/** The inquiry and answer of a seller's button; undefined for anything else. */
export function readSellerButton(id: string): { code: string; kind: ResponseKind } | undefined {
  const [prefix, code, kind] = id.split(':');
  if (prefix !== SELLER_BUTTON_PREFIX || !code || !(RESPONSE_KINDS as readonly string[]).includes(kind ?? '')) {
    return undefined;
  }
  return { code, kind: kind as ResponseKind };
}

export function readBuyerButton(id: string): { code: string } | undefined {
  const [prefix, code] = id.split(':');
  return prefix === BUYER_BUTTON_PREFIX && code ? { code } : undefined;
}

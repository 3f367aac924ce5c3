/**
 * A buyer's inquiry from free text to the matched sellers (flows/buyer_inquiry.flow.yaml): read what the buyer
 * wrote, ask only for what is missing, show it back for confirmation, then open it, match it and alert the chosen
 * sellers through the fan-out.
 */
import { type ActionContext, defineAction, type Language, type LocalizedText } from '../conversation/actions/action.js';
import type { NewInquiry } from '../domain/inquiries/inquiries.js';
import type { InquiryMatch, Money } from '../domain/inquiries/inquiry-model.js';
import { kgOf } from '../domain/matching/match-profile.js';
import type { ExtractedInquiry } from '../nlu/inquiry.js';
import { ActionInputError, quantityInput, textInput, withInputs } from './inputs.js';
import { type InquiryFields, inquiryLines } from './inquiry-texts.js';
import { both } from './seller-texts.js';
import type { ActionServices } from './services.js';

/** The fan-out that alerts an inquiry's matched sellers (see src/fan-outs/inquiry-alerts.ts). */
export const INQUIRY_ALERTS = 'inquiry_alerts';
/** The delayed fan-outs that remind the buyer before the inquiry expires, and expire it. */
export const INQUIRY_REMINDER = 'inquiry_reminder';
export const INQUIRY_EXPIRY = 'inquiry_expiry';

/** A draft as the flow keeps it between steps: what was read, and the buyer's words. */
interface Draft {
  inquiry: ExtractedInquiry;
  text: string;
}

function fieldsOf(inquiry: ExtractedInquiry, services: ActionServices): InquiryFields {
  const product = inquiry.product ? services.catalog.byId(inquiry.product.id) : undefined;
  return {
    ...(product ? { productLabel: product.name } : {}),
    ...(inquiry.quantity ? { quantity: inquiry.quantity } : {}),
    ...(inquiry.destination ? { destination: inquiry.destination.country } : {}),
    ...(inquiry.incoterm ? { incoterm: inquiry.incoterm } : {}),
    ...(inquiry.price ? { price: moneyOf(inquiry.price) } : {}),
    ...(inquiry.deliveryBy ? { deliveryBy: inquiry.deliveryBy } : {}),
  };
}

/** What the flow needs of a draft: the draft itself, how it reads, and what is still missing. */
function draftOutput(draft: Draft, services: ActionServices) {
  const fields = fieldsOf(draft.inquiry, services);
  return {
    ...draft,
    summary: both((language) => inquiryLines(fields, language)),
    hasProduct: draft.inquiry.product !== null,
    hasQuantity: draft.inquiry.quantity !== null,
  };
}

function draftInput(inputs: Readonly<Record<string, unknown>>, name: string): Draft {
  const value = inputs[name] as Partial<Draft> | undefined;
  if (typeof value !== 'object' || value === null || typeof value.inquiry !== 'object' || !value.inquiry) {
    throw new ActionInputError(name, 'an inquiry draft (the output of describe_inquiry)', value);
  }
  return { inquiry: value.inquiry, text: typeof value.text === 'string' ? value.text : '' };
}

export const describeInquiry = defineAction<ActionServices>({
  name: 'describe_inquiry',
  description:
    'Reads a buyer inquiry from free text. with: text. Output: { inquiry, text, summary, hasProduct, hasQuantity }',
  create: (services) => (inputs, context) => {
    const read = withInputs(() => textInput(inputs, 'text'));
    if (!read.ok) return read;
    const draft = { inquiry: services.extractInquiry(read.value, context.now), text: read.value };
    return { ok: true, output: draftOutput(draft, services) };
  },
});

/**
 * Fills what a draft lacks from the buyer's further words ("sela chawal", "50 ton"): what was read before stays,
 * what was missing and is now said is added. with: draft, text. Output: as describe_inquiry's.
 */
export const completeInquiry = defineAction<ActionServices>({
  name: 'complete_inquiry',
  description: "Adds the buyer's further words to an inquiry draft. with: draft, text. Output: as describe_inquiry",
  create: (services) => (inputs, context) => {
    const read = withInputs(() => ({ draft: draftInput(inputs, 'draft'), text: textInput(inputs, 'text') }));
    if (!read.ok) return read;
    const { draft, text } = read.value;
    const more = services.extractInquiry(text, context.now);
    const inquiry = { ...draft.inquiry };
    for (const key of Object.keys(more) as (keyof ExtractedInquiry)[]) {
      const missing = inquiry[key] === null || (Array.isArray(inquiry[key]) && inquiry[key].length === 0);
      if (missing) (inquiry as Record<string, unknown>)[key] = more[key];
    }
    return { ok: true, output: draftOutput({ inquiry, text: `${draft.text}\n${text}` }, services) };
  },
});

/** Sets the quantity the buyer answered to the quantity question. with: draft, quantity. */
export const setInquiryQuantity = defineAction<ActionServices>({
  name: 'set_inquiry_quantity',
  description: 'Sets the quantity of an inquiry draft. with: draft, quantity. Output: as describe_inquiry',
  create: (services) => (inputs) => {
    const read = withInputs(() => ({
      draft: draftInput(inputs, 'draft'),
      quantity: quantityInput(inputs, 'quantity'),
    }));
    if (!read.ok) return read;
    const { draft, quantity } = read.value;
    const inquiry: ExtractedInquiry = { ...draft.inquiry, quantity: { ...quantity, kg: kgOf(quantity) ?? null } };
    return { ok: true, output: draftOutput({ ...draft, inquiry }, services) };
  },
});

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the confirmed inquiry: matches it (the top sellers, with their scores and reasons), stores it, and asks
 * for the alerts, the reminder and the expiry. A turn run again gets the same code and changes nothing more.
 * with: draft. Output: { code, alerted, summary }.
 */
export const openInquiry = defineAction<ActionServices>({
  name: 'open_inquiry',
  description: 'Opens a confirmed inquiry and alerts the matched sellers. with: draft. Output: { code, alerted }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => draftInput(inputs, 'draft'));
    if (!read.ok) return read;
    const { inquiry } = read.value;
    const code = services.inquiries.codeFor(context.idempotencyKey);
    const stored =
      (await services.inquiries.find(code)) ??
      (await services.inquiries.open(
        code,
        newInquiry(read.value, services, context),
        await matchSellers(inquiry, code, services, context),
        context.now,
      ));

    const alerted = stored.matches.length;
    const expiresAt = new Date(stored.expiresAt).getTime();
    return {
      ok: true,
      output: { code, alerted, summary: both((language) => inquiryLines(fieldsOf(inquiry, services), language)) },
      events: [
        ...(alerted > 0 ? [fanOut(INQUIRY_ALERTS, { inquiryId: code })] : []),
        fanOut(INQUIRY_REMINDER, { inquiryId: code }, Math.max(0, expiresAt - DAY_MS)),
        fanOut(INQUIRY_EXPIRY, { inquiryId: code }, expiresAt),
      ],
    };
  },
});

/** The best sellers for the inquiry, with their scores and reasons; never the buyer themselves. */
async function matchSellers(
  inquiry: ExtractedInquiry,
  code: string,
  services: ActionServices,
  context: ActionContext,
): Promise<InquiryMatch[]> {
  const product = inquiry.product ? services.catalog.byId(inquiry.product.id) : undefined;
  const ranked = await services.matching.match(
    {
      ...(inquiry.product ? { productId: inquiry.product.id, category: inquiry.product.category } : {}),
      ...(inquiry.quantity?.kg ? { quantityKg: inquiry.quantity.kg } : {}),
      certifications: inquiry.certifications,
      ...(product ? { productName: product.name } : {}),
    },
    code,
    context.now,
  );
  return ranked
    .filter((seller) => seller.sellerId !== context.user.phone)
    .map((seller) => ({ ...seller, alertedAt: context.now }));
}

/** A fan-out for the event handler to start, at once or at `at` (epoch ms). */
function fanOut(kind: string, payload: Record<string, unknown>, at?: number) {
  return { type: 'fan_out' as const, kind, payload, ...(at !== undefined ? { at } : {}) };
}

function moneyOf(price: NonNullable<ExtractedInquiry['price']>): Money {
  return { amount: price.amount, currency: price.currency, ...(price.per ? { per: price.per } : {}) };
}

function newInquiry(draft: Draft, services: ActionServices, context: ActionContext): NewInquiry {
  const { inquiry, text } = draft;
  const product = inquiry.product ? services.catalog.byId(inquiry.product.id) : undefined;
  const label: LocalizedText = product?.name ?? { hi: text.slice(0, 60), en: text.slice(0, 60) };
  return {
    buyerPhone: context.user.phone,
    text,
    ...(inquiry.product ? { productId: inquiry.product.id, category: inquiry.product.category } : {}),
    productLabel: label,
    ...(inquiry.quantity ? { quantity: inquiry.quantity } : {}),
    ...(inquiry.destination ? { destination: inquiry.destination.country } : {}),
    ...(inquiry.incoterm ? { incoterm: inquiry.incoterm } : {}),
    ...(inquiry.price ? { targetPrice: moneyOf(inquiry.price) } : {}),
    ...(inquiry.deliveryBy ? { deliveryBy: inquiry.deliveryBy } : {}),
    certifications: inquiry.certifications,
    language: context.language as Language,
    expiresAt: new Date(context.now.getTime() + services.inquirySettings.expiryDays * DAY_MS),
  };
}

/**
 * How an inquiry and a quote read, in Hindi and English: the same lines for the buyer confirming it, the sellers
 * alerted to it and the shortlist, so everybody sees the inquiry the same way.
 */
import { formatQuantity, type Language, type LocalizedText } from '../conversation/actions/action.js';
import type { InquiryRecord, Money, QuoteTerms } from '../domain/inquiries/inquiry-model.js';
import { countryByCode } from '../nlu/country.js';

/** What an inquiry says, from a draft (read from the buyer's words) or a stored one. */
export interface InquiryFields {
  productLabel?: LocalizedText;
  quantity?: { value: number; unit: string; kg: number | null };
  destination?: string;
  incoterm?: string;
  price?: Money;
  deliveryBy?: string;
}

const LABELS = {
  product: { hi: 'उत्पाद', en: 'Product' },
  quantity: { hi: 'मात्रा', en: 'Quantity' },
  destination: { hi: 'कहाँ भेजना है', en: 'Destination' },
  incoterm: { hi: 'शर्त (Incoterm)', en: 'Incoterm' },
  price: { hi: 'लक्ष्य मूल्य', en: 'Target price' },
  deliveryBy: { hi: 'डिलीवरी', en: 'Delivery by' },
  notStated: { hi: 'नहीं बताया', en: 'not stated' },
  per: { hi: 'प्रति', en: 'per' },
  nothing: {
    hi: 'उत्पाद, मात्रा या गंतव्य समझ नहीं आया।',
    en: 'I could not read a product, quantity or destination.',
  },
} satisfies Record<string, LocalizedText>;

const DATE_FORMAT: Record<Language, Intl.DateTimeFormat> = {
  hi: new Intl.DateTimeFormat('hi-IN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { INR: '₹', USD: '$', EUR: '€' };

export function moneyText(money: Money, language: Language): string {
  const amount = new Intl.NumberFormat('en-IN').format(money.amount);
  const symbol = CURRENCY_SYMBOLS[money.currency];
  const per = money.per
    ? ` ${LABELS.per[language]} ${formatQuantity({ value: 1, unit: money.per }, language).replace(/^1 /, '')}`
    : '';
  return `${symbol ?? `${money.currency} `}${amount}${per}`;
}

export function quantityText(quantity: NonNullable<InquiryFields['quantity']>, language: Language): string {
  const weight =
    quantity.kg !== null && quantity.unit !== 'kg'
      ? ` (${formatQuantity({ value: quantity.kg, unit: 'kg' }, language)})`
      : '';
  return `${formatQuantity(quantity, language)}${weight}`;
}

/** The inquiry as bullet lines; a line for each of product, quantity and destination, stated or not. */
export function inquiryLines(fields: InquiryFields, language: Language): string {
  const label = (key: keyof typeof LABELS) => LABELS[key][language];
  const line = (key: keyof typeof LABELS, value: string | undefined) =>
    `• ${label(key)}: ${value ?? label('notStated')}`;
  const product = fields.productLabel?.[language];
  const quantity = fields.quantity ? quantityText(fields.quantity, language) : undefined;
  const destination = fields.destination
    ? (countryByCode(fields.destination)?.name[language] ?? fields.destination)
    : undefined;
  if (!product && !quantity && !destination) return label('nothing');
  return [
    line('product', product),
    line('quantity', quantity),
    line('destination', destination),
    ...(fields.incoterm ? [line('incoterm', fields.incoterm)] : []),
    ...(fields.price ? [line('price', moneyText(fields.price, language))] : []),
    ...(fields.deliveryBy ? [line('deliveryBy', DATE_FORMAT[language].format(new Date(fields.deliveryBy)))] : []),
  ].join('\n');
}

export function recordFields(inquiry: InquiryRecord): InquiryFields {
  return {
    productLabel: inquiry.productLabel,
    ...(inquiry.quantity ? { quantity: inquiry.quantity } : {}),
    ...(inquiry.destination ? { destination: inquiry.destination } : {}),
    ...(inquiry.incoterm ? { incoterm: inquiry.incoterm } : {}),
    ...(inquiry.targetPrice ? { price: inquiry.targetPrice } : {}),
    ...(inquiry.deliveryBy ? { deliveryBy: inquiry.deliveryBy } : {}),
  };
}

const QUOTE_LABELS = {
  minimumOrder: { hi: 'न्यूनतम ऑर्डर', en: 'minimum order' },
  days: { hi: 'दिन में', en: 'days' },
  leadTime: { hi: 'समय', en: 'lead time' },
} satisfies Record<string, LocalizedText>;

/** A quote in one line: "$450 per MT FOB, minimum order 20 MT, lead time 20 days". */
export function quoteLine(quote: QuoteTerms, language: Language): string {
  const parts = [`${moneyText(quote.price, language)}${quote.incoterm ? ` ${quote.incoterm}` : ''}`];
  if (quote.minimumOrder) {
    parts.push(`${QUOTE_LABELS.minimumOrder[language]} ${formatQuantity(quote.minimumOrder, language)}`);
  }
  if (quote.leadTimeDays !== undefined) {
    parts.push(
      language === 'hi'
        ? `${quote.leadTimeDays} ${QUOTE_LABELS.days.hi}`
        : `${QUOTE_LABELS.leadTime.en} ${quote.leadTimeDays} ${QUOTE_LABELS.days.en}`,
    );
  }
  return parts.join(', ');
}

/** A text with `{name}` placeholders filled in; an unknown name is left as it is. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The sellers who answered with interest or a quote (not "not now"), in match order. */
export function respondedMatches<Match extends { response?: { kind: string } }>(matches: readonly Match[]): Match[] {
  return matches.filter((match) => match.response && match.response.kind !== 'declined');
}

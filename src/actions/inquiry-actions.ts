/**
 * A buyer's inquiry read from free text (flows/buyer_inquiry.flow.yaml): what was understood, shown back in the
 * reader's language, so the buyer sees at once whether the bot got it right.
 */
import { defineAction, formatQuantity, type Language, type LocalizedText } from '../conversation/actions/action.js';
import type { ExtractedInquiry } from '../nlu/inquiry.js';
import { countryByCode } from '../nlu/country.js';
import { textInput, withInputs } from './inputs.js';
import type { ActionServices } from './services.js';
import { both } from './seller-texts.js';

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
    hi: 'उत्पाद, मात्रा या गंतव्य समझ नहीं आया; टीम आपसे पूछ लेगी।',
    en: 'I could not read a product, quantity or destination; the team will ask you.',
  },
} satisfies Record<string, LocalizedText>;

const DATE_FORMAT: Record<Language, Intl.DateTimeFormat> = {
  hi: new Intl.DateTimeFormat('hi-IN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { INR: '₹', USD: '$', EUR: '€' };

function inquiryLines(inquiry: ExtractedInquiry, services: ActionServices, language: Language): string {
  const label = (key: keyof typeof LABELS) => LABELS[key][language];
  const line = (key: keyof typeof LABELS, value: string | undefined) =>
    `• ${label(key)}: ${value ?? label('notStated')}`;
  const product = inquiry.product ? services.catalog.byId(inquiry.product.id)?.name[language] : undefined;
  const quantity = inquiry.quantity
    ? `${formatQuantity(inquiry.quantity, language)}${
        inquiry.quantity.kg !== null && inquiry.quantity.unit !== 'kg'
          ? ` (${formatQuantity({ value: inquiry.quantity.kg, unit: 'kg' }, language)})`
          : ''
      }`
    : undefined;
  const destination = inquiry.destination
    ? (countryByCode(inquiry.destination.country)?.name[language] ?? inquiry.destination.country)
    : undefined;
  const price = inquiry.price
    ? `${CURRENCY_SYMBOLS[inquiry.price.currency] ?? `${inquiry.price.currency} `}${new Intl.NumberFormat(
        'en-IN',
      ).format(
        inquiry.price.amount,
      )}${inquiry.price.per ? ` ${label('per')} ${formatQuantity({ value: 1, unit: inquiry.price.per }, language).replace(/^1 /, '')}` : ''}`
    : undefined;
  const deliveryBy = inquiry.deliveryBy ? DATE_FORMAT[language].format(new Date(inquiry.deliveryBy)) : undefined;
  if (!product && !quantity && !destination) return label('nothing');
  return [
    line('product', product),
    line('quantity', quantity),
    line('destination', destination),
    ...(inquiry.incoterm ? [line('incoterm', inquiry.incoterm)] : []),
    ...(price ? [line('price', price)] : []),
    ...(deliveryBy ? [line('deliveryBy', deliveryBy)] : []),
  ].join('\n');
}

export const describeInquiry = defineAction<ActionServices>({
  name: 'describe_inquiry',
  description: 'Reads a buyer inquiry from free text. with: text. Output: { inquiry, summary }',
  create: (services) => (inputs, context) => {
    const read = withInputs(() => textInput(inputs, 'text'));
    if (!read.ok) return read;
    const inquiry = services.extractInquiry(read.value, context.now);
    return {
      ok: true,
      output: { inquiry, summary: both((language) => inquiryLines(inquiry, services, language)) },
    };
  },
});

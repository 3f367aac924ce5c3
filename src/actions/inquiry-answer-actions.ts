/**
 * The quote loop after the alerts (flows/inquiry_response.flow.yaml, flows/my_inquiries.flow.yaml): a seller answers
 * an alert (interested, not now, or a quote in their own words); the buyer is told and sees a ranked shortlist, with
 * the contacts of the sellers who agreed to share them; the buyer closes the inquiry and the sellers who answered
 * hear how it ended.
 */
import { type ActionInputs, defineAction, type Language, type LocalizedText } from '../conversation/actions/action.js';
import { stateOf } from '../domain/inquiries/inquiries.js';
import type { InquiryMatch, InquiryRecord, QuoteTerms, ResponseKind } from '../domain/inquiries/inquiry-model.js';
import { readQuote } from '../nlu/quote.js';
import { ActionInputError, idsInput, pickedFromList, textInput, withInputs } from './inputs.js';
import { buyerButtonId, readBuyerButton, readSellerButton, SHORTLIST_TITLE } from './inquiry-buttons.js';
import { fill, inquiryLines, quantityText, quoteLine, recordFields, respondedMatches } from './inquiry-texts.js';
import { both } from './seller-texts.js';
import type { ActionServices } from './services.js';

/** The fan-out that tells named people the same thing (src/fan-outs/notices.ts). */
const NOTICE = 'notice';
/** Inquiries a buyer's list shows at most. */
const LIST_LENGTH = 9;

const TEXT = {
  newQuote: {
    hi: 'आपकी पूछताछ {code} ({product}) पर {seller} ने भाव भेजा: {quote}',
    en: '{seller} sent a quote for your inquiry {code} ({product}): {quote}',
  },
  newInterest: {
    hi: 'आपकी पूछताछ {code} ({product}) में {seller} ने रुचि दिखाई।',
    en: '{seller} is interested in your inquiry {code} ({product}).',
  },
  closedFulfilled: {
    hi: 'ख़रीदार ने पूछताछ {code} ({product}) पूरी होने पर बंद कर दी। जवाब देने के लिए धन्यवाद।',
    en: 'The buyer has closed inquiry {code} ({product}) as fulfilled. Thank you for answering.',
  },
  closedCancelled: {
    hi: 'ख़रीदार ने पूछताछ {code} ({product}) रद्द कर दी। जवाब देने के लिए धन्यवाद।',
    en: 'The buyer has cancelled inquiry {code} ({product}). Thank you for answering.',
  },
  interestedNoPrice: { hi: 'रुचि है, भाव अभी नहीं', en: 'interested, no price yet' },
  contact: { hi: 'संपर्क', en: 'Contact' },
  contactWithheld: {
    hi: 'नंबर साझा करने की सहमति नहीं; DIC सागर के ज़रिए जुड़ें',
    en: 'has not agreed to share their number; connect through DIC Sagar',
  },
  aSeller: { hi: 'एक विक्रेता', en: 'A seller' },
  noAnswers: {
    hi: 'अभी तक किसी विक्रेता ने जवाब नहीं दिया। जवाब आते ही आपको यहीं बताया जाएगा।',
    en: 'No seller has answered yet. You will be told here as soon as one does.',
  },
  quotes: { hi: 'जवाब', en: 'answers' },
  state: {
    open: { hi: 'खुली', en: 'open' },
    matched: { hi: 'जवाब मिले', en: 'answered' },
    fulfilled: { hi: 'पूरी हुई', en: 'fulfilled' },
    cancelled: { hi: 'रद्द', en: 'cancelled' },
    expired: { hi: 'समय पूरा', en: 'expired' },
  },
} as const;

/** How a seller is named to the buyer: their firm, else their name, else "a seller". */
async function sellerName(services: ActionServices, sellerId: string, language: Language): Promise<string> {
  const seller = await services.sellers.find(sellerId);
  return seller?.businessName || seller?.name || TEXT.aSeller[language];
}

function buttonInput(inputs: ActionInputs, name: string): { code: string; kind: ResponseKind } {
  const value = inputs[name];
  const read = typeof value === 'string' ? readSellerButton(value) : undefined;
  if (!read) throw new ActionInputError(name, "an inquiry alert's button id (inq:<code>:<answer>)", value);
  return read;
}

/**
 * Reads a seller's tap on an alert's button. with: choice (`{{input.choiceId}}`). Output: { open, choice, code,
 * kind, summary }: `open` is false when the inquiry is closed or was not sent to this seller.
 */
export const readInquiryButton = defineAction<ActionServices>({
  name: 'read_inquiry_button',
  description:
    "Reads a seller's answer button on an inquiry alert. with: choice. Output: { open, code, kind, summary }",
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => buttonInput(inputs, 'choice'));
    if (!read.ok) return read;
    const { code, kind } = read.value;
    const inquiry = await services.inquiries.find(code);
    const matched = inquiry?.matches.some((match) => match.sellerId === context.user.phone) ?? false;
    const live = inquiry !== null && ['open', 'matched'].includes(stateOf(inquiry));
    return {
      ok: true,
      output: {
        open: matched && live,
        choice: inputs.choice,
        code,
        kind,
        summary: inquiry ? both((language) => inquiryLines(recordFields(inquiry), language)) : both(() => ''),
      },
    };
  },
});

/** Reads a quote from the seller's words. with: text. Output: { hasPrice, quote, line }. */
export const readSellerQuote = defineAction<ActionServices>({
  name: 'read_quote',
  description: "Reads a seller's quote from free text. with: text. Output: { hasPrice, quote, line }",
  create: () => (inputs) => {
    const read = withInputs(() => textInput(inputs, 'text'));
    if (!read.ok) return read;
    const found = readQuote(read.value);
    if (!found.price) return { ok: true, output: { hasPrice: false } };
    const quote: QuoteTerms = {
      price: {
        amount: found.price.amount,
        currency: found.price.currency,
        ...(found.price.per ? { per: found.price.per } : {}),
      },
      ...(found.incoterm ? { incoterm: found.incoterm } : {}),
      ...(found.minimumOrder
        ? { minimumOrder: { value: found.minimumOrder.value, unit: found.minimumOrder.unit } }
        : {}),
      ...(found.leadTimeDays !== null ? { leadTimeDays: found.leadTimeDays } : {}),
      text: read.value,
    };
    return { ok: true, output: { hasPrice: true, quote, line: both((language) => quoteLine(quote, language)) } };
  },
});

/**
 * Records the seller's answer (with the quote, if any), counts their response time once, and tells the buyer of an
 * interest or a quote. with: choice, quote (optional). Output: { recorded }.
 */
export const answerInquiry = defineAction<ActionServices>({
  name: 'answer_inquiry',
  description:
    "Records a seller's answer to an inquiry and tells the buyer. with: choice, quote?. Output: { recorded }",
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => buttonInput(inputs, 'choice'));
    if (!read.ok) return read;
    const { code, kind } = read.value;
    const quote = inputs.quote as QuoteTerms | undefined;
    const outcome = await services.inquiries.respond(
      code,
      context.user.phone,
      { kind, ...(kind === 'quote' && quote?.price ? { quote } : {}) },
      context.now,
    );
    if (!outcome.ok) return { ok: true, output: { recorded: false, refusal: outcome.refusal } };
    const inquiry = outcome.inquiry;
    const match = inquiry.matches.find((each) => each.sellerId === context.user.phone) as InquiryMatch;
    if (outcome.first && match.response)
      await services.matching.recordResponse(match.sellerId, match.response.responseMs);
    if (kind === 'declined') return { ok: true, output: { recorded: true } };

    const names = {
      hi: await sellerName(services, match.sellerId, 'hi'),
      en: await sellerName(services, match.sellerId, 'en'),
    };
    const text = both((language) =>
      fill(kind === 'quote' && match.response?.quote ? TEXT.newQuote[language] : TEXT.newInterest[language], {
        code,
        product: inquiry.productLabel[language],
        seller: names[language],
        quote: match.response?.quote ? quoteLine(match.response.quote, language) : '',
      }),
    );
    return {
      ok: true,
      output: { recorded: true },
      events: [
        {
          type: 'fan_out',
          kind: NOTICE,
          payload: { to: [inquiry.buyerPhone], text, choices: [{ id: buyerButtonId(code), title: SHORTLIST_TITLE }] },
        },
      ],
    };
  },
});

/** The buyer's live inquiries, numbered. Output: { count, only, list, codes }. */
export const listMyInquiries = defineAction<ActionServices>({
  name: 'list_my_inquiries',
  description: "Lists the buyer's open inquiries. Output: { count, only (a code when there is one), list, codes }",
  create: (services) => async (_inputs, context) => {
    const live = (await services.inquiries.ofBuyer(context.user.phone))
      .filter((inquiry) => ['open', 'matched'].includes(stateOf(inquiry)))
      .slice(0, LIST_LENGTH);
    const line = (inquiry: InquiryRecord, index: number, language: Language) => {
      const answered = respondedMatches(inquiry.matches).length;
      const quantity = inquiry.quantity ? `, ${quantityText(inquiry.quantity, language)}` : '';
      return `${index + 1}. ${inquiry._id}: ${inquiry.productLabel[language]}${quantity} (${answered} ${TEXT.quotes[language]})`;
    };
    return {
      ok: true,
      output: {
        count: live.length,
        ...(live.length === 1 ? { only: live[0]?._id } : {}),
        list: both((language) => live.map((inquiry, i) => line(inquiry, i, language)).join('\n')),
        codes: live.map((inquiry) => inquiry._id),
      },
    };
  },
});

/**
 * Which inquiry the buyer means: a number from the list, a code, or a shortlist button. with: text or choice, and
 * codes (the list). Output: { found, code }.
 */
export const pickInquiry = defineAction<ActionServices>({
  name: 'pick_inquiry',
  description:
    'Finds the inquiry a buyer picked by number, code or button. with: text | choice, codes?. Output: { found, code }',
  create: () => (inputs) => {
    const choice = typeof inputs.choice === 'string' ? readBuyerButton(inputs.choice) : undefined;
    if (choice) return { ok: true, output: { found: true, code: choice.code } };
    const code = pickedFromList(inputs.text, idsInput(inputs, 'codes'), true);
    return { ok: true, output: code ? { found: true, code } : { found: false } };
  },
});

/** The ranked shortlist of an inquiry for its buyer. with: code. Output: { found, code, shortlist, answered }. */
export const showShortlist = defineAction<ActionServices>({
  name: 'show_shortlist',
  description: 'Shows the buyer the ranked shortlist of sellers who answered. with: code. Output: { found, shortlist }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => textInput(inputs, 'code'));
    if (!read.ok) return read;
    const inquiry = await services.inquiries.find(read.value);
    if (!inquiry || inquiry.buyerPhone !== context.user.phone) return { ok: true, output: { found: false } };
    const answered = rankedAnswers(inquiry);
    const lines = await Promise.all(
      answered.map(async (match, index) => {
        const seller = await services.sellers.find(match.sellerId);
        const tehsil = seller ? services.tehsils.byId(seller.tehsil)?.name : undefined;
        const shares = seller?.contactConsent.given === true;
        return (language: Language) => {
          const name = seller?.businessName || seller?.name || TEXT.aSeller[language];
          const place = tehsil ? ` (${tehsil[language]})` : '';
          const offer = match.response?.quote
            ? quoteLine(match.response.quote, language)
            : TEXT.interestedNoPrice[language];
          const contact = shares
            ? `${TEXT.contact[language]}: ${match.sellerId.replace(/^sim:/, '')}`
            : `${TEXT.contact[language]}: ${TEXT.contactWithheld[language]}`;
          return `${index + 1}. ${name}${place}\n   ${offer}\n   ${contact}`;
        };
      }),
    );
    const state = stateOf(inquiry);
    const shortlist: LocalizedText = both((language) =>
      [
        `${inquiry._id} (${TEXT.state[state][language]})`,
        inquiryLines(recordFields(inquiry), language),
        '',
        lines.length > 0 ? lines.map((line) => line(language)).join('\n\n') : TEXT.noAnswers[language],
      ].join('\n'),
    );
    return {
      ok: true,
      output: {
        found: true,
        code: inquiry._id,
        shortlist,
        answered: answered.length,
        live: ['open', 'matched'].includes(state),
      },
    };
  },
});

/** Quotes first (the buyer can compare them), then interest without a price; each in match order (best first). */
function rankedAnswers(inquiry: InquiryRecord): InquiryMatch[] {
  const answered = respondedMatches(inquiry.matches);
  return [
    ...answered.filter((match) => match.response?.kind === 'quote'),
    ...answered.filter((match) => match.response?.kind !== 'quote'),
  ];
}

/**
 * The buyer closes the inquiry; the sellers who answered are told. with: code, outcome (fulfilled | cancelled).
 * Output: { closed }.
 */
export const closeInquiry = defineAction<ActionServices>({
  name: 'close_inquiry',
  description:
    'Closes an inquiry as fulfilled or cancelled and tells the responders. with: code, outcome. Output: { closed }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => {
      const outcome = inputs.outcome;
      if (outcome !== 'fulfilled' && outcome !== 'cancelled') {
        throw new ActionInputError('outcome', 'fulfilled or cancelled', outcome);
      }
      return { code: textInput(inputs, 'code'), outcome: outcome as 'fulfilled' | 'cancelled' };
    });
    if (!read.ok) return read;
    const closed = await services.inquiries.close(read.value.code, context.user.phone, read.value.outcome, context.now);
    if (!closed.ok) return { ok: true, output: { closed: false, refusal: closed.refusal } };
    const inquiry = closed.inquiry;
    const told = rankedAnswers(inquiry).map((match) => match.sellerId);
    const template = read.value.outcome === 'fulfilled' ? TEXT.closedFulfilled : TEXT.closedCancelled;
    const text = both((language) =>
      fill(template[language], { code: inquiry._id, product: inquiry.productLabel[language] }),
    );
    return {
      ok: true,
      output: { closed: true },
      events: told.length > 0 ? [{ type: 'fan_out', kind: NOTICE, payload: { to: told, text } }] : [],
    };
  },
});

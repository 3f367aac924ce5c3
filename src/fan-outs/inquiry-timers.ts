/**
 * The clock of an inquiry, as delayed fan-outs started when it opened: the buyer is reminded a day before it
 * expires, then it expires and the buyer and the sellers who answered are told. Either finds the inquiry closed by
 * the buyer meanwhile and then sends nothing. A retried job re-reads the state (the expiry already written) and
 * renders the same messages, which the fan-out's ids keep from going twice.
 */
import { fill, respondedMatches } from '../actions/inquiry-texts.js';
import type { Language, LocalizedText } from '../conversation/actions/action.js';
import type { Inquiries } from '../domain/inquiries/inquiries.js';
import type { InquiryRecord } from '../domain/inquiries/inquiry-model.js';
import type { Users } from '../domain/users/users.js';
import type { FanOutKind } from '../outbound/fan-out.js';
import type { InquiryPayload } from './inquiry-alerts.js';
import { languageOf, pageOf } from './recipients.js';

const TEXT = {
  reminder: {
    hi: 'आपकी पूछताछ {code} ({product}) कल बंद हो जाएगी। भाव देखने या उसे बंद करने के लिए "मेरी पूछताछ" लिखें।',
    en: 'Your inquiry {code} ({product}) closes tomorrow. Write "my inquiries" to see the quotes or close it.',
  },
  expiredBuyer: {
    hi: 'आपकी पूछताछ {code} ({product}) का समय पूरा हुआ और वह बंद हो गई। {answered} विक्रेताओं ने जवाब दिया था। नई पूछताछ कभी भी लिखें।',
    en: 'Your inquiry {code} ({product}) has run its time and is now closed. {answered} sellers had answered. Write a new inquiry any time.',
  },
  expiredSeller: {
    hi: 'पूछताछ {code} ({product}) का समय पूरा हुआ और वह बंद हो गई। जवाब देने के लिए धन्यवाद।',
    en: 'Inquiry {code} ({product}) has run its time and is now closed. Thank you for answering.',
  },
} satisfies Record<string, LocalizedText>;

function about(text: string, inquiry: InquiryRecord, language: Language): string {
  return fill(text, {
    code: inquiry._id,
    product: inquiry.productLabel[language],
    answered: String(respondedMatches(inquiry.matches).length),
  });
}

/** The sellers who answered with interest or a quote: they hear how it ended. */
export function responders(inquiry: InquiryRecord): string[] {
  return respondedMatches(inquiry.matches).map((match) => match.sellerId);
}

export function inquiryReminders(deps: { inquiries: Inquiries; users: Users }): FanOutKind<InquiryPayload> {
  return {
    async audience(payload, cursor, limit) {
      const inquiry = await deps.inquiries.find(payload.inquiryId);
      if (!inquiry || (inquiry.state !== 'open' && inquiry.state !== 'matched')) return { recipients: [] };
      await deps.inquiries.markReminded(inquiry._id, new Date());
      return pageOf([inquiry.buyerPhone], cursor, limit);
    },
    async render(payload, recipient) {
      const inquiry = await deps.inquiries.find(payload.inquiryId);
      if (!inquiry) return [];
      const language = await languageOf(deps.users, recipient.to);
      return [{ text: about(TEXT.reminder[language], inquiry, language) }];
    },
  };
}

export function inquiryExpiries(deps: { inquiries: Inquiries; users: Users }): FanOutKind<InquiryPayload> {
  return {
    async audience(payload, cursor, limit) {
      if (cursor === undefined) await deps.inquiries.expire(payload.inquiryId, new Date());
      const inquiry = await deps.inquiries.find(payload.inquiryId);
      if (inquiry?.state !== 'expired') return { recipients: [] };
      return pageOf([inquiry.buyerPhone, ...responders(inquiry)], cursor, limit);
    },
    async render(payload, recipient) {
      const inquiry = await deps.inquiries.find(payload.inquiryId);
      if (!inquiry) return [];
      const language = await languageOf(deps.users, recipient.to);
      const text = recipient.to === inquiry.buyerPhone ? TEXT.expiredBuyer : TEXT.expiredSeller;
      return [{ text: about(text[language], inquiry, language) }];
    },
  };
}

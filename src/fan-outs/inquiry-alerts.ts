/**
 * An inquiry's alerts: each matched seller gets the inquiry, why they were chosen, and three buttons (send a quote,
 * interested, not now), in their language. The audience is the inquiry's matches as recorded when it opened.
 */
import { ANSWER_TITLES, sellerButtonId } from '../actions/inquiry-buttons.js';
import { inquiryLines, recordFields } from '../actions/inquiry-texts.js';
import type { Language } from '../conversation/actions/action.js';
import type { Inquiries } from '../domain/inquiries/inquiries.js';
import type { InquiryRecord } from '../domain/inquiries/inquiry-model.js';
import type { Users } from '../domain/users/users.js';
import type { FanOutKind } from '../outbound/fan-out.js';
import { languageOf, pageOf, recentReads } from './recipients.js';

export interface InquiryPayload {
  inquiryId: string;
}

const TEXT = {
  title: { hi: 'नई ख़रीद पूछताछ', en: 'New buyer inquiry' },
  why: { hi: 'आपको इसलिए चुना गया', en: 'Why you' },
  ask: {
    hi: 'भाव भेजें, रुचि बताएँ, या "अभी नहीं" चुनें। ख़रीदार को आपका नंबर तभी दिखेगा जब आपने इसकी सहमति दी है।',
    en: 'Send a quote, say you are interested, or choose "Not now". The buyer sees your number only if you agreed to share it.',
  },
} as const;

export function alertText(inquiry: InquiryRecord, sellerId: string, language: Language): string {
  const reasons = inquiry.matches.find((match) => match.sellerId === sellerId)?.reasons ?? [];
  const why = reasons.length > 0 ? `\n\n${TEXT.why[language]}: ${reasons.map((r) => r.text[language]).join('; ')}` : '';
  return `${TEXT.title[language]} ${inquiry._id}\n${inquiryLines(recordFields(inquiry), language)}${why}\n\n${TEXT.ask[language]}`;
}

export function inquiryAlerts(deps: { inquiries: Inquiries; users: Users }): FanOutKind<InquiryPayload> {
  const inquiry = recentReads((id) => deps.inquiries.find(id));
  return {
    async audience(payload, cursor, limit) {
      inquiry.forget(payload.inquiryId);
      const found = await inquiry.get(payload.inquiryId);
      return pageOf(found?.matches.map((match) => match.sellerId) ?? [], cursor, limit);
    },
    async render(payload, recipient) {
      const found = await inquiry.get(payload.inquiryId);
      if (!found) return [];
      const language = await languageOf(deps.users, recipient.to);
      return [
        {
          text: alertText(found, recipient.to, language),
          choices: (['quote', 'interested', 'declined'] as const).map((kind) => ({
            id: sellerButtonId(found._id, kind),
            title: ANSWER_TITLES[kind][language],
          })),
        },
      ];
    },
  };
}

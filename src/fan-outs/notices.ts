/**
 * A notice: the same words to a few named people, each in their language (a buyer told of a new quote, the sellers
 * who answered told that the buyer closed the inquiry).
 */
import type { Language, LocalizedText } from '../conversation/actions/action.js';
import type { Users } from '../domain/users/users.js';
import type { FanOutKind } from '../outbound/fan-out.js';
import { languageOf, pageOf } from './recipients.js';

export const NOTICE = 'notice';

export interface NoticePayload {
  /** The identities to tell. */
  to: string[];
  text: LocalizedText;
  /** Buttons, e.g. "See the shortlist" (their ids start a flow: see `triggers.buttons`). */
  choices?: { id: string; title: LocalizedText }[];
}

export function notices(users: Users): FanOutKind<NoticePayload> {
  return {
    audience: async (payload, cursor, limit) => pageOf(payload.to, cursor, limit),
    async render(payload, recipient) {
      const language: Language = await languageOf(users, recipient.to);
      return [
        {
          text: payload.text[language],
          ...(payload.choices
            ? { choices: payload.choices.map((choice) => ({ id: choice.id, title: choice.title[language] })) }
            : {}),
        },
      ];
    },
  };
}

/**
 * A person chatting with the whole bot over signed WhatsApp webhooks: each `say` posts one message, waits until
 * the bot has nothing left to do, and returns only the replies that message brought.
 */
import type { InboundExtras, TestBot } from './bot.js';

export interface Chat {
  phone: string;
  say(text: string, extra?: InboundExtras): Promise<string[]>;
  /** Every reply so far, oldest first. */
  all(): string[];
}

export function chatAs(bot: TestBot, phone: string): Chat {
  let seen = 0;
  return {
    phone,
    async say(text, extra = {}) {
      const response = await bot.sendWhatsApp(phone, text, extra);
      if (response.status !== 200) throw new Error(`webhook answered ${response.status} to ${JSON.stringify(text)}`);
      await bot.settle();
      const replies = bot.sentTo(phone).slice(seen);
      seen += replies.length;
      return replies;
    },
    all: () => bot.sentTo(phone),
  };
}

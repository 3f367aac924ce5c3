/**
 * One person's messages are handled one at a time in the order they arrived, even when they arrive faster than
 * the bot answers; different people do not wait for each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';
import { postPipelined } from '../support/pipelined-http.js';
import { sweepMailboxes } from '../../src/inbound/mailbox-sweep.js';

/** Five messages whose answers only make sense in this order, and the replies each one produces. */
const CONVERSATION: ReadonlyArray<readonly [says: string, replies: readonly string[]]> = [
  ['hi', ['नमस्ते! मैं निर्यात सेतु हूँ', 'अपनी भाषा चुनें']],
  ['2', ['Main menu: what would you like to do?']],
  ['menu', ['Main menu: what would you like to do?']],
  ['help', ['These words work at any time']],
  ['language', ['Choose your language / अपनी भाषा चुनें']],
];
const EXPECTED_REPLIES = CONVERSATION.flatMap(([, replies]) => replies);

function expectConversation(replies: string[]) {
  expect(replies).toHaveLength(EXPECTED_REPLIES.length);
  EXPECTED_REPLIES.forEach((fragment, i) => {
    expect(replies[i], `reply ${i + 1} of ${JSON.stringify(replies)}`).toContain(fragment);
  });
}

describe('per-user ordering', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('handles five quick messages from one person in arrival order', async () => {
    const phone = uniquePhone();
    const messages = CONVERSATION.map(([says]) => bot.inboundParams(phone, says));

    // All five are on the wire before the first is answered.
    const responses = await postPipelined(
      bot.inboundUrl,
      messages.map((params) => bot.rawInbound(params)),
    );
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);

    expectConversation(await bot.repliesTo(phone, EXPECTED_REPLIES.length));
    await bot.settle();
    expectConversation(bot.sentTo(phone));
    const session = await bot.runtime.models.sessions.findOne({ phone }).lean();
    expect(session?.appliedMessageKeys).toEqual(messages.map((params) => `whatsapp:${params.MessageSid}`));
    expect(session?.flowId).toBe('language');
  });

  it('keeps two people who write at the same time apart, each in their own order', async () => {
    const asha = uniquePhone();
    const bilal = uniquePhone();
    const interleaved = CONVERSATION.flatMap(([says]) => [
      bot.inboundParams(asha, says),
      bot.inboundParams(bilal, says),
    ]);

    const responses = await postPipelined(
      bot.inboundUrl,
      interleaved.map((params) => bot.rawInbound(params)),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);

    await bot.settle();
    expectConversation(bot.sentTo(asha));
    expectConversation(bot.sentTo(bilal));
  });

  it('serves another person while one person’s messages wait behind a busy drain', async () => {
    const busy = uniquePhone();
    const other = uniquePhone();
    const lock = `${bot.config.queuePrefix}:inbox:lock:${busy}`;
    // As if a worker were in the middle of a long turn for `busy` (or had crashed holding the lock).
    await bot.runtime.redis.set(lock, 'another-worker', 'PX', 30_000);

    await bot.sendWhatsApp(busy, 'hi');
    await bot.sendWhatsApp(other, 'hi');
    expect(await bot.repliesTo(other, 2)).toHaveLength(2);
    expect(bot.sentTo(busy)).toEqual([]);
    expect(await bot.runtime.mailbox.waiting(busy)).toBe(1);

    // The holder goes away; the drain that kept looking (it waited, it did not give up) answers the message.
    await bot.runtime.redis.del(lock);
    const replies = await bot.repliesTo(busy, 2);
    expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    await eventually(async () => expect(await bot.runtime.mailbox.waiting(busy)).toBe(0));
  });

  it('the sweeper drains a mailbox whose drain was lost, and leaves alone one whose drain only waits', async () => {
    const waiting = uniquePhone();
    const lost = uniquePhone();
    const { mailbox, queues } = bot.runtime;
    const message = (from: string) => ({
      channel: 'whatsapp',
      messageId: `SM${from.slice(1)}lost`,
      from,
      to: '+14155238886',
      text: 'hi',
      attachments: [],
      receivedAt: new Date(),
    });
    // Both have a message waiting and no lock; only `lost` has no drain scheduled (as if its job died with Redis).
    await mailbox.requeue(message(waiting));
    await mailbox.requeue(message(lost));
    await bot.runtime.redis.del(`${bot.config.queuePrefix}:inbox:scheduled:${lost}`);
    expect(await mailbox.orphanedUsers()).toEqual([lost]);

    expect(await sweepMailboxes({ mailbox, inbound: queues.inbound }, new Date())).toBe(1);
    expect((await bot.repliesTo(lost, 2))[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    // `waiting` was never swept: its message still waits for the drain it was promised.
    expect(bot.sentTo(waiting)).toEqual([]);
    expect(await mailbox.waiting(waiting)).toBe(1);
  });
});

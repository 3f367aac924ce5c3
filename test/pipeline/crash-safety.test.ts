/**
 * A message is never lost and never handled twice in effect: one accepted while no worker runs waits in Redis until
 * a worker starts, and a turn that crashes half-way and runs again (BullMQ retries it) re-queues what it stored
 * instead of answering, advancing the conversation or recording consent a second time.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel.js';
import { handleInbound, type InboundHandlerDeps, messageKey } from '../../src/inbound/handle-inbound.js';
import { type OutboundDispatcher, outboundId } from '../../src/outbound/dispatch.js';
import type { TwilioLocal } from '../../scripts/twilio-local/server.js';
import { BOT_NUMBER, startLocalTwilio, startTestBot, type TestBot } from '../support/bot.js';
import { inboundHandlerDeps } from '../support/handler-deps.js';
import { uniquePhone } from '../support/phones.js';
import { uniqueMongoUri, uniqueName } from '../support/services.js';

describe('a message accepted while no worker runs', () => {
  let twilio: TwilioLocal | undefined;
  const bots: TestBot[] = [];
  afterAll(async () => {
    await twilio?.close();
    for (const bot of bots) await bot.stop();
  });

  it('waits in the mailbox and is answered once a worker starts', async () => {
    twilio = await startLocalTwilio();
    const shared = { MONGODB_URI: uniqueMongoUri(), QUEUE_PREFIX: uniqueName('q') };
    const phone = uniquePhone();

    const web = await startTestBot({ ...shared, ROLE: 'web' }, { twilio });
    bots.push(web);
    expect(web.runtime.workers).toEqual([]);
    expect((await web.sendWhatsApp(phone, 'hi')).status).toBe(200);
    expect(await web.runtime.mailbox.waiting(phone)).toBe(1);
    expect(await web.runtime.queues.inbound.getJobCountByTypes('waiting', 'prioritized')).toBe(1);
    expect(await web.runtime.models.users.countDocuments({ phone })).toBe(0);

    const worker = await startTestBot({ ...shared, ROLE: 'worker' }, { twilio });
    bots.push(worker);
    expect(worker.runtime.server).toBeUndefined();
    const replies = await worker.repliesTo(phone, 2);
    expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    expect(replies[1]).toContain('अपनी भाषा चुनें');
    await worker.settle();
    expect(await worker.runtime.mailbox.waiting(phone)).toBe(0);
    expect(worker.sentTo(phone)).toHaveLength(2);
  });
});

describe('a turn that runs again after a crash', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  /** The deps the inbound worker gives handleInbound, on this bot's database and queues. */
  const handlerDeps = (overrides: Partial<InboundHandlerDeps> = {}) => inboundHandlerDeps(bot, overrides);

  function inbound(from: string, text: string): InboundMessage {
    return {
      channel: 'whatsapp',
      messageId: `SM${randomUUID().replaceAll('-', '')}`,
      from,
      to: BOT_NUMBER,
      text,
      attachments: [],
      receivedAt: new Date(),
    };
  }

  /** `target` whose `method` throws on its first call, as if the process died right there. */
  function crashingOnce<T extends object>(target: T, method: keyof T): T {
    let crashed = false;
    return new Proxy(target, {
      get(object, property) {
        const value = Reflect.get(object, property);
        if (property === method && !crashed) {
          return () => {
            crashed = true;
            throw new Error(`simulated crash at ${String(property)}`);
          };
        }
        return typeof value === 'function' ? value.bind(object) : value;
      },
    });
  }

  /** Brings `phone` to the main menu in English through the real pipeline. */
  async function userAtMainMenu(phone: string) {
    await bot.sendWhatsApp(phone, 'hi');
    await bot.sendWhatsApp(phone, '2');
    await bot.repliesTo(phone, 3);
    await bot.settle();
  }

  async function sessionOf(phone: string) {
    return bot.runtime.models.sessions.findOne({ phone }).lean();
  }

  it('stores the replies, crashes before saving the session, and on the rerun answers once', async () => {
    const phone = uniquePhone();
    const message = inbound(phone, 'hi');
    const deps = handlerDeps();
    const storeThenCrash: OutboundDispatcher = {
      store: async (...args) => {
        await deps.dispatcher.store(...args);
        throw new Error('simulated crash after storing the replies');
      },
      enqueueStored: deps.dispatcher.enqueueStored,
      storeBulk: deps.dispatcher.storeBulk,
    };

    await expect(handleInbound({ ...deps, dispatcher: storeThenCrash }, message)).rejects.toThrow('simulated crash');
    expect(await bot.runtime.models.outbound.countDocuments({ to: phone, status: 'pending' })).toBe(2);
    expect(await sessionOf(phone)).toBeNull();

    await handleInbound(deps, message);
    await bot.settle();
    const replies = bot.sentTo(phone);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    const session = await sessionOf(phone);
    expect(session?.version).toBe(1);
    expect(session?.appliedMessageKeys).toEqual([messageKey(message)]);
  });

  it('saves the session, crashes before queueing the replies, and on the rerun only queues them', async () => {
    const phone = uniquePhone();
    await userAtMainMenu(phone);
    const before = await sessionOf(phone);
    const message = inbound(phone, '3'); // Talk to an officer
    const deps = handlerDeps();

    await expect(
      handleInbound({ ...deps, dispatcher: crashingOnce(deps.dispatcher, 'enqueueStored') }, message),
    ).rejects.toThrow('simulated crash');
    expect(bot.sentTo(phone)).toHaveLength(3);
    expect((await sessionOf(phone))?.stepId).toBe('describe_need');

    await handleInbound(deps, message);
    await handleInbound(deps, message); // and a third time, as a duplicate job would
    await bot.settle();
    const replies = bot.sentTo(phone);
    expect(replies).toHaveLength(4);
    expect(replies[3]).toContain('Please write your question or need in one message');
    const session = await sessionOf(phone);
    expect(session?.version).toBe((before?.version ?? 0) + 1);
    expect(session?.stepId).toBe('describe_need');
    expect(session?.appliedMessageKeys.filter((key) => key === messageKey(message))).toHaveLength(1);
  });

  it('records an opt-out once when the turn crashed after recording it', async () => {
    const phone = uniquePhone();
    await userAtMainMenu(phone);
    const message = inbound(phone, 'STOP');
    const deps = handlerDeps();
    const sessions = crashingOnce(deps.sessions, 'save');

    await expect(handleInbound({ ...deps, sessions }, message)).rejects.toThrow('simulated crash');
    await handleInbound(deps, message);
    await bot.settle();

    const user = await bot.runtime.models.users.findOne({ phone }).lean();
    expect(user?.optedOut).toBe(true);
    expect(user?.consentEvents.map(({ kind, evidence }) => ({ kind, evidence }))).toEqual([
      { kind: 'opt_out', evidence: 'STOP' },
    ]);
    const replies = bot.sentTo(phone);
    expect(replies).toHaveLength(4);
    expect(replies[3]).toContain('You will no longer receive broadcasts or alerts');
  });

  it('opens one ticket when the officer request is handled twice', async () => {
    const phone = uniquePhone();
    await userAtMainMenu(phone);
    await bot.sendWhatsApp(phone, '3'); // Talk to an officer
    await bot.repliesTo(phone, 4);
    await bot.settle();
    const message = inbound(phone, 'Please call me about GI tagging for Sagar stone craft');
    const deps = handlerDeps();
    const sessions = crashingOnce(deps.sessions, 'save');

    await expect(handleInbound({ ...deps, sessions }, message)).rejects.toThrow('simulated crash');
    await handleInbound(deps, message);
    await bot.settle();

    expect(await bot.runtime.models.tickets.countDocuments({ phone })).toBe(1);
    expect(bot.sentTo(phone)).toHaveLength(5);
  });
});

describe('a send whose record could not be written at first', () => {
  let twilio: TwilioLocal;
  let bot: TestBot;
  beforeAll(async () => {
    // No status callbacks during the test: only the send's own record writes the message's SID.
    twilio = await startLocalTwilio(60_000);
    bot = await startTestBot({ OUTBOUND_RETRY_BASE_MS: '40' }, { twilio });
  });
  afterAll(async () => {
    await twilio?.close();
    await bot?.stop();
  });

  it('is sent once, and its document completed when the database is back', async () => {
    const phone = uniquePhone();
    const params = bot.inboundParams(phone, 'hi');
    const greetingId = outboundId(`whatsapp:${params.MessageSid}`, 0);
    const { outbound } = bot.runtime.models;
    const updateOne = outbound.updateOne.bind(outbound) as (...args: unknown[]) => unknown;
    // The first two writes of the greeting's SID fail (the database is gone): the flush fails and is retried.
    let failedWrites = 0;
    const spy = vi.spyOn(outbound, 'updateOne').mockImplementation(((...args: unknown[]) => {
      const [filter, update] = args as [{ _id?: unknown }, { $set?: { providerId?: string } } | undefined];
      if (filter._id === greetingId && update?.$set?.providerId !== undefined && failedWrites < 2) {
        failedWrites += 1;
        return Promise.reject(new Error('simulated: database unavailable'));
      }
      return updateOne(...args);
    }) as unknown as typeof outbound.updateOne);
    try {
      expect((await bot.postForm(bot.inboundUrl, params)).status).toBe(200);
      await bot.repliesTo(phone, 2);
      await bot.settle();
    } finally {
      spy.mockRestore();
    }

    expect(failedWrites).toBe(2);
    const sent = twilio.messages.filter((message) => message.to === `whatsapp:${phone}`);
    expect(sent.map((message) => message.body?.slice(0, 12))).toEqual([
      expect.stringContaining('नमस्ते'),
      expect.stringContaining('अपनी भाषा'),
    ]);
    const greeting = await outbound.findById(greetingId).lean();
    expect(greeting).toMatchObject({ providerId: sent[0]?.sid, status: 'queued', attempts: 1 });
    const job = await bot.runtime.queues.outbound.getJob(greetingId);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.returnvalue).toBe(sent[0]?.sid);
  });
});

/**
 * The dead-letter list on the real Redis: bounded, free of phone numbers and message text, and a set-aside message
 * can be taken back for replay.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/channel.js';
import { DeadLetters, MAX_DEAD_LETTERS } from '../../src/inbound/dead-letters.js';
import { Mailbox } from '../../src/inbound/mailbox.js';
import { createRedisConnection } from '../../src/queue/redis-connections.js';
import { redisUrl, uniqueName } from '../support/services.js';

const redis = createRedisConnection(redisUrl(), 'client');
afterAll(async () => {
  await redis.quit();
});

function message(text: string): InboundMessage {
  return {
    channel: 'whatsapp',
    messageId: `SM${randomUUID().replaceAll('-', '')}`,
    from: '+919812345678',
    to: '+14155238886',
    text,
    attachments: [],
    receivedAt: new Date('2026-11-30T10:00:00Z'),
  };
}

describe('dead letters', () => {
  it('list no phone number or message text, and give the message back for replay', async () => {
    const prefix = uniqueName('dead');
    const letters = new DeadLetters(redis, prefix);
    const failed = message('मेरा नंबर 9812345678 है, 50 टन सेला चावल चाहिए');
    const key = `whatsapp:${failed.messageId}`;
    await letters.setAside(
      key,
      failed,
      new Error('session of +919812345678 is broken'),
      5,
      new Date('2026-11-30T10:01:00Z'),
    );

    const listed = await letters.list();
    expect(listed).toEqual([
      { key, at: '2026-11-30T10:01:00.000Z', failures: 5, error: 'Error: session of +919*******78 is broken' },
    ]);
    expect(JSON.stringify(listed)).not.toContain('9812345678');
    expect(JSON.stringify(listed)).not.toContain('सेला');

    const mailbox = new Mailbox(redis, { prefix, dedupeSeconds: 60 });
    const taken = await letters.take(key);
    expect(taken).toEqual(failed);
    expect(await letters.list()).toEqual([]);
    expect(await letters.take(key)).toBeUndefined();
    // Replayed, it waits in the sender's mailbox again even though its id was seen before.
    await mailbox.requeue(taken!);
    expect(await mailbox.waiting(failed.from)).toBe(1);
  });

  it(`keep at most ${MAX_DEAD_LETTERS} entries, newest first`, async () => {
    const letters = new DeadLetters(redis, uniqueName('dead'));
    for (let i = 0; i < MAX_DEAD_LETTERS + 5; i++) {
      await letters.setAside(`whatsapp:SM${i}`, message(`m${i}`), new Error('boom'), 5, new Date());
    }
    const listed = await letters.list();
    expect(listed).toHaveLength(MAX_DEAD_LETTERS);
    expect(listed[0]?.key).toBe(`whatsapp:SM${MAX_DEAD_LETTERS + 4}`);
  });
});

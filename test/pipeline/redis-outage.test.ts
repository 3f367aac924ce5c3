/**
 * Redis stopped and restarted while signed webhooks keep arriving: no good message is answered 5xx, none is lost,
 * none is handled twice, and each person's replies keep their order. What arrives meanwhile waits in the web
 * process's spool and is replayed when Redis is back.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningRedis, startRedis } from '../../scripts/lib/redis.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

describe('Redis down for a few seconds', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'niryat-outage-'));
  let redis: RunningRedis;
  let bot: TestBot;
  beforeAll(async () => {
    redis = await startRedis(dataDir);
    bot = await startTestBot({ REDIS_URL: redis.url, INTAKE_REDIS_TIMEOUT_MS: '300' });
  }, 30_000);
  afterAll(async () => {
    await bot?.stop();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every webhook 200, loses none and handles none twice', async () => {
    const early = Array.from({ length: 4 }, () => uniquePhone());
    const late = Array.from({ length: 4 }, () => uniquePhone());
    for (const phone of early) expect((await bot.sendWhatsApp(phone, 'hi')).status).toBe(200);
    for (const phone of early) await bot.repliesTo(phone, 2);

    await bot.settle();
    const greeting = await bot.runtime.models.outbound.findOne({ to: early[0], part: 0 }).lean();
    expect(greeting?.providerId).toBeDefined();

    await redis.stop();
    // A delivery report arriving meanwhile is kept too.
    const report = await bot.postForm(`${bot.statusUrl}?ref=${greeting!._id}`, {
      AccountSid: bot.config.twilio.accountSid,
      ApiVersion: '2010-04-01',
      ChannelPrefix: 'whatsapp',
      From: bot.config.twilio.whatsappFrom,
      MessageSid: greeting!.providerId!,
      MessageStatus: 'read',
      SmsSid: greeting!.providerId!,
      SmsStatus: 'read',
      To: `whatsapp:${early[0]}`,
    });
    expect(report.status).toBe(200);
    const during = await Promise.all([
      ...early.map((phone) => bot.sendWhatsApp(phone, '2')),
      ...late.map((phone) => bot.sendWhatsApp(phone, 'नमस्ते')),
    ]);
    expect(during.map((response) => response.status)).toEqual(during.map(() => 200));
    // They wait on this machine's disk.
    expect(readdirSync(bot.config.spoolDir).filter((name) => name.endsWith('.jsonl')).length).toBeGreaterThan(0);

    redis = await startRedis(dataDir, undefined, { port: redis.port });
    await eventually(
      () => expect(readdirSync(bot.config.spoolDir).filter((name) => name.endsWith('.jsonl'))).toEqual([]),
      {
        timeoutMs: 20_000,
      },
    );
    for (const phone of early) {
      const replies = await bot.repliesTo(phone, 3, 20_000);
      expect(replies[2]).toContain('Main menu');
    }
    for (const phone of late) {
      const replies = await bot.repliesTo(phone, 2, 20_000);
      expect(replies[0]).toContain('नमस्ते! मैं निर्यात सेतु हूँ');
    }
    await bot.settle(20_000);
    // Exactly once: nobody got anything twice.
    for (const phone of early) expect(bot.sentTo(phone)).toHaveLength(3);
    for (const phone of late) expect(bot.sentTo(phone)).toHaveLength(2);
    await eventually(async () =>
      expect((await bot.runtime.models.outbound.findById(greeting!._id).lean())?.status).toBe('read'),
    );
  }, 90_000);
});

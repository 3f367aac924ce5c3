/**
 * The one fan-out path (group posts, inquiry alerts, later broadcasts) on the real Redis, FerretDB and local Twilio
 * server: started twice, or again after its job was lost, it reaches every recipient once; a recipient who opted
 * out is skipped when the message would be sent; no phone number is in a job id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutJobId } from '../../src/outbound/fan-out.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

const TEXT = { hi: 'प्रशिक्षण शिविर कल सुबह 10 बजे', en: 'Training camp tomorrow at 10 am' };

describe('fan-out', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('reaches every recipient once, however often it is started', async () => {
    const to = Array.from({ length: 30 }, () => uniquePhone());
    const key = 'notice:test-once';
    await Promise.all([
      bot.runtime.fanOut.start('notice', key, { to, text: TEXT }),
      bot.runtime.fanOut.start('notice', key, { to, text: TEXT }),
    ]);
    await bot.settle(30_000);
    // The job is gone (a Redis that lost it, or a cleanup): started again under the same key, it sends nothing new.
    await bot.runtime.queues.fanOut.remove(fanOutJobId(key));
    await bot.runtime.fanOut.start('notice', key, { to, text: TEXT });
    await bot.settle(30_000);
    for (const phone of to) expect(bot.sentTo(phone), phone).toEqual([TEXT.hi]);
  });

  it('skips a recipient who has opted out, at the moment of sending', async () => {
    const stays = uniquePhone();
    const left = uniquePhone();
    await bot.sendWhatsApp(left, 'STOP');
    await bot.settle();
    const before = bot.sentTo(left).length;
    await bot.runtime.fanOut.start('notice', 'notice:test-opt-out', { to: [stays, left], text: TEXT });
    await eventually(() => expect(bot.sentTo(stays)).toEqual([TEXT.hi]), { timeoutMs: 30_000 });
    await bot.settle(30_000);
    expect(bot.sentTo(left)).toHaveLength(before);
    const statusOf = async (to: string) =>
      (await bot.runtime.models.outbound.find({ to }).lean()).find((message) => message.cause.startsWith('notice:'))
        ?.status;
    expect(await statusOf(left)).toBe('skipped');
    expect(await statusOf(stays)).not.toBe('skipped');
  });

  it('keeps phone numbers out of job ids', async () => {
    const phone = uniquePhone();
    await bot.runtime.fanOut.start('notice', 'notice:test-ids', { to: [phone], text: TEXT });
    await bot.settle(30_000);
    const jobs = await bot.runtime.queues.outbound.getJobs(['completed'], 0, 1_000);
    const ids = jobs.map((job) => job.id ?? '').filter((id) => id.includes('test-ids'));
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toContain(phone.slice(3));
  });
});

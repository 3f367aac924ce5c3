/**
 * Officers' broadcasts end to end on the real Redis, FerretDB and the twilio SDK against the local Twilio server:
 * sent now, at a time and every period; paused, resumed, edited and cancelled; opted-out and out-of-window members
 * skipped or sent the template; the failures WhatsApp reports after the send acted on; and the report that counts
 * it all. What is asserted is what arrives at Twilio and what the report says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Audience, BroadcastContent, Schedule } from '../../src/domain/broadcasts/broadcast-model.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';

const HOUR = 60 * 60 * 1000;
const TEMPLATE_HI = { contentSid: `HX${'1'.repeat(32)}`, variables: { '1': 'पैकेजिंग कार्यशाला' } };
const TEMPLATE_EN = { contentSid: `HX${'2'.repeat(32)}`, variables: { '1': 'packaging workshop' } };

describe('broadcasts', () => {
  let bot: TestBot;
  let officer: string;
  let run = 0;

  beforeAll(async () => {
    bot = await startTestBot({ OUTBOUND_RATE_PER_SECOND: '20', OUTBOUND_LATE_RETRY_MS: '200' });
    officer = uniquePhone();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  /** A person the bot knows, who last wrote `ago` ms ago. */
  async function person(language: 'hi' | 'en', ago = 60_000, extra: Record<string, unknown> = {}): Promise<string> {
    const phone = uniquePhone();
    await bot.runtime.models.users.create({
      _id: phone,
      phone,
      language,
      lastInboundAt: new Date(Date.now() - ago),
      consentEvents: [],
      ...extra,
    });
    return phone;
  }

  /** A group with these members (sellers). */
  async function groupOf(members: string[]): Promise<string> {
    run += 1;
    const code = `BC${run}${Math.floor(Math.random() * 1e4)}`;
    await bot.runtime.domain.groups.create(
      { code, name: 'Rice exporters', description: 'test', productFocus: ['rice'] },
      new Date(),
    );
    for (const phone of members)
      await bot.runtime.domain.groups.join(code, { phone, role: 'seller', name: 'M' }, new Date());
    return code;
  }

  async function broadcast(audience: Audience, schedule: Schedule, content: Partial<BroadcastContent> = {}) {
    run += 1;
    const desk = bot.runtime.domain.broadcasts;
    const draft = await desk.draft(
      `test-${run}-${Date.now()}`,
      {
        title: 'Packaging workshop',
        content: {
          text: { hi: 'पैकेजिंग कार्यशाला 5 दिसंबर को', en: 'Packaging workshop on 5 December' },
          templates: {},
          ...content,
        },
        audience,
        schedule,
        createdBy: officer,
      },
      new Date(),
    );
    return draft;
  }

  const bodiesTo = (phone: string) => bot.twilio.messages.filter((m) => m.to === `whatsapp:${phone}`);

  it('sends to a group now: text in each language, opted-out and out-of-window members skipped and reported', async () => {
    const hindi = await person('hi');
    const english = await person('en');
    const optedOut = await person('hi', 60_000, { optedOut: true });
    const away = await person('hi', 30 * HOUR);
    const code = await groupOf([hindi, english, optedOut, away]);
    const draft = await broadcast({ groups: [code] }, { kind: 'now' });

    const preview = await bot.runtime.domain.broadcasts.preview(draft._id);
    expect(preview).toMatchObject({ recipients: 4, inWindow: 2, asTemplate: 0, outsideWindowSkipped: 1, optedOut: 1 });

    await bot.runtime.domain.broadcasts.confirm(draft._id, new Date());
    await bot.settle(20_000);
    expect(bodiesTo(hindi).map((m) => m.body)).toEqual(['पैकेजिंग कार्यशाला 5 दिसंबर को']);
    expect(bodiesTo(english).map((m) => m.body)).toEqual(['Packaging workshop on 5 December']);
    expect(bodiesTo(optedOut)).toEqual([]);
    expect(bodiesTo(away)).toEqual([]);

    await eventually(async () => {
      const report = await bot.runtime.domain.broadcasts.report(draft._id);
      expect(report.total).toBe(4);
      expect(report.read + report.delivered).toBe(2);
      expect(report.skipped).toEqual({ opted_out: 1, outside_window: 1 });
    });
    expect((await bot.runtime.domain.broadcasts.find(draft._id))?.status).toBe('sent');
  });

  it('sends the template to a member outside the window when the broadcast has one for their language', async () => {
    const away = await person('en', 48 * HOUR);
    const near = await person('hi');
    const draft = await broadcast(
      { groups: [await groupOf([away, near])] },
      { kind: 'now' },
      {
        templates: { hi: TEMPLATE_HI, en: TEMPLATE_EN },
        mediaUrl: 'https://example.org/workshop-poster.jpg',
      },
    );
    expect(await bot.runtime.domain.broadcasts.preview(draft._id)).toMatchObject({ inWindow: 1, asTemplate: 1 });
    await bot.runtime.domain.broadcasts.confirm(draft._id, new Date());
    await bot.settle(20_000);
    const [template] = bodiesTo(away);
    expect(template?.contentSid).toBe(TEMPLATE_EN.contentSid);
    expect(JSON.parse(template?.contentVariables ?? '{}')).toEqual(TEMPLATE_EN.variables);
    expect(bodiesTo(near).map((m) => [m.body, m.contentSid])).toEqual([['पैकेजिंग कार्यशाला 5 दिसंबर को', undefined]]);
    // The poster goes with the text; a template carries its own media.
    expect(bodiesTo(near)[0]?.mediaUrl).toEqual(['https://example.org/workshop-poster.jpg']);
    expect(template?.mediaUrl).toEqual([]);
  });

  it('fires a scheduled broadcast at its time, and an edit before then replaces it without a duplicate', async () => {
    const member = await person('en');
    const code = await groupOf([member]);
    const draft = await broadcast({ groups: [code] }, { kind: 'at', at: new Date(Date.now() + 1_500) });
    await bot.runtime.domain.broadcasts.confirm(draft._id, new Date());
    const edited = await bot.runtime.domain.broadcasts.edit(
      draft._id,
      {
        content: { text: { en: 'Changed: the workshop moves to 6 December' }, templates: {} },
        schedule: { kind: 'at', at: new Date(Date.now() + 2_500) },
      },
      new Date(),
    );
    expect(edited.version).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    expect(bodiesTo(member)).toEqual([]);
    await eventually(() => expect(bodiesTo(member).length).toBe(1), { timeoutMs: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(bodiesTo(member).map((m) => m.body)).toEqual(['Changed: the workshop moves to 6 December']);
  });

  it('fires a recurring broadcast each period, and a cancel stops the rest', async () => {
    const member = await person('hi');
    const draft = await broadcast({ groups: [await groupOf([member])] }, { kind: 'recurring', cron: '*/2 * * * * *' });
    await bot.runtime.domain.broadcasts.confirm(draft._id, new Date());
    await eventually(() => expect(bodiesTo(member).length).toBeGreaterThanOrEqual(2), { timeoutMs: 10_000 });
    await bot.runtime.domain.broadcasts.steer(draft._id, 'cancel', new Date());
    await bot.settle(10_000);
    const afterCancel = bodiesTo(member).length;
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(bodiesTo(member).length).toBe(afterCancel);
    const record = await bot.runtime.domain.broadcasts.find(draft._id);
    expect(record?.status).toBe('cancelled');
    // One message per run, each run once.
    expect(record?.runs.length).toBe(afterCancel);
  });

  it('pauses and resumes while sending: nobody lost, nobody twice', async () => {
    const members = await Promise.all(Array.from({ length: 60 }, (_, i) => person(i % 2 ? 'hi' : 'en')));
    const draft = await broadcast({ groups: [await groupOf(members)] }, { kind: 'now' });
    const desk = bot.runtime.domain.broadcasts;
    await desk.confirm(draft._id, new Date());
    const sent = () => members.reduce((sum, phone) => sum + bodiesTo(phone).length, 0);
    await eventually(() => expect(sent()).toBeGreaterThan(0), { timeoutMs: 10_000 });
    try {
      expect((await desk.steer(draft._id, 'pause', new Date()))?.status).toBe('paused');
      // Sends already handed to Twilio when the pause came finish; nothing starts after them.
      await eventually(
        async () => {
          const before = sent();
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          expect(sent()).toBe(before);
        },
        { timeoutMs: 10_000 },
      );
      const atPause = sent();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(sent()).toBe(atPause);
      expect(atPause).toBeLessThan(60);
    } finally {
      // Held messages would keep every later test from settling.
      expect(['sending', 'sent']).toContain((await desk.steer(draft._id, 'resume', new Date()))?.status);
    }
    await eventually(() => expect(sent()).toBe(60), { timeoutMs: 20_000 });
    await bot.settle(20_000);
    for (const phone of members) expect(bodiesTo(phone).length).toBe(1);
  });

  it('skips the rest of a broadcast cancelled while sending, and reports them as cancelled', async () => {
    const members = await Promise.all(Array.from({ length: 80 }, () => person('hi')));
    const desk = bot.runtime.domain.broadcasts;
    const draft = await broadcast({ groups: [await groupOf(members)] }, { kind: 'now' });
    await desk.confirm(draft._id, new Date());
    const sent = () => members.reduce((sum, phone) => sum + bodiesTo(phone).length, 0);
    await eventually(() => expect(sent()).toBeGreaterThan(0), { timeoutMs: 10_000 });
    await desk.steer(draft._id, 'cancel', new Date());
    await bot.settle(30_000);
    const delivered = sent();
    expect(delivered).toBeLessThan(80);
    await eventually(async () => {
      const report = await desk.report(draft._id);
      expect(report.skipped.cancelled).toBe(80 - delivered);
    });
  });

  it('skips, without their number, someone who had their data erased after the broadcast was planned', async () => {
    const members = await Promise.all(Array.from({ length: 40 }, () => person('hi')));
    const desk = bot.runtime.domain.broadcasts;
    const draft = await broadcast({ groups: [await groupOf(members)] }, { kind: 'now' });
    await desk.confirm(draft._id, new Date());
    await eventually(() => expect(members.some((phone) => bodiesTo(phone).length > 0)).toBe(true), {
      timeoutMs: 10_000,
    });
    let erased: string | undefined;
    try {
      await desk.steer(draft._id, 'pause', new Date());
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      erased = members.find((phone) => bodiesTo(phone).length === 0);
      expect(erased).toBeDefined();
      await bot.runtime.domain.users.erase(erased as string);
    } finally {
      await desk.steer(draft._id, 'resume', new Date());
    }
    await bot.settle(20_000);
    expect(bodiesTo(erased as string)).toEqual([]);
    for (const phone of members.filter((member) => member !== erased)) expect(bodiesTo(phone).length).toBe(1);
    await eventually(async () => {
      const report = await desk.report(draft._id);
      expect(report.skipped).toEqual({ erased: 1 });
      expect(report.queued).toBe(0);
    });
    const stored = JSON.stringify(await bot.runtime.models.outbound.find({ campaign: draft._id }).lean());
    expect(stored).not.toContain((erased as string).slice(1));
  });

  describe('failures WhatsApp reports after Twilio accepted the message', () => {
    it('63016: sends the template instead where the broadcast has one', async () => {
      const member = await person('hi');
      bot.twilio.failAfterAccept(member, { code: 63016, status: 'failed' });
      const draft = await broadcast(
        { groups: [await groupOf([member])] },
        { kind: 'now' },
        {
          templates: { hi: TEMPLATE_HI },
        },
      );
      await bot.runtime.domain.broadcasts.confirm(draft._id, new Date());
      await eventually(() => expect(bodiesTo(member).length).toBe(2), { timeoutMs: 10_000 });
      await bot.settle(20_000);
      expect(bodiesTo(member).map((m) => m.contentSid)).toEqual([undefined, TEMPLATE_HI.contentSid]);
      await eventually(async () => {
        const report = await bot.runtime.domain.broadcasts.report(draft._id);
        expect(report.delivered + report.read).toBe(1);
        expect(report.failed).toEqual({});
      });
    });

    it('63016 with no template at all: reported as skipped (outside the window)', async () => {
      const member = await person('hi');
      bot.twilio.failAfterAccept(member, { code: 63016, status: 'failed' });
      const draft = await broadcast({ groups: [await groupOf([member])] }, { kind: 'now' });
      await bot.runtime.domain.broadcasts.confirm(draft._id, new Date());
      await bot.settle(20_000);
      expect(bodiesTo(member).length).toBe(1);
      await eventually(async () => {
        expect((await bot.runtime.domain.broadcasts.report(draft._id)).skipped).toEqual({ outside_window: 1 });
      });
    });

    it.each([30001, 63018])('%i: sends again later, once, and it is delivered', async (code) => {
      const member = await person('en');
      bot.twilio.failAfterAccept(member, { code, status: 'undelivered' });
      const draft = await broadcast({ groups: [await groupOf([member])] }, { kind: 'now' });
      await bot.runtime.domain.broadcasts.confirm(draft._id, new Date());
      await eventually(() => expect(bodiesTo(member).length).toBe(2), { timeoutMs: 10_000 });
      await bot.settle(20_000);
      expect(bodiesTo(member).map((m) => m.failedWith)).toEqual([code, undefined]);
      await eventually(async () => {
        const report = await bot.runtime.domain.broadcasts.report(draft._id);
        expect(report.delivered + report.read).toBe(1);
        expect(report.failed).toEqual({});
      });
    });

    it.each([63003, 63024])('%i: marks the number, and the next broadcast skips it as unreachable', async (code) => {
      const member = await person('hi');
      bot.twilio.failAfterAccept(member, { code, status: 'failed' });
      const first = await broadcast({ groups: [await groupOf([member])] }, { kind: 'now' });
      await bot.runtime.domain.broadcasts.confirm(first._id, new Date());
      await bot.settle(20_000);
      await eventually(async () => {
        expect((await bot.runtime.domain.users.find(member))?.unreachable?.code).toBe(code);
        expect((await bot.runtime.domain.broadcasts.report(first._id)).failed).toEqual({ [String(code)]: 1 });
      });
      const second = await broadcast({ groups: [await groupOf([member])] }, { kind: 'now' });
      expect((await bot.runtime.domain.broadcasts.preview(second._id)).unreachable).toBe(1);
      await bot.runtime.domain.broadcasts.confirm(second._id, new Date());
      await bot.settle(20_000);
      expect(bodiesTo(member).length).toBe(1);
      await eventually(async () => {
        expect((await bot.runtime.domain.broadcasts.report(second._id)).skipped).toEqual({ unreachable: 1 });
      });
    });
  });

  it('sends to a segment: sellers of a category in a tehsil, in Hindi', async () => {
    const inSegment = await person('hi');
    const otherTehsil = await person('hi');
    const english = await person('en');
    const seller = (phone: string, tehsil: string) =>
      bot.runtime.models.sellers.create({
        _id: phone,
        phone,
        name: 'S',
        businessName: 'B',
        products: [{ productId: 'parboiled_rice', category: 'rice', label: 'Rice' }],
        productIds: ['parboiled_rice'],
        categories: ['rice'],
        exportExperience: 'none',
        tehsil,
        contactConsent: { given: false, at: new Date(), evidence: 'x', statement: 'x' },
      });
    await seller(inSegment, 'khurai');
    await seller(otherTehsil, 'bina');
    await seller(english, 'khurai');
    const draft = await broadcast(
      { segment: { categories: ['rice'], tehsils: ['khurai'], language: 'hi' } },
      { kind: 'now' },
    );
    expect((await bot.runtime.domain.broadcasts.preview(draft._id)).recipients).toBe(1);
    await bot.runtime.domain.broadcasts.confirm(draft._id, new Date());
    await bot.settle(20_000);
    expect(bodiesTo(inSegment).length).toBe(1);
    expect(bodiesTo(otherTehsil)).toEqual([]);
    expect(bodiesTo(english)).toEqual([]);
  });
});

describe('a large broadcast', () => {
  let bot: TestBot;
  beforeAll(async () => {
    // 100 a second, a second ahead: the first page (200) is queued, then the fan-out waits while over 100 wait.
    bot = await startTestBot({ OUTBOUND_RATE_PER_SECOND: '100', BROADCAST_QUEUE_AHEAD_SECONDS: '1' });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('is queued in waves at the send rate, and still reaches everyone once', async () => {
    const members: string[] = [];
    const now = new Date();
    for (let i = 0; i < 600; i += 1) {
      const phone = uniquePhone();
      members.push(phone);
    }
    await bot.runtime.models.users.insertMany(
      members.map((phone) => ({ _id: phone, phone, language: 'en', lastInboundAt: now, consentEvents: [] })),
    );
    const code = `WAVE${Math.floor(Math.random() * 1e5)}`;
    await bot.runtime.domain.groups.create({ code, name: 'All', description: '', productFocus: [] }, now);
    await bot.runtime.models.groups.updateOne(
      { _id: code },
      {
        $set: { members: members.map((phone) => ({ phone, role: 'seller', name: 'M', joinedAt: now, muted: false })) },
      },
    );
    const desk = bot.runtime.domain.broadcasts;
    const draft = await desk.draft(
      `wave-${Date.now()}`,
      {
        title: 'Wave',
        content: { text: { en: 'Farm demonstration at Rahatgarh' }, templates: {} },
        audience: { groups: [code] },
        schedule: { kind: 'now' },
        createdBy: uniquePhone(),
      },
      now,
    );
    await desk.confirm(draft._id, new Date());
    const fanOutJobId = `fan-bcast_${draft._id}_v1`;
    // Between waves the fan-out waits, delayed, with its place saved and fewer than all queued.
    let waitedWith: number | undefined;
    await eventually(
      async () => {
        const job = await bot.runtime.queues.fanOut.getJob(fanOutJobId);
        if (job && (await job.isDelayed())) waitedWith ??= job.data.queued;
        expect(await job?.isCompleted()).toBe(true);
      },
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    expect(waitedWith).toBeGreaterThan(0);
    expect(waitedWith).toBeLessThan(600);
    await bot.settle(30_000);
    const job = await bot.runtime.queues.fanOut.getJob(fanOutJobId);
    expect(await job?.isCompleted()).toBe(true);
    const counts = new Map<string, number>();
    for (const message of bot.twilio.messages) counts.set(message.to, (counts.get(message.to) ?? 0) + 1);
    for (const phone of members) expect(counts.get(`whatsapp:${phone}`)).toBe(1);
    expect((await desk.find(draft._id))?.status).toBe('sent');
  });
});

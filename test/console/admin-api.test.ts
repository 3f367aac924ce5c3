/**
 * The admin API on the real runtime (FerretDB, Redis, the local Twilio server), as an officer's console calls it:
 * each resource's lists, records and changes with what an officer sees; a ticket's answer reaching the asker; a FAQ
 * edit answered by the bot at once; bad input refused with its field; operator injection in every filter without
 * effect; every route in the OpenAPI document; CSV that a spreadsheet cannot run. Officers sign in through the
 * console's own login (session cookie and CSRF token), an admin and a viewer.
 */
import { CATEGORY_NAMES } from '../../src/domain/catalog/schema.js';
import type { Server } from 'node:http';
import express, { type Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../src/actions/services.js';
import { consoleRoutes } from '../../src/console/console-routes.js';
import type { AuditEntry } from '../../src/domain/audit/audit-log.js';
import { createLogger } from '../../src/log.js';
import { type AdminApiDeps, adminApi } from '../../src/console/api/admin-api.js';
import { csvCell, toCsv } from '../../src/console/api/csv.js';
import { openApiPath } from '../../src/console/api/openapi.js';
import { maskedNumber, personRefs } from '../../src/console/api/person-ref.js';
import { queuesBoard } from '../../src/console/api/queues-board.js';
import type { SellerProfile } from '../../src/domain/sellers/sellers.js';
import { createProgrammeNumbers } from '../../src/domain/numbers/programme-numbers.js';
import { LiveFaq } from '../../src/faq/live-faq.js';
import { startTestBot, type TestBot } from '../support/bot.js';
import { chatAs } from '../support/conversation.js';
import { eventually } from '../support/eventually.js';
import { uniquePhone } from '../support/phones.js';
import { type ConsoleClient, createOfficer, signIn } from '../support/console.js';

const AT = new Date('2026-11-30T05:00:00Z');

function profile(name: string, businessName: string, productId: string, category: string, tehsil: string) {
  return {
    name,
    businessName,
    products: [
      { productId, category, label: productId.replace('_', ' '), capacity: { value: 500, unit: 'MT' as const } },
    ],
    certifications: [],
    exportExperience: 'direct' as const,
    tehsil,
    photos: [],
    contactConsent: { given: true, at: AT, evidence: 'हाँ', statement: 'क्या ख़रीदार आपका नंबर देख सकते हैं?' },
  } satisfies SellerProfile;
}

describe('admin API', () => {
  let bot: TestBot;
  let server: Server;
  let base: string;
  let router: Router;
  let admin: ConsoleClient;
  let viewer: ConsoleClient;
  const audits: { what: string; target: string; before: unknown; after: unknown }[] = [];
  const refs = personRefs('test-person-ref-secret-0123');
  const rice = uniquePhone();
  const stone = uniquePhone();
  const paused = uniquePhone();
  const formula = uniquePhone();

  const call = async (method: string, path: string, options: { body?: unknown; role?: string } = {}) => {
    const role = options.role ?? 'admin';
    const raw = typeof options.body === 'string';
    const response =
      role === 'none' || raw
        ? await fetch(`${base}${path}`, {
            method,
            headers: {
              ...(raw ? { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } : {}),
              ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            ...(raw ? { body: options.body as string } : {}),
          })
        : await (role === 'admin' ? admin : viewer).request(method, `/admin/api${path}`, options.body);
    const text = await response.text();
    const json = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined;
    return { status: response.status, json, text, headers: response.headers };
  };
  const get = (path: string, role = 'viewer') => call('GET', path, { role });

  beforeAll(async () => {
    bot = await startTestBot();
    const { runtime, config } = bot;
    const deps: AdminApiDeps = {
      groups: runtime.domain.groups,
      sellers: runtime.domain.sellers,
      inquiries: runtime.domain.inquiries,
      broadcasts: runtime.domain.broadcasts,
      tickets: runtime.domain.tickets,
      faq: new LiveFaq(
        runtime.redis,
        config.queuePrefix,
        loadReferenceData(config.flowsDir).knowledgeBase,
        runtime.models.addedFaq,
      ),
      numbers: createProgrammeNumbers(runtime.models),
      names: {
        categories: CATEGORY_NAMES,
        tehsils: Object.fromEntries(
          loadReferenceData(config.flowsDir).tehsils.tehsils.map((tehsil) => [tehsil.id, tehsil.name]),
        ),
      },
      fanOut: runtime.fanOut,
      botNumber: config.twilio.whatsappFrom,
      refs,
    };
    router = adminApi(deps);
    // The console's real audit trail, observed: each entry is also kept here for the assertions.
    const audit = {
      record: async (entry: AuditEntry) => {
        audits.push({
          what: entry.action,
          target: `${entry.target.type}:${entry.target.id}`,
          before: entry.before,
          after: entry.after,
        });
        return runtime.domain.audit.record(entry);
      },
      list: runtime.domain.audit.list,
    };
    let root = '';
    const app = express();
    app.use(express.json());
    app.use((req, res, next) => consoleApp(req, res, next));
    server = await new Promise((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = server.address();
    root = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    base = `${root}/admin/api`;
    const consoleApp = consoleRoutes({
      officers: runtime.domain.officers,
      audit,
      redis: runtime.redis,
      prefix: config.queuePrefix,
      settings: { ...config.console, sessionSecret: config.console.sessionSecret as string },
      production: false,
      publicBaseUrl: root,
      logger: createLogger('silent'),
      apiRouters: [router],
      pageRouters: [queuesBoard({ queues: [runtime.queues.outbound, runtime.queues.fanOut], mountPath: '/queues' })],
    });
    await createOfficer(runtime, 'asha', 'admin');
    await createOfficer(runtime, 'vijay', 'viewer');
    admin = await signIn(root, 'asha');
    viewer = await signIn(root, 'vijay');

    const sellers = runtime.domain.sellers;
    await sellers.register(rice, profile('Ramesh', 'Shree Ram Rice Mill', 'parboiled_rice', 'rice', 'khurai'), AT);
    await sellers.register(stone, profile('Sita', 'Sagar Stone Crafts', 'stone_craft', 'handicraft', 'sagar'), AT);
    await sellers.register(paused, profile('Mohan', 'Bina Rice Traders', 'basmati_rice', 'rice', 'bina'), AT);
    await sellers.register(
      formula,
      profile('=HYPERLINK("http://evil")', '+SUM(1,2)', 'stone_craft', 'handicraft', 'sagar'),
      AT,
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await bot?.stop();
  });

  it('answers 401 without a session and 403 to a viewer who changes something', async () => {
    expect((await call('GET', '/groups', { role: 'none' })).status).toBe(401);
    expect((await call('POST', '/groups', { role: 'viewer', body: { code: 'VIEW1', name: 'No' } })).status).toBe(403);
    expect((await call('GET', '/openapi.json', { role: 'none' })).status).toBe(401);
    expect((await viewer.request('GET', '/admin/queues/')).status).toBe(403);
    // A forged CSRF token changes nothing.
    expect(
      (await admin.request('POST', '/admin/api/groups', { code: 'CSRF1', name: 'No' }, { csrf: 'forged' })).status,
    ).toBe(403);
    const board = await admin.request('GET', '/admin/queues/');
    expect(board.status).toBe(200);
    expect(await board.text()).toContain('<html');
  });

  it('creates a group, shows its roles and invite with a QR code, and moderates a member by reference', async () => {
    const created = await call('POST', '/groups', {
      body: { code: 'soya12', name: 'Sagar Soya Buyers', description: 'Soybean', productFocus: ['soybean'] },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      code: 'SOYA12',
      members: 0,
      invite: { text: 'JOIN SOYA12', link: 'https://wa.me/14155238886?text=JOIN%20SOYA12' },
    });
    expect(audits.at(-1)).toMatchObject({ what: 'group.create', target: 'group:SOYA12', before: null });
    expect((await call('POST', '/groups', { body: { code: 'SOYA12', name: 'Again' } })).status).toBe(409);

    const buyer = uniquePhone();
    await bot.runtime.domain.groups.join('SOYA12', { phone: buyer, role: 'buyer', name: 'Asha Traders' }, AT);
    await bot.runtime.domain.groups.join('SOYA12', { phone: rice, role: 'seller', name: 'Ramesh' }, AT);
    const group = await get('/groups/soya12');
    expect(group.json).toMatchObject({ members: 2, roles: { buyer: 1, seller: 1 } });
    const qr = await get('/groups/SOYA12/invite.svg');
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(qr.text).toContain('<svg');

    const members = await get('/groups/SOYA12/members?role=buyer');
    expect(members.json.items).toEqual([
      expect.objectContaining({
        name: 'Asha Traders',
        role: 'buyer',
        muted: false,
        number: maskedNumber(buyer),
      }),
    ]);
    expect(members.text).not.toContain(buyer.slice(3));
    const ref = members.json.items[0].ref as string;

    const muted = await call('POST', `/groups/SOYA12/members/${ref}/mute`);
    expect(muted.json).toMatchObject({ outcome: 'done', member: { muted: true } });
    expect(audits.at(-1)).toMatchObject({
      what: 'group.member.mute',
      before: { muted: false },
      after: { muted: true },
    });
    expect((await bot.runtime.domain.groups.find('SOYA12'))?.members.find((m) => m.phone === buyer)?.muted).toBe(true);
    const logged = await bot.runtime.domain.audit.list({ filter: { action: 'group.member.mute' } });
    expect(logged.entries[0]).toMatchObject({ who: { username: 'asha' }, target: { type: 'group' } });
    expect(JSON.stringify(logged.entries)).not.toContain(buyer.slice(3));
    const removed = await call('POST', `/groups/SOYA12/members/${ref}/remove`);
    expect(removed.json).toMatchObject({ outcome: 'done', member: null });
    expect((await get('/groups/SOYA12')).json.members).toBe(1);
    // A forged reference, or one of a person outside the group, opens nothing.
    expect((await call('POST', `/groups/SOYA12/members/${ref}x/mute`)).status).toBe(404);
    expect((await call('POST', `/groups/SOYA12/members/${refs.refOf(stone)}/mute`)).status).toBe(404);
    expect((await get('/groups/NOPE99')).status).toBe(404);

    const list = await get('/groups?limit=100');
    expect(list.json.items.map((each: { code: string }) => each.code)).toContain('SOYA12');
  });

  it('searches sellers, shows a profile, and pauses and resumes their alerts', async () => {
    const riceSellers = await get('/sellers?category=rice&sort=name');
    expect(riceSellers.json.items.map((s: { businessName: string }) => s.businessName)).toEqual([
      'Bina Rice Traders',
      'Shree Ram Rice Mill',
    ]);
    expect(riceSellers.json.page).toEqual({ page: 1, limit: 20, total: 2 });
    expect((await get('/sellers?q=stone%20craft')).json.items).toHaveLength(2);
    expect((await get('/sellers?tehsil=khurai')).json.items.map((s: { name: string }) => s.name)).toEqual(['Ramesh']);
    expect((await get('/sellers?product=basmati_rice')).json.items).toHaveLength(1);
    expect((await get('/sellers?limit=1&page=2&category=rice&sort=name')).json.items[0].name).toBe('Ramesh');

    const [mohan] = (await get('/sellers?q=mohan')).json.items;
    expect(mohan).toMatchObject({ name: 'Mohan', number: maskedNumber(paused), alertsOn: true });
    const profileView = await get(`/sellers/${mohan.ref}`);
    expect(profileView.json).toMatchObject({
      businessName: 'Bina Rice Traders',
      tehsil: 'bina',
      productDetails: [{ productId: 'basmati_rice', category: 'rice', capacity: { value: 500, unit: 'MT' } }],
      contactConsent: { given: true },
    });
    expect(profileView.text).not.toContain(paused.slice(3));

    expect((await call('POST', `/sellers/${mohan.ref}/pause`)).json.alertsOn).toBe(false);
    expect((await bot.runtime.domain.sellers.find(paused))?.alertsOn).toBe(false);
    expect(audits.at(-1)).toMatchObject({
      what: 'seller.alerts.pause',
      before: { alertsOn: true },
      after: { alertsOn: false },
    });
    expect((await get('/sellers?alerts=off')).json.items.map((s: { name: string }) => s.name)).toEqual(['Mohan']);
    expect((await call('POST', `/sellers/${mohan.ref}/resume`)).json.alertsOn).toBe(true);
    expect((await get('/sellers/not-a-ref')).status).toBe(404);
  });

  it('lists inquiries by state and shows one with its matches, reasons in Hindi and English, and quotes', async () => {
    const inquiries = bot.runtime.domain.inquiries;
    const buyer = uniquePhone();
    const reason = { code: 'product_exact', text: { hi: 'यही उत्पाद बनाते हैं', en: 'Makes this exact product' } };
    const opened = {
      buyerPhone: buyer,
      text: '50 MT sela chawal chahiye',
      certifications: [],
      language: 'hi' as const,
    };
    const label = { hi: 'सेला चावल', en: 'Parboiled rice' };
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const matches = [
      { sellerId: rice, score: 0.9, reasons: [reason], alertedAt: new Date(Date.now() - 30 * 60_000) },
      { sellerId: paused, score: 0.7, reasons: [reason], alertedAt: new Date(Date.now() - 30 * 60_000) },
    ];
    await inquiries.open(
      'QADM01',
      { ...opened, productId: 'parboiled_rice', productLabel: label, expiresAt },
      matches,
      new Date(),
    );
    await inquiries.open('QADM02', { ...opened, productLabel: label, expiresAt }, [], new Date());
    await inquiries.respond(
      'QADM01',
      rice,
      {
        kind: 'quote',
        quote: { price: { amount: 3200, currency: 'INR', per: 'quintal' }, incoterm: 'FOB', text: '3200/qtl FOB' },
      },
      new Date(),
    );

    const matched = await get('/inquiries?state=matched');
    expect(matched.json.items.map((i: { id: string }) => i.id)).toEqual(['QADM01']);
    expect(matched.json.items[0]).toMatchObject({
      state: 'matched',
      matches: 2,
      answered: 1,
      quotes: 1,
      buyer: maskedNumber(buyer),
    });
    expect((await get('/inquiries?state=open')).json.items.map((i: { id: string }) => i.id)).toContain('QADM02');
    expect((await get('/inquiries?state=open')).json.items.map((i: { id: string }) => i.id)).not.toContain('QADM01');
    expect((await get('/inquiries?product=parboiled_rice')).json.items).toHaveLength(1);

    const one = await get('/inquiries/qadm01');
    expect(one.json.matchList[0]).toMatchObject({
      seller: { name: 'Ramesh', businessName: 'Shree Ram Rice Mill', number: maskedNumber(rice) },
      reasons: [{ code: 'product_exact', hi: 'यही उत्पाद बनाते हैं', en: 'Makes this exact product' }],
      response: { kind: 'quote', quote: { price: { amount: 3200, currency: 'INR', per: 'quintal' }, incoterm: 'FOB' } },
    });
    expect(one.json.matchList[0].response.responseMinutes).toBeGreaterThanOrEqual(29);
    expect(one.json.matchList[1].response).toBeNull();
    expect(one.text).not.toContain(rice.slice(3));
    expect(one.text).not.toContain(buyer.slice(3));
    expect((await get('/inquiries/QNOPE9')).status).toBe(404);
  });

  it('drafts, previews, edits, confirms and reports a broadcast, and pauses, resumes and cancels another', async () => {
    const member = chatAs(bot, uniquePhone());
    await member.say('hi');
    await bot.runtime.domain.groups.create(
      { code: 'BCAST1', name: 'Broadcast test', description: '', productFocus: [] },
      AT,
    );
    await bot.runtime.domain.groups.join('BCAST1', { phone: member.phone, role: 'seller', name: 'M' }, AT);
    const body = {
      key: 'draft-one-0001',
      title: 'Packaging workshop',
      content: { text: { hi: 'पैकेजिंग कार्यशाला कल', en: 'Packaging workshop tomorrow' } },
      audience: { groups: ['bcast1'] },
      schedule: { kind: 'now' },
    };
    const drafted = await call('POST', '/broadcasts', { body });
    expect(drafted.status).toBe(201);
    expect(drafted.json.broadcast).toMatchObject({
      status: 'draft',
      createdBy: 'console:asha',
      audience: { groups: ['BCAST1'] },
    });
    expect(drafted.json.preview).toMatchObject({ recipients: 1, inWindow: 1 });
    // The same key gives the same draft.
    expect((await call('POST', '/broadcasts', { body })).json.broadcast.id).toBe(drafted.json.broadcast.id);
    const id = drafted.json.broadcast.id as string;

    const edited = await call('PATCH', `/broadcasts/${id}`, {
      body: { content: { text: { hi: 'पैकेजिंग कार्यशाला परसों', en: 'Packaging workshop the day after' } } },
    });
    expect(edited.json.broadcast).toMatchObject({ version: 2, text: { en: 'Packaging workshop the day after' } });
    expect((await get(`/broadcasts/${id}/preview`)).json.recipients).toBe(1);
    expect((await call('POST', `/broadcasts/${id}/confirm`)).json.status).not.toBe('draft');
    await eventually(async () => expect(member.all()).toContain('पैकेजिंग कार्यशाला परसों'), { timeoutMs: 15_000 });
    await bot.settle();
    await eventually(async () =>
      expect((await get(`/broadcasts/${id}/report`)).json).toMatchObject({ total: 1, queued: 0 }),
    );
    expect((await call('POST', `/broadcasts/${id}/confirm`)).status).toBe(409);
    expect((await call('PATCH', `/broadcasts/${id}`, { body: { title: 'x' } })).status).toBe(409);

    const later = await call('POST', '/broadcasts', {
      body: {
        ...body,
        key: 'draft-two-0002',
        schedule: { kind: 'at', at: new Date(Date.now() + 86_400_000).toISOString() },
      },
    });
    const laterId = later.json.broadcast.id as string;
    expect((await call('POST', `/broadcasts/${laterId}/pause`)).status).toBe(409);
    await call('POST', `/broadcasts/${laterId}/confirm`);
    expect((await call('POST', `/broadcasts/${laterId}/pause`)).json.status).toBe('paused');
    expect((await call('POST', `/broadcasts/${laterId}/resume`)).json.status).toBe('scheduled');
    expect((await call('POST', `/broadcasts/${laterId}/cancel`)).json.status).toBe('cancelled');
    expect(audits.at(-1)).toMatchObject({
      what: 'broadcast.cancel',
      before: { status: 'scheduled' },
      after: { status: 'cancelled' },
    });
    expect((await get('/broadcasts?status=cancelled')).json.items.map((b: { id: string }) => b.id)).toEqual([laterId]);

    // The domain's own checks come back as 422 with the field.
    const bad = await call('POST', '/broadcasts', {
      body: { ...body, key: 'draft-bad-0003', content: { text: { hi: '   ' } } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ error: 'invalid_broadcast', field: 'content.text' });
  }, 60_000);

  it('answers a ticket (the asker gets it on WhatsApp), saves it as an entry, and a FAQ edit is used at once', async () => {
    const asker = chatAs(bot, uniquePhone());
    const question = 'Export par GST refund kaise milega?';
    expect((await asker.say(question))[0]).toContain('इसका जवाब मेरे पास अभी नहीं है');
    const open = await get('/tickets');
    const ticket = open.json.items.find((t: { question: string }) => t.question === question);
    expect(ticket).toMatchObject({ status: 'open', asker: maskedNumber(asker.phone), answer: null });
    expect(open.text).not.toContain(asker.phone.slice(3));
    const path = `/tickets/${encodeURIComponent(ticket.id)}`;

    expect((await call('POST', `${path}/faq`, { body: { phrasings: { hi: [], en: [] } } })).status).toBe(409);
    const answer = 'निर्यात पर GST रिफ़ंड GST पोर्टल से मिलता है; अपने CA से प्रक्रिया पूछें।';
    const answered = await call('POST', `${path}/answer`, { body: { text: answer } });
    expect(answered.json).toMatchObject({ status: 'answered', answer, answeredBy: 'console:asha' });
    await eventually(async () =>
      expect(asker.all().at(-1)).toBe(`DIC सागर कार्यालय से आपके सवाल का जवाब:\n"${question}"\n\n${answer}`),
    );
    expect((await call('POST', `${path}/answer`, { body: { text: answer } })).status).toBe(409);
    expect((await get('/tickets')).json.items.map((t: { id: string }) => t.id)).not.toContain(ticket.id);
    // Answered, it is among the answered ones, the latest first.
    const answeredIds = (await get('/tickets?status=answered')).json.items.map((t: { id: string }) => t.id);
    expect(answeredIds[0]).toBe(ticket.id);
    expect((await get('/tickets?status=closed')).json).toMatchObject({ error: 'invalid', field: 'status' });

    const saved = await call('POST', `${path}/faq`, {
      body: {
        answer: { hi: answer, en: 'The GST refund on exports comes through the GST portal; ask your CA.' },
        phrasings: { hi: ['निर्यात पर जीएसटी वापसी कैसे मिलेगी'], en: ['how do I get a GST refund on exports'] },
        topic: 'certification',
      },
    });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({
      origin: 'added',
      topic: 'certification',
      editable: true,
      questions: { en: [question, 'how do I get a GST refund on exports'] },
    });
    const entryPath = `/faq/${encodeURIComponent(saved.json.id)}`;

    const english = chatAs(bot, uniquePhone());
    await bot.runtime.domain.users.recordInbound({ phone: english.phone, at: new Date() });
    await bot.runtime.domain.users.apply(english.phone, { language: 'en', languageChosen: true }, []);
    expect((await english.say('how do I get a GST refund on exports'))[0]).toContain('through the GST portal');

    const edited = await call('PATCH', entryPath, {
      body: { answer: { hi: answer, en: 'Apply for the GST refund on the GST portal, form RFD-01.' } },
    });
    expect(edited.json.answer.en).toBe('Apply for the GST refund on the GST portal, form RFD-01.');
    expect(audits.at(-1)).toMatchObject({ what: 'faq.edit', target: `faq:${saved.json.id}` });
    expect((await english.say('how do I get a GST refund on exports'))[0]).toContain('form RFD-01');

    const more = await call('POST', `${entryPath}/phrasings`, { body: { en: ['GST refund for exporters'] } });
    expect(more.json.questions.en).toContain('GST refund for exporters');
    expect((await get(`/faq?origin=added&q=RFD-01`)).json.items.map((e: { id: string }) => e.id)).toEqual([
      saved.json.id,
    ]);

    const fileEntry = (await get('/faq?origin=files&limit=1')).json.items[0];
    expect(fileEntry.editable).toBe(false);
    expect((await call('PATCH', `/faq/${fileEntry.id}`, { body: { answer: { hi: 'x', en: 'y' } } })).status).toBe(409);
    expect((await get('/faq/no-such-entry')).status).toBe(404);
  }, 90_000);

  it('counts the numbers an officer asks for, and exports them as CSV', async () => {
    const numbers = await get('/numbers');
    expect(numbers.json.sellers).toMatchObject({
      total: 4,
      byCategory: { rice: 2, handicraft: 2 },
      byTehsil: { sagar: 2, khurai: 1, bina: 1 },
      // Named for the officer's language; an id the catalog does not know is shown as it is.
      names: {
        categories: { rice: { hi: 'चावल', en: 'Rice' }, handicraft: { hi: 'handicraft', en: 'handicraft' } },
        tehsils: { khurai: { hi: 'खुरई', en: 'Khurai' } },
      },
    });
    expect(numbers.json.sellers.byCategoryAndTehsil).toContainEqual({
      category: 'handicraft',
      tehsil: 'sagar',
      sellers: 2,
    });
    expect(numbers.json.inquiries).toMatchObject({ inquiries: 2, matchRate: 0.5, quotesPerInquiry: 0.5, responses: 1 });
    expect(numbers.json.inquiries.medianResponseMinutes).toBeGreaterThanOrEqual(29);
    expect(numbers.json.tickets.open).toBe((await get('/tickets')).json.page.total);
    const funnel = numbers.json.broadcasts.find((b: { title: string; status: string }) => b.status !== 'cancelled');
    expect(funnel).toMatchObject({ planned: 1 });
    expect(funnel.sent).toBeGreaterThanOrEqual(funnel.delivered);

    const weeks = await get('/numbers/inquiries?format=csv');
    expect(weeks.headers.get('content-type')).toContain('text/csv');
    expect(weeks.headers.get('content-disposition')).toMatch(
      /^attachment; filename="inquiries-by-week-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(weeks.text).toContain('week,inquiries,matched,matchRate,quotes');
  });

  it('exports lists as CSV with formulas made inert', async () => {
    const csv = await get('/export/sellers.csv?category=handicraft&sort=name');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/filename="sellers-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv.text).toContain(`"'+SUM(1,2)"`);
    expect(csv.text).not.toContain(formula.slice(3));
    expect((await get('/sellers?format=csv&q=Sita')).text).toContain('Sagar Stone Crafts');
    // A list's CSV holds every page, not just the one asked for.
    const onePerPage = await get('/export/sellers.csv?category=handicraft&sort=name&limit=1');
    const pageOfOne = (await get('/sellers?category=handicraft&sort=name&limit=1')).json as { page: { total: number } };
    expect(pageOfOne.page.total).toBeGreaterThan(1);
    expect(onePerPage.text.trim().split('\n')).toHaveLength(pageOfOne.page.total + 1);
    expect((await get('/export/nothing.csv')).status).toBe(404);
    expect((await get('/export/sellers.csv?bogus=1')).json).toMatchObject({ error: 'invalid', field: 'bogus' });
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('@cmd|x')).toBe("'@cmd|x");
    expect(toCsv([{ a: 'line\nbreak', b: 'x,y' }])).toBe('\uFEFFa,b\r\n"line\nbreak","x,y"\r\n');
  });

  it('refuses bad input with 400 naming the field', async () => {
    expect((await get('/sellers?limit=1000')).json).toMatchObject({ error: 'invalid', field: 'limit', in: 'query' });
    expect((await get('/sellers?sort=password')).json).toMatchObject({ field: 'sort' });
    expect((await get('/inquiries?state=lost')).json).toMatchObject({ field: 'state' });
    const body = await call('POST', '/broadcasts', {
      body: {
        title: 'x',
        content: { text: { hi: 'y' } },
        audience: { groups: ['RICE24'] },
        schedule: { kind: 'at', at: 'tomorrow' },
      },
    });
    expect(body.status).toBe(400);
    expect(body.json).toMatchObject({ error: 'invalid', field: 'schedule.at', in: 'body' });
    const unknown = await call('POST', '/groups', { body: { code: 'ABC123', name: 'Fine', admin: true } });
    expect(unknown.json).toMatchObject({ field: 'admin', message: "unknown field 'admin'" });
    expect((await call('POST', '/groups', { body: '{"code": ' })).status).toBe(400);
    expect((await get('/groups/a%20b')).json).toMatchObject({ field: 'code', in: 'params' });
  });

  it('gives operator injection in every filter no effect', async () => {
    for (const path of [
      '/sellers?tehsil[$ne]=x',
      '/sellers?q[$regex]=.*',
      '/sellers?category[$exists]=true',
      '/inquiries?state[$ne]=open',
      '/inquiries?product[$gt]=',
      '/tickets?topic[$ne]=x',
      '/faq?topic[$ne]=x',
      '/broadcasts?status[$ne]=x',
      '/groups/SOYA12/members?role[$ne]=x',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.json.field, path).toMatch(/\[\$/);
    }
    // Operators given as text are text: nothing matches them.
    expect((await get(`/sellers?tehsil=${encodeURIComponent('{"$ne":"x"}')}`)).json.items).toEqual([]);
    expect((await get('/sellers?q=.*')).json.items).toEqual([]);
    expect((await get(`/sellers?q=${encodeURIComponent('Ramesh|Sita')}`)).json.items).toEqual([]);
    expect((await get(`/inquiries?product=${encodeURIComponent('{"$gt":""}')}`)).json.items).toEqual([]);
    const bodies = await call('POST', '/tickets/x/answer', { body: { text: { $ne: '' } } });
    expect(bodies.json).toMatchObject({ error: 'invalid', field: 'text' });
    expect((await call('POST', '/groups', { body: { code: { $gt: '' }, name: 'x' } })).json.field).toBe('code');
  });

  it('describes every route in the OpenAPI document', async () => {
    const document = (await get('/openapi.json')).json;
    expect(document.openapi).toBe('3.1.0');
    const registered = router.stack
      .filter((layer) => layer.route)
      .flatMap((layer) =>
        Object.keys((layer.route as unknown as { methods: Record<string, boolean> }).methods).map((method) => [
          method,
          openApiPath(layer.route?.path as string),
        ]),
      );
    expect(registered.length).toBeGreaterThan(25);
    for (const [method, path] of registered) {
      expect(document.paths[path as string]?.[method as string], `${method} ${path}`).toBeDefined();
    }
    // Every change is refused to a viewer, and every route to someone not signed in.
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      const concrete = path.replace(/\{(\w+)\}/g, (_all, name: string) => (name === 'action' ? 'mute' : 'ABC123'));
      for (const method of Object.keys(operations)) {
        expect((await call(method.toUpperCase(), concrete, { role: 'none' })).status, `${method} ${path}`).toBe(401);
        if (method !== 'get')
          expect(
            (await call(method.toUpperCase(), concrete, { role: 'viewer', body: {} })).status,
            `${method} ${path}`,
          ).toBe(403);
      }
    }
    const listSellers = document.paths['/sellers'].get;
    expect(listSellers.parameters.find((p: { name: string }) => p.name === 'limit').schema).toMatchObject({
      maximum: 100,
      default: 20,
    });
    expect(
      document.paths['/broadcasts'].post.requestBody.content['application/json'].schema.properties.schedule,
    ).toBeDefined();
  });
});

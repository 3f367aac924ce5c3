/**
 * Officers' broadcasts on WhatsApp (flows/officer_broadcast.flow.yaml): allow-listed numbers (OFFICER_NUMBERS) write
 * a message to groups or to all sellers, buyers or everyone, say when, see the preview (how many get it, how many
 * are outside WhatsApp's 24-hour window or opted out, how long it takes) and confirm; they list their broadcasts,
 * read a report, pause, resume or cancel one. The desk (src/domain/broadcasts/broadcast-desk.ts) does the work.
 */
import { defineAction, type LocalizedText } from '../conversation/actions/action.js';
import type { BroadcastPreview, BroadcastReport } from '../domain/broadcasts/broadcast-desk.js';
import type { Audience, BroadcastRecord, BroadcastStatus, Schedule } from '../domain/broadcasts/broadcast-model.js';
import { parseWhen } from './broadcast-when.js';
import { idsInput, pickedFromList, textInput, unlessSkipped, withInputs } from './inputs.js';
import type { ActionServices } from './services.js';

/** Broadcasts an officer's list shows at once (the newest first). */
const LIST_LENGTH = 9;

const STATUS_NAMES: Record<BroadcastStatus, LocalizedText> = {
  draft: { hi: 'मसौदा', en: 'draft' },
  scheduled: { hi: 'तय', en: 'scheduled' },
  sending: { hi: 'भेजी जा रही', en: 'sending' },
  sent: { hi: 'भेजी गई', en: 'sent' },
  paused: { hi: 'रुकी हुई', en: 'paused' },
  cancelled: { hi: 'रद्द', en: 'cancelled' },
};

/** Whether the user is an officer. Output: { officer }. */
export const broadcastOfficer = defineAction<ActionServices>({
  name: 'broadcast_officer',
  description: 'Whether the user may send broadcasts. Output: { officer }',
  create: (services) => async (_inputs, context) => ({
    ok: true,
    output: { officer: services.isOfficer(context.user.phone) },
  }),
});

/** Reads when to send. with: text. Output: { understood, schedule, label }. */
export const readBroadcastTime = defineAction<ActionServices>({
  name: 'read_broadcast_time',
  description: 'Reads when to send a broadcast. with: text. Output: { understood, schedule, label }',
  create: () => async (inputs, context) => {
    const parsed = parseWhen(String(inputs.text ?? ''), context.now);
    if (!parsed) return { ok: true, output: { understood: false } };
    return { ok: true, output: { understood: true, schedule: parsed.schedule, label: parsed.label } };
  },
});

/**
 * Creates the draft and its preview. with: audience (groups | sellers | buyers | everyone), groups (codes, for
 * "groups"), hindi, english (or "skip"), schedule, label. Output: { created, id, preview } or
 * { created: false, problem }.
 */
export const draftBroadcast = defineAction<ActionServices>({
  name: 'draft_broadcast',
  description: 'Creates a broadcast draft and previews it. Output: { created, id, preview } or { created, problem }',
  create: (services) => async (inputs, context) => {
    if (!services.isOfficer(context.user.phone)) return { ok: true, output: { created: false, problem: NOT_OFFICER } };
    const read = withInputs(() => ({
      audience: textInput(inputs, 'audience'),
      hindi: textInput(inputs, 'hindi'),
      english: textInput(inputs, 'english'),
      label: inputs.label as LocalizedText,
      schedule: inputs.schedule as Schedule,
    }));
    if (!read.ok) return read;
    const { audience: kind, hindi, english, label, schedule } = read.value;
    const audience = await audienceOf(services, kind, String(inputs.groups ?? ''));
    if ('problem' in audience) return { ok: true, output: { created: false, problem: audience.problem } };
    const [hi, en] = [unlessSkipped(hindi), unlessSkipped(english)];
    const text = { ...(hi ? { hi } : {}), ...(en ? { en } : {}) };
    if (!text.hi && !text.en) return { ok: true, output: { created: false, problem: NO_TEXT } };
    const draft = await services.broadcasts.draft(
      context.idempotencyKey,
      {
        title: (text.en ?? text.hi ?? '').slice(0, 60),
        content: { text, templates: {} },
        audience: audience.audience,
        schedule: reviveDates(schedule),
        createdBy: context.user.phone,
      },
      context.now,
    );
    const preview = await services.broadcasts.preview(draft._id);
    return {
      ok: true,
      output: {
        created: true,
        id: draft._id,
        preview: {
          hi: previewText(draft, preview, audience.said.hi, label.hi, 'hi'),
          en: previewText(draft, preview, audience.said.en, label.en, 'en'),
        },
      },
    };
  },
});

/** Schedules a confirmed draft. with: id. Output: { scheduled, id }. */
export const confirmBroadcast = defineAction<ActionServices>({
  name: 'confirm_broadcast',
  description: 'Schedules a confirmed broadcast draft. with: id. Output: { scheduled, id }',
  create: (services) => async (inputs, context) => {
    if (!services.isOfficer(context.user.phone)) return { ok: true, output: { scheduled: false } };
    const read = withInputs(() => ({ id: textInput(inputs, 'id') }));
    if (!read.ok) return read;
    const scheduled = await services.broadcasts.confirm(read.value.id, context.now);
    return { ok: true, output: { scheduled: scheduled.status !== 'draft', id: scheduled._id } };
  },
});

/** The latest broadcasts. Output: { officer, count, list, ids }. */
export const listBroadcasts = defineAction<ActionServices>({
  name: 'list_broadcasts',
  description: 'Lists the latest broadcasts for an officer. Output: { officer, count, list, ids }',
  create: (services) => async (_inputs, context) => {
    if (!services.isOfficer(context.user.phone)) return { ok: true, output: { officer: false } };
    const latest = (await services.broadcasts.latest(LIST_LENGTH + 1)).filter((b) => b.status !== 'draft');
    const shown = latest.slice(0, LIST_LENGTH);
    const line = (broadcast: BroadcastRecord, index: number, language: 'hi' | 'en') =>
      `${index + 1}. ${broadcast._id} (${STATUS_NAMES[broadcast.status][language]}): "${broadcast.title}"`;
    return {
      ok: true,
      output: {
        officer: true,
        count: shown.length,
        list: {
          hi: shown.map((b, i) => line(b, i, 'hi')).join('\n'),
          en: shown.map((b, i) => line(b, i, 'en')).join('\n'),
        },
        ids: shown.map((broadcast) => broadcast._id),
      },
    };
  },
});

/** The broadcast an officer picked, with its report. with: text, ids. Output: { found, id, status, report }. */
export const showBroadcast = defineAction<ActionServices>({
  name: 'show_broadcast',
  description: 'Shows the picked broadcast and its report. with: text, ids. Output: { found, id, status, report }',
  create: (services) => async (inputs) => {
    const id =
      pickedFromList(inputs.text, idsInput(inputs, 'ids')) ??
      String(inputs.text ?? '')
        .trim()
        .toUpperCase();
    const broadcast = id ? await services.broadcasts.find(id) : null;
    if (!broadcast) return { ok: true, output: { found: false } };
    const report = await services.broadcasts.report(broadcast._id);
    return {
      ok: true,
      output: {
        found: true,
        id: broadcast._id,
        status: broadcast.status,
        report: { hi: reportText(broadcast, report, 'hi'), en: reportText(broadcast, report, 'en') },
      },
    };
  },
});

/** Pauses, resumes or cancels. with: id, action. Output: { done, status }. */
export const steerBroadcast = defineAction<ActionServices>({
  name: 'steer_broadcast',
  description: 'Pauses, resumes or cancels a broadcast. with: id, action. Output: { done, status }',
  create: (services) => async (inputs, context) => {
    if (!services.isOfficer(context.user.phone)) return { ok: true, output: { done: false } };
    const read = withInputs(() => ({ id: textInput(inputs, 'id'), action: textInput(inputs, 'action') }));
    if (!read.ok) return read;
    const action = read.value.action;
    if (action !== 'pause' && action !== 'resume' && action !== 'cancel') return { ok: true, output: { done: false } };
    const steered = await services.broadcasts.steer(read.value.id, action, context.now);
    if (!steered) return { ok: true, output: { done: false } };
    return { ok: true, output: { done: true, status: STATUS_NAMES[steered.status] } };
  },
});

/** Why messages were not sent, as the report says it (src/outbound/outbound-model.ts SKIP_REASONS). */
const SKIP_REASON_NAMES: Record<string, LocalizedText> = {
  opted_out: { hi: 'ऑप्ट-आउट', en: 'opted out' },
  outside_window: { hi: '24 घंटे की खिड़की के बाहर, टेम्पलेट नहीं', en: 'outside the 24-hour window, no template' },
  unreachable: { hi: 'WhatsApp पर नहीं', en: 'not on WhatsApp' },
  cancelled: { hi: 'रद्द होने से', en: 'cancelled' },
  erased: { hi: 'डेटा हटवा चुके', en: 'data erased' },
};

const NOT_OFFICER: LocalizedText = {
  hi: 'सूचनाएँ DIC सागर के अधिकारी ही भेज सकते हैं।',
  en: "Only DIC Sagar's officers can send broadcasts.",
};
const NO_TEXT: LocalizedText = {
  hi: 'संदेश किसी एक भाषा में तो लिखना होगा।',
  en: 'The message needs to be written in at least one language.',
};

async function audienceOf(
  services: ActionServices,
  kind: string,
  codesText: string,
): Promise<{ audience: Audience; said: LocalizedText } | { problem: LocalizedText }> {
  if (kind === 'sellers')
    return {
      audience: { segment: { role: 'seller' } },
      said: { hi: 'सभी पंजीकृत विक्रेता', en: 'all registered sellers' },
    };
  if (kind === 'buyers')
    return {
      audience: { segment: { role: 'buyer' } },
      said: { hi: 'ग्रुपों के सभी ख़रीदार', en: 'all buyers in the groups' },
    };
  if (kind === 'everyone')
    return { audience: { segment: {} }, said: { hi: 'बॉट से जुड़े सभी लोग', en: 'everyone who uses the bot' } };
  const words = codesText
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const word of words) ((await services.groups.find(word)) ? codes : unknown).push(word);
  if (unknown.length > 0 || codes.length === 0) {
    const named = unknown.join(', ') || codesText;
    return {
      problem: {
        hi: `इस कोड का कोई ग्रुप नहीं मिला: ${named}। "broadcast" लिखकर फिर से शुरू करें।`,
        en: `No group has the code ${named}. Write "broadcast" to start again.`,
      },
    };
  }
  return { audience: { groups: codes }, said: { hi: `ग्रुप ${codes.join(', ')}`, en: `group ${codes.join(', ')}` } };
}

/** A schedule passed through the session as JSON has its time as a string. */
function reviveDates(schedule: Schedule): Schedule {
  return schedule.kind === 'at' ? { kind: 'at', at: new Date(schedule.at) } : schedule;
}

function duration(seconds: number, language: 'hi' | 'en'): string {
  if (seconds < 60) return language === 'hi' ? 'एक मिनट से कम' : 'under a minute';
  const minutes = Math.ceil(seconds / 60);
  return language === 'hi' ? `लगभग ${minutes} मिनट` : `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function previewText(
  draft: BroadcastRecord,
  preview: BroadcastPreview,
  audience: string,
  when: string,
  language: 'hi' | 'en',
): string {
  const message = [draft.content.text.hi, draft.content.text.en].filter(Boolean).join('\n---\n');
  if (language === 'hi') {
    return [
      `सूचना ${draft._id}`,
      `किसे: ${audience}`,
      `कब: ${when}`,
      '',
      message,
      '',
      `पाने वाले: ${preview.recipients}`,
      `• संदेश जाएगा: ${preview.inWindow + preview.asTemplate} (इनमें टेम्पलेट से: ${preview.asTemplate})`,
      `• 24 घंटे की खिड़की के बाहर, टेम्पलेट नहीं, इसलिए छूटेंगे: ${preview.outsideWindowSkipped}`,
      `• ऑप्ट-आउट कर चुके: ${preview.optedOut}`,
      ...(preview.unreachable > 0 ? [`• WhatsApp पर नहीं: ${preview.unreachable}`] : []),
      `भेजने में समय: ${duration(preview.estimatedSeconds, 'hi')}`,
    ].join('\n');
  }
  return [
    `Broadcast ${draft._id}`,
    `To: ${audience}`,
    `When: ${when}`,
    '',
    message,
    '',
    `Recipients: ${preview.recipients}`,
    `• will get it: ${preview.inWindow + preview.asTemplate} (as a template: ${preview.asTemplate})`,
    `• outside the 24-hour window with no template, skipped: ${preview.outsideWindowSkipped}`,
    `• opted out: ${preview.optedOut}`,
    ...(preview.unreachable > 0 ? [`• not on WhatsApp: ${preview.unreachable}`] : []),
    `Time to send: ${duration(preview.estimatedSeconds, 'en')}`,
  ].join('\n');
}

function reportText(broadcast: BroadcastRecord, report: BroadcastReport, language: 'hi' | 'en'): string {
  const failed =
    Object.entries(report.failed)
      .map(([code, count]) => `${count} (${code})`)
      .join(', ') || '0';
  const skipped = Object.values(report.skipped).reduce((sum, count) => sum + count, 0);
  const reasons = Object.entries(report.skipped)
    .map(([reason, count]) => `${SKIP_REASON_NAMES[reason]?.[language] ?? reason}: ${count}`)
    .join(', ');
  if (language === 'hi') {
    return [
      `सूचना ${broadcast._id} (${STATUS_NAMES[broadcast.status].hi}): "${broadcast.title}"`,
      `कुल: ${report.total}`,
      `• कतार में: ${report.queued}`,
      `• भेजी गई: ${report.sent}, पहुँची: ${report.delivered}, पढ़ी गई: ${report.read}`,
      `• विफल: ${failed}`,
      `• छोड़ी गई: ${skipped}${reasons ? ` (${reasons})` : ''}`,
    ].join('\n');
  }
  return [
    `Broadcast ${broadcast._id} (${STATUS_NAMES[broadcast.status].en}): "${broadcast.title}"`,
    `Total: ${report.total}`,
    `• queued: ${report.queued}`,
    `• sent: ${report.sent}, delivered: ${report.delivered}, read: ${report.read}`,
    `• failed: ${failed}`,
    `• skipped: ${skipped}${reasons ? ` (${reasons})` : ''}`,
  ].join('\n');
}

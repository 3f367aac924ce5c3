/**
 * Officers enter the programme's events on WhatsApp (flows/officer_events.flow.yaml): a training camp, a packaging
 * workshop, a farm demonstration, with its date, time and place. The FAQ's answers on events list the upcoming ones
 * at once; anyone else who writes "events" gets that list.
 */
import { defineAction } from '../conversation/actions/action.js';
import { EVENT_KINDS, type EventKind } from '../domain/events/programme-events.js';
import { parseWhen } from './broadcast-when.js';
import { eventLine, eventText, upcomingEventsText } from './event-texts.js';
import { idsInput, pickedFromList, textInput, unlessSkipped, withInputs } from './inputs.js';
import type { ActionServices } from './services.js';

/** Whether the user is an officer, and the upcoming events as everyone reads them. Output: { officer, upcoming, count, ids }. */
export const eventsDesk = defineAction<ActionServices>({
  name: 'events_desk',
  description:
    'The upcoming events, numbered, and whether the user may enter events. Output: { officer, upcoming, count, ids }',
  create: (services) => async (_inputs, context) => {
    const upcoming = await services.events.upcoming(context.now);
    return {
      ok: true,
      output: {
        officer: services.isOfficer(context.user.phone),
        upcoming: upcomingEventsText(upcoming),
        count: upcoming.length,
        numbered: {
          hi: upcoming.map((event, i) => `${i + 1}. ${eventLine(event, 'hi')}`).join('\n'),
          en: upcoming.map((event, i) => `${i + 1}. ${eventLine(event, 'en')}`).join('\n'),
        },
        ids: upcoming.map((event) => event._id),
      },
    };
  },
});

/** Whether `text` is a date and time still to come (India's time). with: text. Output: { understood }. */
export const readEventTime = defineAction<ActionServices>({
  name: 'read_event_time',
  description: "Reads an event's date and time. with: text. Output: { understood }",
  create: () => async (inputs, context) => {
    const parsed = parseWhen(String(inputs.text ?? ''), context.now);
    return { ok: true, output: { understood: parsed?.schedule.kind === 'at' } };
  },
});

/**
 * Enters an event, once per turn. with: kind, hindi, english ("skip" leaves one out), when, place.
 * Output: { added, line } (the event as readers see it).
 */
export const addEvent = defineAction<ActionServices>({
  name: 'add_event',
  description: 'Enters a programme event. with: kind, hindi, english, when, place. Output: { added, line }',
  create: (services) => async (inputs, context) => {
    if (!services.isOfficer(context.user.phone)) return { ok: true, output: { added: false } };
    const read = withInputs(() => ({
      kind: textInput(inputs, 'kind'),
      when: textInput(inputs, 'when'),
      place: textInput(inputs, 'place'),
    }));
    if (!read.ok) return read;
    const kind = EVENT_KINDS.find((known) => known === read.value.kind) as EventKind | undefined;
    const schedule = parseWhen(read.value.when, context.now)?.schedule;
    if (!kind || schedule?.kind !== 'at') return { ok: false, reason: `no event kind or time in '${read.value.kind}'` };
    const hi = unlessSkipped(String(inputs.hindi ?? ''));
    const en = unlessSkipped(String(inputs.english ?? ''));
    const event = await services.events.add(context.idempotencyKey, {
      kind,
      title: { ...(hi ? { hi } : {}), ...(en ? { en } : {}) },
      startsAt: schedule.at,
      place: read.value.place.trim(),
      addedBy: context.user.phone,
      at: context.now,
    });
    return { ok: true, output: { added: true, line: eventText(event) } };
  },
});

/** Cancels the event an officer picked by its number. with: text, ids. Output: { cancelled, line }. */
export const cancelEvent = defineAction<ActionServices>({
  name: 'cancel_event',
  description: 'Cancels the picked event. with: text, ids. Output: { cancelled, line }',
  create: (services) => async (inputs, context) => {
    if (!services.isOfficer(context.user.phone)) return { ok: true, output: { cancelled: false } };
    const id = pickedFromList(inputs.text, idsInput(inputs, 'ids'));
    const event = id ? await services.events.cancel(id, context.now) : null;
    if (!event) return { ok: true, output: { cancelled: false } };
    return { ok: true, output: { cancelled: true, line: eventText(event) } };
  },
});

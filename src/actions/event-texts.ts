/**
 * Programme events as the bot says them: a line per event with its date and time in India's time, its kind, the
 * officer's title and the place. Used under the FAQ's answers on events and when an officer enters one.
 */
import type { LocalizedText } from '../conversation/actions/action.js';
import type { EventKind, ProgrammeEventRecord } from '../domain/events/programme-events.js';

export const EVENT_KIND_NAMES: Record<EventKind, LocalizedText> = {
  training_camp: { hi: 'निर्यात-तैयारी प्रशिक्षण शिविर', en: 'Export-readiness training camp' },
  packaging_workshop: { hi: 'पैकेजिंग-ब्रांडिंग कार्यशाला', en: 'Packaging and branding workshop' },
  farm_demonstration: { hi: 'खेत-स्तर प्रदर्शन', en: 'Farm demonstration' },
  marketplace_training: { hi: 'ई-मार्केटप्लेस ट्रेनिंग', en: 'E-marketplace training' },
  other: { hi: 'कार्यक्रम', en: 'Programme' },
};

const WHEN_FORMAT = {
  hi: new Intl.DateTimeFormat('hi-IN', {
    timeZone: 'Asia/Kolkata',
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
  }),
  en: new Intl.DateTimeFormat('en-IN', {
    timeZone: 'Asia/Kolkata',
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
  }),
};

/** "12 December 2026 at 15:00 — Packaging and branding workshop: <title>, <place>". */
export function eventLine(event: ProgrammeEventRecord, language: 'hi' | 'en'): string {
  const title = event.title[language] ?? event.title[language === 'hi' ? 'en' : 'hi'] ?? '';
  const kind = EVENT_KIND_NAMES[event.kind][language];
  const what = title ? `${kind}: ${title}` : kind;
  return `${WHEN_FORMAT[language].format(event.startsAt)} — ${what}, ${event.place}`;
}

/** An event's line in both languages. */
export function eventText(event: ProgrammeEventRecord): LocalizedText {
  return { hi: eventLine(event, 'hi'), en: eventLine(event, 'en') };
}

/** The dates fixed so far, or that none is: what an answer on events ends with. */
export function upcomingEventsText(events: readonly ProgrammeEventRecord[]): LocalizedText {
  if (events.length === 0) {
    return { hi: 'अब तक तय तारीख़ें: अभी कोई नहीं।', en: 'Dates fixed so far: none yet.' };
  }
  const lines = (language: 'hi' | 'en') => events.map((event) => `• ${eventLine(event, language)}`).join('\n');
  return {
    hi: `अब तक तय तारीख़ें (DIC सागर कार्यालय ने दर्ज कीं):\n${lines('hi')}`,
    en: `Dates fixed so far (entered by the DIC Sagar office):\n${lines('en')}`,
  };
}

/**
 * When an officer wants a broadcast sent, as they would write it on a phone, read in India's time (Asia/Kolkata,
 * UTC+5:30, no daylight saving): "now" / "abhi" / "अभी"; a date and time ("5/12 10:00", "05-12-2026 10:30",
 * "2026-12-05 10:00"); every day ("daily 9:00", "roz 9 baje", "रोज़ 9:00"); every week ("every monday 10:00",
 * "har somvar 10:00", "हर सोमवार 10:00"). Anything else is not understood, and the flow asks again.
 */
import type { Schedule } from '../domain/broadcasts/broadcast-model.js';

export type ParsedWhen = { schedule: Schedule; label: { hi: string; en: string } } | undefined;

const IST_OFFSET_MS = 330 * 60 * 1000;
const NOW_WORDS = new Set(['now', 'abhi', 'abi', 'अभी', 'turant', 'तुरंत', 'immediately']);
const DAILY = /^(daily|every day|roz|rozana|har din|रोज़|रोज|रोज़ाना|हर दिन)\s+(.+)$/;
const WEEKLY = /^(every|har|हर)\s+(\S+)\s+(.+)$/;
const DATE_TIME = /^(\d{1,4})[-/.](\d{1,2})(?:[-/.](\d{2,4}))?\s+(.+)$/;

/** Day-of-week numbers as cron counts them (0 Sunday), by English, Hinglish and Hindi names. */
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  ravivar: 0,
  इतवार: 0,
  रविवार: 0,
  monday: 1,
  somvar: 1,
  सोमवार: 1,
  tuesday: 2,
  mangalvar: 2,
  मंगलवार: 2,
  wednesday: 3,
  budhvar: 3,
  बुधवार: 3,
  thursday: 4,
  guruvar: 4,
  brihaspativar: 4,
  गुरुवार: 4,
  friday: 5,
  shukravar: 5,
  शुक्रवार: 5,
  saturday: 6,
  shanivar: 6,
  शनिवार: 6,
};
const DAY_NAMES = {
  hi: ['रविवार', 'सोमवार', 'मंगलवार', 'बुधवार', 'गुरुवार', 'शुक्रवार', 'शनिवार'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

export function parseWhen(raw: string, now: Date): ParsedWhen {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (NOW_WORDS.has(text)) return { schedule: { kind: 'now' }, label: { hi: 'अभी', en: 'now' } };

  const daily = DAILY.exec(text);
  if (daily) {
    const time = clockOf(daily[2] as string);
    if (!time) return undefined;
    return {
      schedule: { kind: 'recurring', cron: `${time.minute} ${time.hour} * * *` },
      label: { hi: `रोज़ ${clock(time)} बजे`, en: `every day at ${clock(time)}` },
    };
  }

  const weekly = WEEKLY.exec(text);
  if (weekly && WEEKDAYS[weekly[2] as string] !== undefined) {
    const day = WEEKDAYS[weekly[2] as string] as number;
    const time = clockOf(weekly[3] as string);
    if (!time) return undefined;
    return {
      schedule: { kind: 'recurring', cron: `${time.minute} ${time.hour} * * ${day}` },
      label: { hi: `हर ${DAY_NAMES.hi[day]} ${clock(time)} बजे`, en: `every ${DAY_NAMES.en[day]} at ${clock(time)}` },
    };
  }

  const dated = DATE_TIME.exec(text);
  if (dated) {
    const [first, second, third] = [dated[1], dated[2], dated[3]].map((part) => (part ? Number(part) : undefined));
    const time = clockOf(dated[4] as string);
    if (!time || first === undefined || second === undefined) return undefined;
    // 2026-12-05, or 5-12-2026 / 5/12 (day first, as India writes dates).
    const [year, month, day] = first > 31 ? [first, second, third] : [third ?? istYear(now), second, first];
    if (year === undefined || day === undefined || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    const fullYear = year < 100 ? 2000 + year : year;
    const at = new Date(Date.UTC(fullYear, month - 1, day, time.hour, time.minute) - IST_OFFSET_MS);
    if (at.getTime() <= now.getTime()) return undefined;
    const date = `${day}/${month}/${fullYear}`;
    return {
      schedule: { kind: 'at', at },
      label: { hi: `${date} को ${clock(time)} बजे`, en: `on ${date} at ${clock(time)}` },
    };
  }
  return undefined;
}

/** "10", "10:30", "10.30", "10 baje", "10:30 बजे", "4 pm", "16:00". */
function clockOf(text: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|baje|बजे)?$/.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (match[3] === 'pm' && hour < 12) hour += 12;
  if (match[3] === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

function clock({ hour, minute }: { hour: number; minute: number }): string {
  return `${hour}:${String(minute).padStart(2, '0')}`;
}

function istYear(now: Date): number {
  return new Date(now.getTime() + IST_OFFSET_MS).getUTCFullYear();
}

/**
 * The date a buyer needs the goods by, as a calendar date in India: "by 15 Jan", "within 30 days", "30 din mein",
 * "agle mahine", "March shipment", "दिसंबर के अंत तक", "15/01/2027". A month without a day means its last day, the
 * latest the buyer can have meant; of several dates the latest is the deadline ("sample in 7 days, bulk by March").
 * "urgent", "ASAP" and "jaldi" set no date: the officer asks.
 */
import { buildPhraseIndex, buildPhraseSet, rowsOf } from './inquiry-phrases.js';
import { asInquiryText, type InquiryText } from './inquiry-text.js';
import { readUnit } from './inquiry-unit.js';
import { readNumber } from './number.js';

// India has one time zone and no daylight saving: UTC+05:30 all year.
const KOLKATA_OFFSET_MS = 330 * 60_000;
const DAY_MS = 86_400_000;

/** A calendar day, as the UTC midnight of that date (so that days compare and add as numbers). */
type Day = number;

const MONTHS = buildPhraseIndex<number>([
  [1, 'jan | january | janvari | janwari | janauary | जनवरी'],
  [2, 'feb | february | febuary | feburary | farvari | farwari | फरवरी'],
  [3, 'mar | march | मार्च'],
  [4, 'apr | april | aprail | अप्रैल | अप्रेल'],
  [5, 'may | mai | मई'],
  [6, 'jun | june | जून'],
  [7, 'jul | july | julai | जुलाई'],
  [8, 'aug | august | agast | अगस्त'],
  [9, 'sep | sept | september | sitambar | सितंबर | सितम्बर'],
  [10, 'oct | october | aktubar | oktober | अक्टूबर | अक्तूबर'],
  [11, 'nov | november | navambar | नवंबर | नवम्बर'],
  [12, 'dec | december | disambar | दिसंबर | दिसम्बर'],
]);

// "may" is also the English verb, "mai" the Hinglish "in"/"I", "mar" "beat": alone they are a month only with a day
// or a year, or with a word that only a date takes ("by May", "May end", "mar tak").
const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set(['may', 'mai', 'mar']);
const DATE_WORDS_BEFORE = buildPhraseSet('by | till | until | before | in | of | end | mid | early');
const DATE_WORDS_AFTER = buildPhraseSet('end | tak | तक | shipment | delivery | last | ant | अंत');

// "mid March" is the 15th, "first week of March" the 7th; otherwise a month is its last day.
const MID_MONTH = 15;
const EARLY_MONTH = 7;
const MONTH_PART_BEFORE = buildPhraseIndex<number>([
  [MID_MONTH, 'mid | middle of | mid of | beech'],
  [EARLY_MONTH, 'early | first week of | 1st week of | first week | starting | start of | beginning of | shuru'],
]);
const MONTH_PART_AFTER = buildPhraseIndex<number>([
  [MID_MONTH, 'mid | ke beech | के बीच | ke madhya | के मध्य'],
  [EARLY_MONTH, 'first week | 1st week | ke pehle hafte | के पहले हफ्ते | ke shuru | के शुरू | start | starting'],
]);

const DAY_NUMBER = /^\d{1,2}$/;
const YEAR = /^20\d{2}$/;
const ORDINAL_SUFFIXES = buildPhraseSet('st | nd | rd | th | of');
// "15 tarikh tak": a day of the month without the month is its next coming.
const DAY_OF_MONTH_WORDS = buildPhraseSet('tarikh | tareekh | तारीख | तारिख');

type Span = 'day' | 'week' | 'month';

const DURATION_UNITS = buildPhraseIndex<Span>(
  rowsOf<Span>({
    day: 'day | days | din | dino | dinon | दिन | दिनों',
    week: 'week | weeks | wk | wks | hafte | hafta | hafton | saptah | हफ्ते | हफ्ता | हफ्तों | सप्ताह',
    month: 'month | months | mahine | mahina | mahino | maah | महीने | महीना | महीनों | माह',
  }),
);
// "within a week", "in a month".
const A_SPAN = buildPhraseSet('within a | within an | within one | in a | in an | in one');

// "30 days credit", "LC 90 days", "payment within 15 days": a span of payment or validity, not of delivery. The
// nearest such word before the span decides ("payment LC, delivery in 30 days" is a delivery), or the word after it.
const PAYMENT_WORDS = buildPhraseSet(`credit | lc | l / c | usance | payment | pay | paid | udhar | udhaar | उधार |
  भुगतान | advance | balance | dp | da | validity | valid | offer | bl | b / l | invoice`);
// After the span only words that qualify a payment term count: "30 days credit", "90 days LC", "30 din ka udhar".
const PAYMENT_TERMS_AFTER = buildPhraseSet(`credit | lc | l / c | usance | udhar | udhaar | उधार | dp | da | from bl |
  after bl | from b / l | after b / l`);
const DELIVERY_WORDS = buildPhraseSet(`delivery | deliver | shipment | ship | shipping | dispatch | supply | lifting |
  bhejna | bhej | डिलीवरी | सप्लाई | भेजना | डिस्पैच`);
const PAYMENT_WINDOW = 3;
const LINKS = buildPhraseSet('ka | ki | ke | का | की | के');

// "2 din pehle", "30 days ago", "6 mahine se": time gone by, not a deadline; but "30 din se pehle" and "30 din ke
// andar" are "within 30 days".
const PAST = buildPhraseSet('pehle | pahle | पहले | ago | back | since');
const SINCE = buildPhraseSet('se | से');
const BEFORE = buildPhraseSet('pehle | pahle | पहले | andar | अंदर');

type Relative = 'next_month' | 'this_month' | 'next_week' | 'this_week';

const RELATIVE = buildPhraseIndex<Relative>(
  rowsOf<Relative>({
    next_month: `next month | agle mahine | agle mahina | agla mahina | agle month | next mahine | अगले महीने |
      अगला महीना | अगले माह`,
    this_month: `this month | is mahine | isi mahine | इस महीने | इसी महीने | month end | end of month |
      end of this month | mahine ke ant | महीने के अंत`,
    next_week: 'next week | agle hafte | agle week | agla hafta | अगले हफ्ते | अगले सप्ताह',
    this_week: 'this week | is hafte | isi hafte | इस हफ्ते | इसी हफ्ते | इस सप्ताह',
  }),
);

// Dates in digits, day first as in India: 15/01/2027, 15-1-27, 15.01.2027; and ISO 2027-01-15.
const DAY_FIRST_DATE = /(?<![\d.,/-])(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})(?![\d/-])/g;
const ISO_DATE = /(?<![\d.,/-])(20\d{2})-(\d{1,2})-(\d{1,2})(?![\d/-])/g;
// Most messages have no date in digits; one cheap test spares them both searches.
const DIGITS_DATE_HINT = /\d[./-]\d/;

/** The delivery deadline the message implies, as YYYY-MM-DD in India's calendar, or null when it names none. */
export function readDeliveryBy(input: string | InquiryText, now: Date): string | null {
  const text = asInquiryText(input);
  const today = kolkataToday(now);
  const days = [...datesInWords(text.tokens, today), ...datesInDigits(text.normalized)];
  return days.length === 0 ? null : formatDay(Math.max(...days));
}

function datesInWords(tokens: readonly string[], today: Day): Day[] {
  const days: Day[] = [];
  for (let at = 0; at < tokens.length; ) {
    const found = relativeAt(tokens, at, today) ?? dayAndMonthAt(tokens, at, today) ?? spanAt(tokens, at, today);
    if (found) days.push(found.day);
    at = found ? found.end : at + 1;
  }
  return days;
}

interface Found {
  day: Day;
  end: number;
}

function relativeAt(tokens: readonly string[], at: number, today: Day): Found | undefined {
  const match = RELATIVE.matchAt(tokens, at);
  if (!match) return undefined;
  const { year, month } = partsOf(today);
  const sunday = today + ((7 - new Date(today).getUTCDay()) % 7) * DAY_MS;
  const day = {
    next_month: lastDayOf(year, month + 1),
    this_month: lastDayOf(year, month),
    next_week: sunday + 7 * DAY_MS,
    this_week: sunday,
  }[match.meaning];
  return { day, end: match.end };
}

/**
 * "15 Jan", "15th of January 2027", "Jan 15", "March", "mid March", "December end", "15 tarikh". Without a year, the
 * next such date from today on; a month alone is its last day ("by March" is by 31 March).
 */
function dayAndMonthAt(tokens: readonly string[], at: number, today: Day): Found | undefined {
  const dayFirst = dayOfMonthAt(tokens, at);
  if (dayFirst) {
    const month = MONTHS.matchAt(tokens, dayFirst.end);
    if (month) {
      const year = yearAt(tokens, month.end);
      const day = dateOn(year?.value, month.meaning, dayFirst.value, today);
      return day === undefined ? undefined : { day, end: year?.end ?? month.end };
    }
    const dateWord = DAY_OF_MONTH_WORDS.matchAt(tokens, dayFirst.end);
    if (dateWord) return { day: nextDayOfMonth(dayFirst.value, today), end: dateWord.end };
    return undefined;
  }
  const month = MONTHS.matchAt(tokens, at);
  if (!month) return undefined;
  const dayAfter = dayOfMonthAt(tokens, month.end);
  const year = yearAt(tokens, dayAfter?.end ?? month.end);
  if (dayAfter) {
    const day = dateOn(year?.value, month.meaning, dayAfter.value, today);
    return day === undefined ? undefined : { day, end: year?.end ?? dayAfter.end };
  }
  if (AMBIGUOUS_MONTHS.has(tokens[at]!) && !year && !looksLikeDate(tokens, at, month.end)) return undefined;
  const part = monthPart(tokens, at, year?.end ?? month.end);
  const inYear = year?.value ?? nextYearOfMonth(month.meaning, today);
  const day = part === undefined ? lastDayOf(inYear, month.meaning) : dayOn(inYear, month.meaning, part);
  return { day, end: year?.end ?? month.end };
}

/** A day of the month in digits (1-31), with its "th" or "of"; not a count ("20 ton") or an amount ("15 $"). */
function dayOfMonthAt(tokens: readonly string[], at: number): { value: number; end: number } | undefined {
  const token = tokens[at] ?? '';
  if (!DAY_NUMBER.test(token)) return undefined;
  const value = Number(token);
  if (value < 1 || value > 31 || readUnit(tokens, at + 1)) return undefined;
  let end = at + 1;
  for (let suffix = ORDINAL_SUFFIXES.matchAt(tokens, end); suffix; suffix = ORDINAL_SUFFIXES.matchAt(tokens, end)) {
    end = suffix.end;
  }
  return { value, end };
}

function yearAt(tokens: readonly string[], at: number): { value: number; end: number } | undefined {
  const token = tokens[at] ?? '';
  return YEAR.test(token) ? { value: Number(token), end: at + 1 } : undefined;
}

function looksLikeDate(tokens: readonly string[], start: number, end: number): boolean {
  return (
    DATE_WORDS_BEFORE.matchAt(tokens, start - 1) !== undefined || DATE_WORDS_AFTER.matchAt(tokens, end) !== undefined
  );
}

/** The day a "mid"/"first week" around a month points to, if any. */
function monthPart(tokens: readonly string[], start: number, end: number): number | undefined {
  for (let from = Math.max(0, start - 3); from < start; from++) {
    const before = MONTH_PART_BEFORE.matchAt(tokens, from);
    if (before?.end === start) return before.meaning;
  }
  return MONTH_PART_AFTER.matchAt(tokens, end)?.meaning;
}

/** "within 30 days", "30 din mein", "2 hafte", "ek mahine mein", "within a week"; not "30 days credit". */
function spanAt(tokens: readonly string[], at: number, today: Day): Found | undefined {
  const aSpan = A_SPAN.matchAt(tokens, at);
  const number = aSpan ? { value: 1, end: aSpan.end } : readNumber(tokens, at);
  if (!number) return undefined;
  const unit = DURATION_UNITS.matchAt(tokens, number.end);
  if (!unit || isAboutPayment(tokens, at, unit.end) || isPast(tokens, unit.end)) return undefined;
  const count = number.value;
  const { year, month, day } = partsOf(today);
  const date = {
    day: today + Math.round(count) * DAY_MS,
    week: today + Math.round(count * 7) * DAY_MS,
    month: dayOn(year, month + Math.round(count), day),
  }[unit.meaning];
  return { day: date, end: unit.end };
}

function isPast(tokens: readonly string[], at: number): boolean {
  const since = SINCE.matchAt(tokens, at);
  if (since) return !BEFORE.matchAt(tokens, since.end);
  return PAST.matchAt(tokens, at) !== undefined;
}

function isAboutPayment(tokens: readonly string[], start: number, end: number): boolean {
  const after = LINKS.matchAt(tokens, end)?.end ?? end;
  if (PAYMENT_TERMS_AFTER.matchAt(tokens, after)) return true;
  for (let at = start - 1; at >= Math.max(0, start - PAYMENT_WINDOW); at--) {
    if (DELIVERY_WORDS.matchAt(tokens, at)) return false;
    if (PAYMENT_WORDS.matchAt(tokens, at)) return true;
  }
  return false;
}

function datesInDigits(normalized: string): Day[] {
  const days: Day[] = [];
  if (!DIGITS_DATE_HINT.test(normalized)) return days;
  for (const [, day, month, year] of normalized.matchAll(DAY_FIRST_DATE)) {
    const full = year!.length === 2 ? 2000 + Number(year) : Number(year);
    const date = validDate(full, Number(month), Number(day));
    if (date !== undefined) days.push(date);
  }
  for (const [, year, month, day] of normalized.matchAll(ISO_DATE)) {
    const date = validDate(Number(year), Number(month), Number(day));
    if (date !== undefined) days.push(date);
  }
  return days;
}

function kolkataToday(now: Date): Day {
  const local = new Date(now.getTime() + KOLKATA_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
}

function partsOf(day: Day): { year: number; month: number; day: number } {
  const date = new Date(day);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The last day of a month (months past 12 roll into the next years, as Date.UTC does). */
function lastDayOf(year: number, month: number): Day {
  return Date.UTC(year, month, 0);
}

/** A day of a month, moved back to the month's last day if the month is shorter ("a month from 31 Jan"). */
function dayOn(year: number, month: number, day: number): Day {
  const last = lastDayOf(year, month);
  return Math.min(Date.UTC(year, month - 1, day), last);
}

/** The date with this day and month: in the given year, or the next one from today on. */
function dateOn(year: number | undefined, month: number, day: number, today: Day): Day | undefined {
  if (year !== undefined) return validDate(year, month, day);
  const { year: thisYear } = partsOf(today);
  const thisTime = validDate(thisYear, month, day);
  if (thisTime !== undefined && thisTime >= today) return thisTime;
  return validDate(thisYear + 1, month, day);
}

function validDate(year: number, month: number, day: number): Day | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const date = Date.UTC(year, month - 1, day);
  return new Date(date).getUTCDate() === day ? date : undefined;
}

/** The year of the next such month from today on: this month counts ("by March" in March is this March). */
function nextYearOfMonth(month: number, today: Day): number {
  const { year, month: thisMonth } = partsOf(today);
  return month >= thisMonth ? year : year + 1;
}

function nextDayOfMonth(day: number, today: Day): Day {
  const { year, month, day: todayDay } = partsOf(today);
  return day >= todayDay ? dayOn(year, month, day) : dayOn(year, month + 1, day);
}

function formatDay(day: Day): string {
  return new Date(day).toISOString().slice(0, 10);
}

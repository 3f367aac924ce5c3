/**
 * The numbers officers ask for: sellers by product category and tehsil, inquiries a week with their match rate,
 * quotes per inquiry and how fast sellers answer. Read as projected fields with a cap and counted here in plain
 * arithmetic: FerretDB 1.x has no $lookup, $facet, $push, $first or $avg, and this runs unchanged on MongoDB.
 */
import { trusted } from 'mongoose';
import type { InquiryMatch, InquiryModel } from '../inquiries/inquiry-model.js';
import type { SellerModel } from '../sellers/seller-model.js';

/** At most this many records are read for one count; `capped` says when a count stopped there. */
export const NUMBERS_READ_CAP = 50_000;

export interface SellerCounts {
  total: number;
  byCategory: Record<string, number>;
  byTehsil: Record<string, number>;
  /** `<category>|<tehsil>` → sellers: the table officers read across. */
  byCategoryAndTehsil: { category: string; tehsil: string; sellers: number }[];
  alertsOff: number;
  capped: boolean;
}

export interface InquiryWeek {
  /** The Monday the week starts on, in India's calendar (YYYY-MM-DD). */
  week: string;
  inquiries: number;
  /** Inquiries at least one seller answered as interested or with a quote. */
  matched: number;
  matchRate: number;
  quotes: number;
}

export interface InquiryCounts {
  since: string;
  weeks: InquiryWeek[];
  inquiries: number;
  matchRate: number;
  quotesPerInquiry: number;
  /** The median time from an alert to the seller's answer, over every answer in the period; null without one. */
  medianResponseMinutes: number | null;
  responses: number;
  capped: boolean;
}

interface SellerFields {
  categories?: string[];
  tehsil?: string;
  alertsOn?: boolean;
}

interface InquiryFields {
  createdAt: Date;
  matches: InquiryMatch[];
}

export interface ProgrammeNumbers {
  sellers(): Promise<SellerCounts>;
  /** Inquiries from `since` on, by week. */
  inquiries(since: Date): Promise<InquiryCounts>;
}

export function createProgrammeNumbers(models: { sellers: SellerModel; inquiries: InquiryModel }): ProgrammeNumbers {
  return {
    async sellers() {
      const found = await models.sellers
        .find({}, { _id: 0, categories: 1, tehsil: 1, alertsOn: 1 })
        .limit(NUMBERS_READ_CAP + 1)
        .lean<SellerFields[]>();
      return countSellers(found.slice(0, NUMBERS_READ_CAP), found.length > NUMBERS_READ_CAP);
    },
    async inquiries(since) {
      const found = await models.inquiries
        .find({ createdAt: trusted({ $gte: since }) }, { _id: 0, createdAt: 1, matches: 1 })
        .limit(NUMBERS_READ_CAP + 1)
        .lean<InquiryFields[]>();
      return countInquiries(found.slice(0, NUMBERS_READ_CAP), since, found.length > NUMBERS_READ_CAP);
    },
  };
}

export function countSellers(sellers: readonly SellerFields[], capped = false): SellerCounts {
  const byCategory: Record<string, number> = {};
  const byTehsil: Record<string, number> = {};
  const cells = new Map<string, { category: string; tehsil: string; sellers: number }>();
  let alertsOff = 0;
  for (const seller of sellers) {
    const tehsil = seller.tehsil ?? 'other';
    byTehsil[tehsil] = (byTehsil[tehsil] ?? 0) + 1;
    if (seller.alertsOn === false) alertsOff += 1;
    const categories = seller.categories?.length ? [...new Set(seller.categories)] : ['uncategorised'];
    for (const category of categories) {
      byCategory[category] = (byCategory[category] ?? 0) + 1;
      const key = `${category}|${tehsil}`;
      const cell = cells.get(key) ?? { category, tehsil, sellers: 0 };
      cell.sellers += 1;
      cells.set(key, cell);
    }
  }
  const byCategoryAndTehsil = [...cells.values()].sort(
    (a, b) => b.sellers - a.sellers || a.category.localeCompare(b.category) || a.tehsil.localeCompare(b.tehsil),
  );
  return { total: sellers.length, byCategory, byTehsil, byCategoryAndTehsil, alertsOff, capped };
}

export function countInquiries(inquiries: readonly InquiryFields[], since: Date, capped = false): InquiryCounts {
  const weeks = new Map<string, InquiryWeek>();
  const responseMs: number[] = [];
  let matched = 0;
  let quotes = 0;
  for (const inquiry of inquiries) {
    const week = indiaWeekOf(new Date(inquiry.createdAt));
    const row = weeks.get(week) ?? { week, inquiries: 0, matched: 0, matchRate: 0, quotes: 0 };
    const isMatched = answeredByASeller(inquiry.matches);
    const quoted = inquiry.matches.filter((match) => match.response?.kind === 'quote').length;
    row.inquiries += 1;
    row.matched += isMatched ? 1 : 0;
    row.quotes += quoted;
    weeks.set(week, row);
    matched += isMatched ? 1 : 0;
    quotes += quoted;
    for (const match of inquiry.matches) if (match.response) responseMs.push(match.response.responseMs);
  }
  const rows = [...weeks.values()]
    .map((row) => ({ ...row, matchRate: ratio(row.matched, row.inquiries) }))
    .sort((a, b) => a.week.localeCompare(b.week));
  const median = medianOf(responseMs);
  return {
    since: since.toISOString(),
    weeks: rows,
    inquiries: inquiries.length,
    matchRate: ratio(matched, inquiries.length),
    quotesPerInquiry: ratio(quotes, inquiries.length),
    medianResponseMinutes: median === null ? null : Math.round((median / 60_000) * 10) / 10,
    responses: responseMs.length,
    capped,
  };
}

function answeredByASeller(matches: readonly InquiryMatch[]): boolean {
  return matches.some((match) => match.response !== undefined && match.response.kind !== 'declined');
}

/** Two decimals: what a chart and a CSV show. */
function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100) / 100;
}

export function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const INDIA_OFFSET_MS = 330 * 60_000;

/** The Monday (YYYY-MM-DD) of the week `at` falls in, in India's time. */
export function indiaWeekOf(at: Date): string {
  const local = new Date(at.getTime() + INDIA_OFFSET_MS);
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  local.setUTCDate(local.getUTCDate() - daysSinceMonday);
  return local.toISOString().slice(0, 10);
}

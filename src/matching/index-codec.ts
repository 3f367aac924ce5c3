/**
 * How profiles and stats are stored in the index: compact JSON, read by the thousand per inquiry, so short keys and
 * products as arrays. Stats are kept as of the last time they changed and faded to "now" when read.
 */
import { EXPORT_EXPERIENCE } from '../domain/sellers/seller-terms.js';
import type { SellerMatchProfile, SellerMatchStats } from '../domain/matching/rank.js';

type StoredProduct = [productId: string | null, category: string | null, capacityKgPerMonth: number | null];

interface StoredProfile {
  /** Products. */
  p: StoredProduct[];
  /** Certifications. */
  c: string[];
  /** Export experience. */
  x: SellerMatchProfile['exportExperience'];
  /** Tehsil. */
  h: string;
  /** Available: 1 or 0. */
  v: 0 | 1;
}

/** Written by the index's Lua scripts (index-scripts.ts). */
interface StoredStats {
  /** Alerts and replies, faded to `t`. */
  a: number;
  r: number;
  /** Epoch ms the counts were last faded to. */
  t: number;
  /** Mean reply time, ms. */
  m?: number;
  /** Last alerted, epoch ms. */
  l?: number;
}

export function encodeProfile(profile: SellerMatchProfile): string {
  const stored: StoredProfile = {
    p: profile.products.map((product) => [
      product.productId ?? null,
      product.category ?? null,
      product.capacityKgPerMonth ?? null,
    ]),
    c: profile.certifications,
    x: profile.exportExperience,
    h: profile.tehsil,
    v: profile.available ? 1 : 0,
  };
  return JSON.stringify(stored);
}

/** The profile stored for `sellerId`, or undefined when the text is not one (a bug, or another program's write). */
export function decodeProfile(sellerId: string, text: string): SellerMatchProfile | undefined {
  let stored: StoredProfile;
  try {
    stored = JSON.parse(text) as StoredProfile;
  } catch {
    return undefined;
  }
  if (!Array.isArray(stored?.p) || !Array.isArray(stored.c) || !EXPORT_EXPERIENCE.includes(stored.x)) return undefined;
  return {
    sellerId,
    products: stored.p.map(([productId, category, capacityKgPerMonth]) => ({
      ...(productId !== null && { productId }),
      ...(category !== null && { category }),
      ...(capacityKgPerMonth !== null && { capacityKgPerMonth }),
    })),
    certifications: stored.c,
    exportExperience: stored.x,
    tehsil: stored.h,
    available: stored.v === 1,
  };
}

export const NO_ALERTS_YET: SellerMatchStats = Object.freeze({ alerts: 0, responses: 0 });

/** The stats as of `now`: counts halve every `halfLifeMs`, so "alerts" means alerts lately. */
export function decodeStats(text: string | null, now: number, halfLifeMs: number): SellerMatchStats | undefined {
  if (text === null) return NO_ALERTS_YET;
  let stored: StoredStats;
  try {
    stored = JSON.parse(text) as StoredStats;
  } catch {
    return undefined;
  }
  if (typeof stored?.a !== 'number' || typeof stored.r !== 'number' || typeof stored.t !== 'number') return undefined;
  const fade = now > stored.t ? 0.5 ** ((now - stored.t) / halfLifeMs) : 1;
  return {
    alerts: stored.a * fade,
    responses: stored.r * fade,
    ...(stored.m !== undefined && { meanResponseMs: stored.m }),
    ...(stored.l !== undefined && { lastAlertedAt: stored.l }),
  };
}

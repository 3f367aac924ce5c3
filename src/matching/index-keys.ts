/**
 * The Redis keys of the seller index, all under `<prefix>:match:`. On Redis Cluster, put the prefix in braces
 * (`{niryat}`): the index's scripts touch the sets of several products at once, which must share a slot.
 */
import type { SellerMatchProfile } from '../domain/matching/rank.js';

export interface IndexKeys {
  /** HASH seller id → the profile, compact JSON. */
  profiles: string;
  /** HASH seller id → the sets it is listed in, one key a line: what put() and remove() take it out of. */
  listedIn: string;
  /** HASH seller id → alert and reply counts, JSON. */
  stats: string;
  /** SET of the available sellers of a product. */
  product(productId: string): string;
  /** SET of the available sellers of any product of a category. */
  category(category: string): string;
}

export function indexKeys(prefix: string): IndexKeys {
  const base = `${prefix}:match`;
  return {
    profiles: `${base}:profiles`,
    listedIn: `${base}:listed-in`,
    stats: `${base}:stats`,
    product: (productId) => `${base}:product:${productId}`,
    category: (category) => `${base}:category:${category}`,
  };
}

/** The sets a seller belongs in: those of each product and category, if the seller is available; else none. */
export function setsOf(profile: SellerMatchProfile, keys: IndexKeys): string[] {
  if (!profile.available) return [];
  const sets = new Set<string>();
  for (const { productId, category } of profile.products) {
    if (productId !== undefined) sets.add(keys.product(productId));
    if (category !== undefined) sets.add(keys.category(category));
  }
  return [...sets];
}

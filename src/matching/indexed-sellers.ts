/**
 * Keeps the sellers' index (seller-index.ts) in step with the sellers collection: every write of a profile through
 * the returned service puts its match profile, an erasure removes it, and `refresh` follows a change of the user's
 * own (an opt-out or opt-in). `rebuildIfEmpty` fills a new or lost index from the collection once, at start.
 */
import type { Redis } from 'ioredis';
import { matchProfileOf } from '../domain/matching/match-profile.js';
import type { SellerModel, SellerRecord } from '../domain/sellers/seller-model.js';
import type { Sellers } from '../domain/sellers/sellers.js';
import type { Users } from '../domain/users/users.js';
import type { Logger } from '../log.js';
import { indexKeys } from './index-keys.js';
import type { SellerIndex } from './seller-index.js';

export interface IndexedSellers {
  sellers: Sellers;
  /** Puts the seller's profile again (after the user opted out or in); nothing for a user who is no seller. */
  refresh(phone: string): Promise<void>;
}

export function indexedSellers(sellers: Sellers, index: SellerIndex, users: Users): IndexedSellers {
  const put = async (seller: SellerRecord): Promise<SellerRecord> => {
    const optedOut = (await users.find(seller._id))?.optedOut ?? false;
    await index.put(matchProfileOf(seller, optedOut));
    return seller;
  };
  return {
    sellers: {
      ...sellers,
      register: async (...args) => put(await sellers.register(...args)),
      edit: async (...args) => put(await sellers.edit(...args)),
      upsertProducts: async (...args) => put(await sellers.upsertProducts(...args)),
      removeProducts: async (...args) => put(await sellers.removeProducts(...args)),
      setAlerts: async (...args) => put(await sellers.setAlerts(...args)),
      erase: async (phone, ...rest) => {
        const erased = await sellers.erase(phone, ...rest);
        await index.remove(phone);
        return erased;
      },
    },
    async refresh(phone) {
      const seller = await sellers.find(phone);
      if (seller) await put(seller);
    },
  };
}

/**
 * Fills the index from the sellers collection when it holds no seller at all (a new Redis, or one that lost its
 * data): one read of the whole collection at start, never on the way of a message.
 */
export async function rebuildIndexIfEmpty(deps: {
  redis: Redis;
  prefix: string;
  index: SellerIndex;
  sellers: SellerModel;
  users: Users;
  logger: Logger;
}): Promise<void> {
  if ((await deps.redis.hlen(indexKeys(deps.prefix).profiles)) > 0) return;
  async function* profiles() {
    for await (const seller of deps.sellers.find().lean<SellerRecord>().cursor()) {
      const optedOut = (await deps.users.find(seller._id))?.optedOut ?? false;
      yield matchProfileOf(seller as SellerRecord, optedOut);
    }
  }
  const indexed = await deps.index.rebuild(profiles());
  if (indexed > 0) deps.logger.info({ sellers: indexed }, 'rebuilt the sellers’ match index from the collection');
}

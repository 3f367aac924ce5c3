import { trusted } from 'mongoose';
import type { StatusUpdate } from '../channels/channel.js';
import { type OutboundModel, STATUS_RANK } from './outbound-model.js';

/**
 * Applies a provider's status report. Reports arrive out of order, so a status only moves forward: the filter on
 * the rank makes a late "delivered" after "read" a no-op, atomically.
 */
export async function applyDeliveryStatus(outbound: OutboundModel, update: StatusUpdate): Promise<boolean> {
  const rank = STATUS_RANK[update.status];
  const result = await outbound.updateOne(
    // trusted: our own operator, which sanitizeFilter would otherwise wrap in $eq as if it were user data.
    { providerId: update.providerId, statusRank: trusted({ $lt: rank }) },
    {
      $set: {
        status: update.status,
        statusRank: rank,
        ...(update.errorCode !== undefined ? { errorCode: update.errorCode } : {}),
      },
    },
  );
  return result.modifiedCount === 1;
}

/**
 * Erasure of a person's messages on request (DPDP Act 2023): the record of each message sent to them is kept for
 * the delivery numbers, but without the number it went to or what it said.
 */
import type { OutboundModel } from './outbound-model.js';

export const ERASED_RECIPIENT = 'erased';

export async function forgetRecipient(outbound: OutboundModel, phone: string): Promise<number> {
  const result = await outbound.updateMany(
    { to: phone },
    { $set: { to: ERASED_RECIPIENT, text: '[erased]', choices: [], mediaUrls: [] } },
  );
  return result.modifiedCount;
}

/**
 * "Delete my data" (DPDP Act 2023): once the confirmation is queued, everything that identifies the person goes:
 * the seller profile (an anonymous count stays), their inquiries as a buyer, their group memberships, their tickets, their user record with its consent history, the
 * number and words of the messages sent to them, and their session. Each step is idempotent; the session goes last,
 * because its `forgetAfterReply` flag is what lets a run interrupted by a crash finish the erasure.
 */
import type { Groups } from '../domain/groups/groups.js';
import type { Inquiries } from '../domain/inquiries/inquiries.js';
import type { Sellers } from '../domain/sellers/sellers.js';
import type { Sessions } from '../domain/sessions/sessions.js';
import type { Tickets } from '../domain/tickets/tickets.js';
import type { Users } from '../domain/users/users.js';
import type { Logger } from '../log.js';
import { forgetRecipient } from '../outbound/forget-recipient.js';
import type { OutboundModel } from '../outbound/outbound-model.js';

export interface ForgetUserDeps {
  sellers: Sellers;
  inquiries: Inquiries;
  groups: Groups;
  tickets: Tickets;
  users: Users;
  sessions: Sessions;
  outbound: OutboundModel;
  logger: Logger;
}

export function createForgetUser(deps: ForgetUserDeps) {
  return async (phone: string, messageKey: string, at: Date): Promise<void> => {
    await deps.sellers.erase(phone, messageKey, at);
    const inquiries = await deps.inquiries.eraseOfBuyer(phone);
    await deps.inquiries.forgetSeller(phone);
    const groups = await deps.groups.eraseMember(phone);
    const tickets = await deps.tickets.eraseOf(phone);
    await deps.users.erase(phone);
    const messages = await forgetRecipient(deps.outbound, phone);
    await deps.sessions.erase(phone);
    deps.logger.info({ messageKey, inquiries, groups, tickets, messages }, 'erased a user’s personal data on request');
  };
}

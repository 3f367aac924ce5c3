/**
 * Who a fan-out message goes to, from the identity people are stored under: a simulated person (`sim:<number>`)
 * gets it in the simulator, everyone else on WhatsApp.
 */
import { SIMULATOR_CHANNEL } from '../channels/simulator/simulator-channel.js';
import type { Language } from '../conversation/actions/action.js';
import type { Users } from '../domain/users/users.js';
import type { Recipient } from '../outbound/dispatch.js';

export function recipientOf(identity: string): Recipient {
  return { channel: identity.startsWith('sim:') ? SIMULATOR_CHANNEL : 'whatsapp', to: identity };
}

/** The language a person reads the bot in; Hindi for someone it has not met (the district's first language). */
export async function languageOf(users: Users, identity: string): Promise<Language> {
  return (await users.find(identity))?.language ?? 'hi';
}

/** A page of a list of identities, the cursor being the position of the next one. */
export function pageOf(identities: readonly string[], cursor: string | undefined, limit: number) {
  const start = Number(cursor ?? 0);
  const end = start + limit;
  return {
    recipients: identities.slice(start, end).map(recipientOf),
    ...(end < identities.length ? { next: String(end) } : {}),
  };
}

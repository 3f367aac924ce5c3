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

/**
 * Remembers the last few reads of `read` by key: a fan-out renders every recipient of the same record (an
 * inquiry, a group), which is read once per page instead of once per recipient. `forget` drops a key, so that each
 * page starts from the stored record.
 */
export function recentReads<T>(read: (key: string) => Promise<T>, size = 50) {
  const recent = new Map<string, Promise<T>>();
  return {
    get(key: string): Promise<T> {
      let found = recent.get(key);
      if (!found) {
        found = read(key);
        recent.set(key, found);
        if (recent.size > size) recent.delete(recent.keys().next().value as string);
      }
      return found;
    },
    forget(key: string): void {
      recent.delete(key);
    },
  };
}

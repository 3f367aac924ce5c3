/**
 * `Users` that keep the broadcasts' copy of the audience fields (audience-mirror.ts) in step: every write the product
 * makes to a user goes through here and then to the copy. A copy that misses a write only plans a message that the
 * send-time check then corrects, so a failed copy is logged, never the user's write failed.
 */
import type { Users } from '../domain/users/users.js';
import type { Logger } from '../log.js';
import type { AudienceMirror, MirroredChanges } from './audience-mirror.js';

export function mirroredUsers(users: Users, mirror: AudienceMirror, logger: Logger): Users {
  const copy = async (identity: string, changes: MirroredChanges | 'erased') => {
    try {
      if (changes === 'erased') await mirror.remove(identity);
      else await mirror.write(identity, changes);
    } catch (error) {
      logger.warn({ err: error }, 'could not copy a user change for broadcasts; the send-time check still applies');
    }
  };
  return {
    ...users,
    async recordInbound(contact) {
      const profile = await users.recordInbound(contact);
      const at = contact.at.getTime();
      await copy(contact.phone, {
        language: profile.language,
        lastInboundAt: at,
        optedOut: profile.optedOut,
        unreachable: false,
        firstSeen: at,
      });
      return profile;
    },
    async apply(phone, changes, consent) {
      await users.apply(phone, changes, consent);
      if (changes.language !== undefined || changes.optedOut !== undefined) {
        await copy(phone, {
          ...(changes.language !== undefined ? { language: changes.language } : {}),
          ...(changes.optedOut !== undefined ? { optedOut: changes.optedOut } : {}),
        });
      }
    },
    async erase(phone) {
      await users.erase(phone);
      await copy(phone, 'erased');
    },
    async markUnreachable(phone, code, at) {
      await users.markUnreachable(phone, code, at);
      await copy(phone, { unreachable: true });
    },
  };
}

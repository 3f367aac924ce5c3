/**
 * A member's post relayed to the group's other members, in pages of the group's member list: not to the poster,
 * not to muted members; opted-out members are skipped when each message is sent.
 */
import { relayedPost } from '../actions/group-texts.js';
import type { LocalizedText } from '../conversation/actions/action.js';
import type { GroupRole } from '../domain/groups/group-model.js';
import type { Groups } from '../domain/groups/groups.js';
import type { Users } from '../domain/users/users.js';
import type { FanOutKind } from '../outbound/fan-out.js';
import { languageOf, pageOf, recentReads } from './recipients.js';

export interface GroupPostPayload {
  groupId: string;
  /** The poster's identity: left out of the audience. */
  from: string;
  name: string;
  role: GroupRole;
  /** The post in each language (only the hidden-number note differs). */
  text: LocalizedText;
}

export function groupPosts(deps: { groups: Groups; users: Users }): FanOutKind<GroupPostPayload> {
  const group = recentReads((code) => deps.groups.find(code));
  return {
    async audience(payload, cursor, limit) {
      group.forget(payload.groupId);
      const found = await group.get(payload.groupId);
      const members = (found?.members ?? [])
        .filter((member) => member.phone !== payload.from && !member.muted)
        .map((member) => member.phone);
      return pageOf(members, cursor, limit);
    },
    async render(payload, recipient) {
      const found = await group.get(payload.groupId);
      if (!found) return [];
      const language = await languageOf(deps.users, recipient.to);
      return [
        {
          text: relayedPost(
            { groupName: found.name, name: payload.name, role: payload.role, text: payload.text[language] },
            language,
          ),
        },
      ];
    },
  };
}

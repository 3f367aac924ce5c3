/** How a group post reads when relayed: the group, the poster's name and role, then the post. */
import type { Language } from '../conversation/actions/action.js';
import type { GroupRole } from '../domain/groups/group-model.js';

export const ROLE_NAMES: Record<GroupRole, Record<Language, string>> = {
  buyer: { hi: 'ख़रीदार', en: 'buyer' },
  seller: { hi: 'विक्रेता', en: 'seller' },
  moderator: { hi: 'संचालक', en: 'moderator' },
  admin: { hi: 'एडमिन', en: 'admin' },
};

const SOMEONE: Record<Language, string> = { hi: 'एक सदस्य', en: 'A member' };

export function relayedPost(
  post: { groupName: string; name: string; role: GroupRole; text: string },
  language: Language,
): string {
  return `[${post.groupName}] ${post.name || SOMEONE[language]} (${ROLE_NAMES[post.role][language]}):\n${post.text}`;
}

/**
 * Who a broadcast goes to, with what the send needs to know of each (language, last message, opt-out, whether
 * WhatsApp reaches them), read once per run: the members of its groups, or the people a segment describes.
 *
 * A segment reads the sellers it names once and every user; groups are read by `_id`, their members' users by
 * `_id` lists. Where the users' fields come from is the caller's: the database (`usersInDatabase`: FerretDB 1.x
 * scans for any filter but `_id`, about 160 µs a user) or a copy kept beside it (src/broadcasts/audience-mirror.ts).
 */
import { trusted } from 'mongoose';
import type { GroupModel, GroupRecord } from '../groups/group-model.js';
import type { SellerModel } from '../sellers/seller-model.js';
import type { UserModel } from '../users/user-model.js';
import type { Audience, BroadcastLanguage, Segment } from './broadcast-model.js';

export interface AudienceMember {
  identity: string;
  language: BroadcastLanguage;
  /** When they last wrote (epoch ms); 0 if never recorded. */
  lastInboundAt: number;
  optedOut: boolean;
  /** WhatsApp reported the number as not one of its users. */
  unreachable: boolean;
}

export interface AudienceModels {
  users: UserModel;
  sellers: SellerModel;
  groups: GroupModel;
}

/** What a broadcast needs of a user. */
export interface AudienceUserFields {
  _id: string;
  language?: string;
  lastInboundAt?: Date;
  optedOut?: boolean;
  unreachable?: { code?: number };
  createdAt?: Date;
}

const USER_FIELDS = { _id: 1, language: 1, lastInboundAt: 1, optedOut: 1, unreachable: 1, createdAt: 1 } as const;
const USERS_PER_READ = 500;

/** Where the users' fields are read from. */
export interface AudienceUsers {
  /** The fields of the users of `ids` that exist. */
  byIds(ids: readonly string[]): Promise<Map<string, AudienceUserFields>>;
  /** Every user, in no particular order. */
  all(): AsyncIterable<AudienceUserFields>;
}

/** The users' fields as the database has them. */
export function usersInDatabase(users: UserModel): AudienceUsers {
  return {
    async byIds(ids) {
      const found = new Map<string, AudienceUserFields>();
      for (let start = 0; start < ids.length; start += USERS_PER_READ) {
        const chunk = trusted({ $in: ids.slice(start, start + USERS_PER_READ) });
        for (const user of await users.find({ _id: chunk }, USER_FIELDS).lean<AudienceUserFields[]>())
          found.set(user._id, user);
      }
      return found;
    },
    all: () => users.find({}, USER_FIELDS).lean().cursor() as unknown as AsyncIterable<AudienceUserFields>,
  };
}

/** Everyone `audience` names, each once, in a stable order. */
export async function audienceMembers(
  models: AudienceModels,
  audience: Audience,
  users: AudienceUsers = usersInDatabase(models.users),
): Promise<AudienceMember[]> {
  if ('groups' in audience) return membersOfGroups(models, users, audience.groups);
  return membersOfSegment(models, users, audience.segment);
}

async function membersOfGroups(
  models: AudienceModels,
  users: AudienceUsers,
  codes: readonly string[],
): Promise<AudienceMember[]> {
  const identities = new Set<string>();
  for (const code of codes) {
    const group = await models.groups.findById(code.trim().toUpperCase()).lean<GroupRecord>();
    for (const member of group?.members ?? []) if (!member.muted) identities.add(member.phone);
  }
  const all = [...identities];
  const found = await users.byIds(all);
  return all.map((identity) => memberOf(identity, found.get(identity)));
}

async function membersOfSegment(
  models: AudienceModels,
  users: AudienceUsers,
  segment: Segment,
): Promise<AudienceMember[]> {
  const candidates = await segmentCandidates(models, segment);
  const members: AudienceMember[] = [];
  const since = segment.registeredSince ? new Date(segment.registeredSince).getTime() : undefined;
  for await (const user of users.all()) {
    if (segment.language && user.language !== segment.language) continue;
    if (candidates && !candidates.has(user._id)) continue;
    // For sellers the registration date was checked on the seller; for everyone else it is when the bot met them.
    if (!candidates && since !== undefined && (user.createdAt ? new Date(user.createdAt).getTime() : 0) < since)
      continue;
    members.push(memberOf(user._id, user));
  }
  return members.sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
}

/** The identities a segment's role and seller conditions allow; undefined when it has none (everyone). */
async function segmentCandidates(models: AudienceModels, segment: Segment): Promise<Set<string> | undefined> {
  const sellerConditions =
    segment.role === 'seller' ||
    (segment.categories?.length ?? 0) > 0 ||
    (segment.tehsils?.length ?? 0) > 0 ||
    (segment.registeredSince !== undefined && segment.role !== 'buyer');
  if (segment.role === 'buyer') {
    const buyers = new Set<string>();
    for (const group of await models.groups.find({}, { members: 1 }).lean<Pick<GroupRecord, 'members'>[]>()) {
      for (const member of group.members) if (member.role === 'buyer' && !member.muted) buyers.add(member.phone);
    }
    return buyers;
  }
  if (!sellerConditions) return undefined;
  const filter: Record<string, unknown> = {};
  // Operators the segment's own values fill in: trusted past the connection's filter sanitizing.
  if (segment.categories?.length) filter.categories = trusted({ $in: segment.categories.map(String) });
  if (segment.tehsils?.length) filter.tehsil = trusted({ $in: segment.tehsils.map(String) });
  if (segment.registeredSince) filter.createdAt = trusted({ $gte: new Date(segment.registeredSince) });
  const sellers = await models.sellers.find(filter, { _id: 1 }).lean<{ _id: string }[]>();
  return new Set(sellers.map((seller) => seller._id));
}

function memberOf(identity: string, user: AudienceUserFields | undefined): AudienceMember {
  return {
    identity,
    language: user?.language === 'en' ? 'en' : 'hi',
    lastInboundAt: user?.lastInboundAt ? new Date(user.lastInboundAt).getTime() : 0,
    optedOut: user?.optedOut ?? false,
    unreachable: user?.unreachable?.code !== undefined,
  };
}

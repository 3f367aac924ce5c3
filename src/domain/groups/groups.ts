/**
 * Groups: created by an officer, joined with the invite code, left by the member, moderated (mute, remove), and
 * posted to within the group's limits. Every read and write goes by `_id` (see group-model.ts).
 */
import { AppError, DuplicateKeyError } from '../../errors.js';
import { withDuplicateKeyAsError } from '../../persistence/mongo.js';
import { type IdListModel, IdLists } from '../../persistence/id-lists.js';
import type { GroupMember, GroupModel, GroupRecord, GroupRole } from './group-model.js';

export interface NewGroup {
  code: string;
  name: string;
  description: string;
  productFocus: string[];
  postLimitPerDay?: number;
  maxPostLength?: number;
  sample?: boolean;
}

export class GroupCodeTakenError extends AppError {
  constructor(code: string) {
    super('GROUP_CODE_TAKEN', `a group with invite code ${code} exists already`, { code });
  }
}

export class InvalidGroupCodeError extends AppError {
  constructor(code: string) {
    super('INVALID_GROUP_CODE', `invite code '${code}' must be 3 to 12 letters and digits`, { code });
  }
}

export type JoinOutcome =
  | { outcome: 'joined' | 'already'; group: GroupRecord; member: GroupMember }
  | { outcome: 'no_such_group' };

export type PostCheck =
  | { allowed: true; group: GroupRecord; member: GroupMember }
  | { allowed: false; reason: 'not_member' | 'muted' | 'too_long' | 'limit_reached'; limit?: number };

export type ModerationOutcome = 'done' | 'not_allowed' | 'not_member' | 'no_such_group';
export type ModerationAction = 'mute' | 'unmute' | 'remove';

export interface Groups {
  create(group: NewGroup, at: Date): Promise<GroupRecord>;
  find(code: string): Promise<GroupRecord | null>;
  /** The codes of the groups that exist among `words` (what a person wrote after JOIN). */
  findCodeIn(words: readonly string[]): Promise<string | undefined>;
  join(code: string, member: { phone: string; role: GroupRole; name: string }, at: Date): Promise<JoinOutcome>;
  leave(code: string, phone: string): Promise<boolean>;
  /** The groups `phone` is a member of. */
  ofMember(phone: string): Promise<GroupRecord[]>;
  /** Checks a post against the group's rules and counts it (so a retried turn counts it once more at most). */
  admitPost(code: string, phone: string, length: number, day: string): Promise<PostCheck>;
  /** A moderator or admin mutes, unmutes or removes a member. */
  moderate(code: string, by: string, phone: string, action: 'mute' | 'unmute' | 'remove'): Promise<ModerationOutcome>;
  /** A district officer (from the console) mutes, unmutes or removes a member: officers moderate every group. */
  moderateAsOfficer(
    code: string,
    phone: string,
    action: ModerationAction,
  ): Promise<Exclude<ModerationOutcome, 'not_allowed'>>;
  /** A page of groups by invite code, with their members. */
  list(page: { skip: number; limit: number }): Promise<{ groups: GroupRecord[]; total: number }>;
  /** Removes `phone` from every group (erasure on request). */
  eraseMember(phone: string): Promise<number>;
}

const CODE = /^[A-Z0-9]{3,12}$/;

export function normalizeGroupCode(code: string): string {
  return code.trim().toUpperCase();
}

export function createGroups(deps: { groups: GroupModel; memberships: IdListModel }): Groups {
  const { groups } = deps;
  const memberships = new IdLists(deps.memberships);
  const find = async (code: string): Promise<GroupRecord | null> =>
    groups.findById(normalizeGroupCode(code)).lean<GroupRecord>();

  /**
   * Takes a member out of the list by the whole entry as stored: FerretDB 1.x's `$pull` removes equal values only
   * (MongoDB would also take a condition such as `{ phone }`), and the whole entry is equal in both.
   */
  const pullMember = (code: string, member: GroupMember) =>
    groups.updateOne({ _id: code }, { $pull: { members: member } });

  const applyModeration = async (group: GroupRecord, phone: string, action: ModerationAction) => {
    const index = group.members.findIndex((member) => member.phone === phone);
    if (index < 0) return 'not_member' as const;
    if (action === 'remove') {
      await pullMember(group._id, group.members[index] as GroupMember);
      await memberships.remove(phone, group._id);
    } else {
      await groups.updateOne({ _id: group._id }, { $set: { [`members.${index}.muted`]: action === 'mute' } });
    }
    return 'done' as const;
  };

  return {
    async create(group, at) {
      const code = normalizeGroupCode(group.code);
      if (!CODE.test(code)) throw new InvalidGroupCodeError(group.code);
      try {
        await withDuplicateKeyAsError('groups', { _id: code }, () =>
          groups.create({
            _id: code,
            name: group.name,
            description: group.description,
            productFocus: group.productFocus,
            members: [],
            ...(group.postLimitPerDay ? { postLimitPerDay: group.postLimitPerDay } : {}),
            ...(group.maxPostLength ? { maxPostLength: group.maxPostLength } : {}),
            sample: group.sample ?? false,
            createdAt: at,
            updatedAt: at,
          }),
        );
      } catch (error) {
        if (error instanceof DuplicateKeyError) throw new GroupCodeTakenError(code);
        throw error;
      }
      return (await find(code)) as GroupRecord;
    },

    find,

    async findCodeIn(words) {
      for (const word of words) {
        const code = normalizeGroupCode(word);
        if (CODE.test(code) && /\d/.test(code) && (await find(code))) return code;
      }
      return undefined;
    },

    async join(rawCode, member, at) {
      const code = normalizeGroupCode(rawCode);
      const group = await find(code);
      if (!group) return { outcome: 'no_such_group' };
      const existing = group.members.find((each) => each.phone === member.phone);
      if (existing) return { outcome: 'already', group, member: existing };
      const joined: GroupMember = { ...member, joinedAt: at, muted: false };
      const updated = await groups
        .findOneAndUpdate({ _id: code }, { $push: { members: joined } }, { returnDocument: 'after' })
        .lean<GroupRecord>();
      await memberships.add(member.phone, code);
      return { outcome: 'joined', group: updated ?? group, member: joined };
    },

    async leave(rawCode, phone) {
      const code = normalizeGroupCode(rawCode);
      const group = await find(code);
      const member = group?.members.find((each) => each.phone === phone);
      if (member) await pullMember(code, member);
      await memberships.remove(phone, code);
      return member !== undefined;
    },

    async ofMember(phone) {
      const found = await Promise.all((await memberships.read(phone)).map((code) => find(code)));
      // The group is the record: a code whose group no longer lists the person is not theirs.
      return found.filter(
        (group): group is GroupRecord => group?.members.some((member) => member.phone === phone) === true,
      );
    },

    async admitPost(rawCode, phone, length, day) {
      const code = normalizeGroupCode(rawCode);
      const group = await find(code);
      const index = group?.members.findIndex((member) => member.phone === phone) ?? -1;
      if (!group || index < 0) return { allowed: false, reason: 'not_member' };
      const member = group.members[index] as GroupMember;
      if (member.muted) return { allowed: false, reason: 'muted' };
      if (length > group.maxPostLength) return { allowed: false, reason: 'too_long', limit: group.maxPostLength };
      const postsToday = member.postsDay === day ? (member.posts ?? 0) : 0;
      if (postsToday >= group.postLimitPerDay) {
        return { allowed: false, reason: 'limit_reached', limit: group.postLimitPerDay };
      }
      await groups.updateOne(
        { _id: code },
        { $set: { [`members.${index}.postsDay`]: day, [`members.${index}.posts`]: postsToday + 1 } },
      );
      return { allowed: true, group, member };
    },

    async moderate(rawCode, by, phone, action) {
      const group = await find(rawCode);
      if (!group) return 'no_such_group';
      const moderator = group.members.find((member) => member.phone === by);
      if (!moderator || (moderator.role !== 'moderator' && moderator.role !== 'admin')) return 'not_allowed';
      return applyModeration(group, phone, action);
    },

    async moderateAsOfficer(rawCode, phone, action) {
      const group = await find(rawCode);
      return group ? applyModeration(group, phone, action) : 'no_such_group';
    },

    async list(page) {
      const [found, total] = await Promise.all([
        groups.find({}).sort({ _id: 1 }).skip(page.skip).limit(page.limit).lean<GroupRecord[]>(),
        groups.countDocuments({}),
      ]);
      return { groups: found, total };
    },

    async eraseMember(phone) {
      const codes = await memberships.read(phone);
      for (const code of codes) {
        const member = (await find(code))?.members.find((each) => each.phone === phone);
        if (member) await pullMember(code, member);
      }
      await memberships.drop(phone);
      return codes.length;
    },
  };
}

/**
 * Phone numbers in a post, hidden: a member's number reaches the group only if they agreed to share it (then the
 * caller does not mask). Indian mobiles with or without +91/0, and any long run of digits that looks like a number.
 */
const PHONE_NUMBER = /(?:\+?\d[\d\s-]{8,}\d)/g;

export function maskPhoneNumbers(text: string, hidden: string): string {
  return text.replace(PHONE_NUMBER, (match) => (match.replace(/\D/g, '').length >= 10 ? hidden : match));
}

/**
 * Buyer-seller groups in conversation (flows/join_group, group_post, leave_group): join with the invite code as a
 * buyer or a seller, post to a group (relayed to the other members through the fan-out, a number hidden unless its
 * owner agreed to share it; a post that reads as an inquiry goes through the inquiry steps instead), and leave.
 */
import { defineAction } from '../conversation/actions/action.js';
import type { GroupRecord, GroupRole } from '../domain/groups/group-model.js';
import { maskPhoneNumbers } from '../domain/groups/groups.js';
import { ActionInputError, idsInput, pickedFromList, textInput, withInputs } from './inputs.js';
import { both } from './seller-texts.js';
import type { ActionServices } from './services.js';

/** The fan-out that relays a post to a group's other members (src/fan-outs/group-posts.ts). */
export const GROUP_POST = 'group_post';

const HIDDEN_NUMBER = { hi: '[नंबर छिपाया गया]', en: '[number hidden]' };

/** India's calendar day of `at`, for the daily post limit. */
function indiaDay(at: Date): string {
  return new Date(at.getTime() + 5.5 * 3_600_000).toISOString().slice(0, 10);
}

function groupList(groups: readonly GroupRecord[]): string {
  return groups.map((group, i) => `${i + 1}. ${group.name} (${group._id})`).join('\n');
}

/** Finds the invite code in what the person wrote ("JOIN RICE24", "mera code RICE24 hai"). Output: { found, code, name, member }. */
export const findGroup = defineAction<ActionServices>({
  name: 'find_group',
  description: 'Finds an invite code in the text. with: text. Output: { found, code, name, member }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => textInput(inputs, 'text'));
    if (!read.ok) return read;
    const words = read.value.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const code = await services.groups.findCodeIn(words);
    const group = code ? await services.groups.find(code) : null;
    if (!group) return { ok: true, output: { found: false } };
    const member = group.members.some((each) => each.phone === context.user.phone);
    return { ok: true, output: { found: true, code: group._id, name: group.name, member } };
  },
});

/** Joins the group as a buyer or a seller. with: code, role. Output: { joined, name }. */
export const joinGroup = defineAction<ActionServices>({
  name: 'join_group',
  description: 'Joins a group. with: code, role (buyer | seller). Output: { joined, name }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => {
      const role = inputs.role;
      if (role !== 'buyer' && role !== 'seller') throw new ActionInputError('role', 'buyer or seller', role);
      return { code: textInput(inputs, 'code'), role: role as GroupRole };
    });
    if (!read.ok) return read;
    const { user } = context;
    const joined = await services.groups.join(
      read.value.code,
      { phone: user.phone, role: read.value.role, name: user.name ?? user.profileName ?? '' },
      context.now,
    );
    if (joined.outcome === 'no_such_group') return { ok: true, output: { joined: false } };
    return { ok: true, output: { joined: true, name: joined.group.name, code: joined.group._id } };
  },
});

/** The groups the person is in. Output: { count, only, list, codes }. */
export const myGroups = defineAction<ActionServices>({
  name: 'my_groups',
  description: 'Lists the groups the user is in. Output: { count, only, list, codes }',
  create: (services) => async (_inputs, context) => {
    const groups = await services.groups.ofMember(context.user.phone);
    return {
      ok: true,
      output: {
        count: groups.length,
        ...(groups.length === 1 ? { only: groups[0]?._id } : {}),
        list: groupList(groups),
        codes: groups.map((group) => group._id),
      },
    };
  },
});

/** Which group the person means: a number from the list, a code, or their only group. with: text, codes. Output: { found, code }. */
export const pickGroup = defineAction<ActionServices>({
  name: 'pick_group',
  description: 'Finds the group picked by number or code. with: text, codes. Output: { found, code }',
  create: () => (inputs) => {
    const codes = idsInput(inputs, 'codes');
    // Someone in one group means that one.
    const code = pickedFromList(inputs.text, codes, true) ?? (codes.length === 1 ? codes[0] : undefined);
    return { ok: true, output: code ? { found: true, code } : { found: false } };
  },
});

/**
 * Posts to a group: checked against its rules, numbers hidden unless the poster agreed to share theirs, and relayed
 * to the other members. A post that reads as an inquiry (a product and a quantity) is not relayed: the flow takes
 * it through the inquiry steps. with: code, text. Output: { posted, refusal, limit, isInquiry }.
 */
export const postToGroup = defineAction<ActionServices>({
  name: 'post_to_group',
  description:
    'Relays a post to the other members of a group. with: code, text. Output: { posted, refusal, isInquiry }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => ({ code: textInput(inputs, 'code'), text: textInput(inputs, 'text') }));
    if (!read.ok) return read;
    const { code, text } = read.value;
    const asInquiry = services.extractInquiry(text, context.now);
    if (asInquiry.product && asInquiry.quantity) return { ok: true, output: { posted: false, isInquiry: true } };

    const check = await services.groups.admitPost(code, context.user.phone, text.length, indiaDay(context.now));
    if (!check.allowed) {
      return { ok: true, output: { posted: false, refusal: check.reason, limit: check.limit ?? 0, isInquiry: false } };
    }
    const seller = await services.sellers.find(context.user.phone);
    const shares = seller?.contactConsent.given === true;
    const shown = both((language) => (shares ? text : maskPhoneNumbers(text, HIDDEN_NUMBER[language])));
    return {
      ok: true,
      output: { posted: true, isInquiry: false, name: check.group.name },
      events: [
        {
          type: 'fan_out',
          kind: GROUP_POST,
          payload: {
            groupId: check.group._id,
            from: context.user.phone,
            name: check.member.name || seller?.businessName || '',
            role: check.member.role,
            text: shown,
          },
        },
      ],
    };
  },
});

/** Leaves a group. with: code. Output: { left }. */
export const leaveGroup = defineAction<ActionServices>({
  name: 'leave_group',
  description: 'Leaves a group. with: code. Output: { left }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => textInput(inputs, 'code'));
    if (!read.ok) return read;
    return { ok: true, output: { left: await services.groups.leave(read.value, context.user.phone) } };
  },
});

const MODERATION_DONE = {
  mute: { hi: 'म्यूट कर दिया गया; उनके संदेश अब ग्रुप में नहीं जाएँगे', en: 'muted: their posts no longer reach the group' },
  unmute: { hi: 'फिर से बोल सकते हैं', en: 'unmuted: they can post again' },
  remove: { hi: 'ग्रुप से हटा दिया गया', en: 'removed from the group' },
};

const MODERATION_WORDS: Readonly<Record<string, 'mute' | 'unmute' | 'remove'>> = {
  mute: 'mute',
  म्यूट: 'mute',
  unmute: 'unmute',
  अनम्यूट: 'unmute',
  remove: 'remove',
  हटाएँ: 'remove',
  हटाओ: 'remove',
};

/**
 * A moderator's or admin's command, "MUTE RICE24 9876543210" (also UNMUTE, REMOVE): the group may be left out when
 * they moderate one group only. with: text. Output: { outcome, code, said } (outcome: done, not_allowed,
 * not_member, no_such_group, unclear; `said`: what was done, in words).
 */
export const moderateGroup = defineAction<ActionServices>({
  name: 'moderate_group',
  description: 'Mutes, unmutes or removes a member. with: text ("MUTE RICE24 9876543210"). Output: { outcome }',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => textInput(inputs, 'text'));
    if (!read.ok) return read;
    const words = read.value.split(/\s+/).filter(Boolean);
    const action = MODERATION_WORDS[(words[0] ?? '').toLowerCase()];
    const digits = read.value
      .replace(/[^\d+]/g, ' ')
      .match(/\+?\d{10,13}/)?.[0]
      ?.replace(/^\+?(91)?(?=\d{10}$)/, '');
    const mine = (await services.groups.ofMember(context.user.phone)).filter((group) =>
      group.members.some(
        (member) => member.phone === context.user.phone && (member.role === 'moderator' || member.role === 'admin'),
      ),
    );
    const named = mine.find((group) => words.some((word) => word.toUpperCase() === group._id));
    const group = named ?? (mine.length === 1 ? mine[0] : undefined);
    if (!action || !digits || !group)
      return { ok: true, output: { outcome: mine.length === 0 ? 'not_allowed' : 'unclear' } };
    // Members are stored as they write: on WhatsApp "+91" and ten digits; in the simulator "sim:+91…".
    const member = group.members.find((each) => each.phone.endsWith(digits));
    if (!member) return { ok: true, output: { outcome: 'not_member', code: group._id } };
    const outcome = await services.groups.moderate(group._id, context.user.phone, member.phone, action);
    return { ok: true, output: { outcome, code: group._id, said: MODERATION_DONE[action] } };
  },
});

/**
 * Groups on the real FerretDB server: codes, joining, the post rules (length, daily limit, muted), moderation
 * rights, leaving and erasure; and the masking of phone numbers in posts.
 */
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createGroups,
  GroupCodeTakenError,
  type Groups,
  InvalidGroupCodeError,
  maskPhoneNumbers,
} from '../../src/domain/groups/groups.js';
import { registerModels } from '../../src/model-registry.js';
import { connectMongo, ensureIndexes } from '../../src/persistence/mongo.js';
import { uniqueMongoUri } from '../support/services.js';

const AT = new Date('2026-11-30T05:00:00Z');
const NEW = { name: 'Soya Traders', description: '', productFocus: ['soybean'] };

describe('groups', () => {
  let mongo: Connection;
  let groups: Groups;
  beforeAll(async () => {
    mongo = await connectMongo({ uri: uniqueMongoUri(), autoIndex: false });
    const models = registerModels(mongo);
    await ensureIndexes(mongo);
    groups = createGroups({ groups: models.groups, memberships: models.groupMemberships });
  });
  afterAll(async () => {
    await mongo.dropDatabase();
    await mongo.close();
  });

  it('takes each invite code once, in capitals, and refuses a malformed one', async () => {
    expect((await groups.create({ ...NEW, code: 'soya12' }, AT))._id).toBe('SOYA12');
    await expect(groups.create({ ...NEW, code: 'SOYA12' }, AT)).rejects.toBeInstanceOf(GroupCodeTakenError);
    await expect(groups.create({ ...NEW, code: 'so ya' }, AT)).rejects.toBeInstanceOf(InvalidGroupCodeError);
    expect(await groups.findCodeIn(['mera', 'code', 'soya12', 'hai'])).toBe('SOYA12');
    expect(await groups.findCodeIn(['JOIN', 'NOPE99'])).toBeUndefined();
  });

  it('admits posts within the length and the daily limit, and none from a muted member', async () => {
    await groups.create({ ...NEW, code: 'LIM1', postLimitPerDay: 2, maxPostLength: 20 }, AT);
    const member = '+919800000301';
    const moderator = '+919800000302';
    await groups.join('LIM1', { phone: member, role: 'buyer', name: 'A' }, AT);
    await groups.join('LIM1', { phone: moderator, role: 'moderator', name: 'M' }, AT);
    expect(await groups.admitPost('LIM1', member, 21, '2026-11-30')).toEqual({
      allowed: false,
      reason: 'too_long',
      limit: 20,
    });
    expect((await groups.admitPost('LIM1', member, 5, '2026-11-30')).allowed).toBe(true);
    expect((await groups.admitPost('LIM1', member, 5, '2026-11-30')).allowed).toBe(true);
    expect(await groups.admitPost('LIM1', member, 5, '2026-11-30')).toMatchObject({ reason: 'limit_reached' });
    // A new day, a new count.
    expect((await groups.admitPost('LIM1', member, 5, '2026-12-01')).allowed).toBe(true);
    expect(await groups.moderate('LIM1', member, moderator, 'mute')).toBe('not_allowed');
    expect(await groups.moderate('LIM1', moderator, member, 'mute')).toBe('done');
    expect(await groups.admitPost('LIM1', member, 5, '2026-12-02')).toMatchObject({ reason: 'muted' });
    expect(await groups.admitPost('LIM1', '+919800000399', 5, '2026-12-02')).toMatchObject({ reason: 'not_member' });
  });

  it('lists a member’s groups until they leave, are removed, or are erased', async () => {
    const phone = '+919800000310';
    const moderator = '+919800000311';
    for (const code of ['GA1', 'GB2', 'GC3']) {
      await groups.create({ ...NEW, code }, AT);
      await groups.join(code, { phone, role: 'seller', name: '' }, AT);
    }
    await groups.join('GB2', { phone: moderator, role: 'admin', name: '' }, AT);
    expect((await groups.ofMember(phone)).map((group) => group._id).sort()).toEqual(['GA1', 'GB2', 'GC3']);
    expect(await groups.leave('GA1', phone)).toBe(true);
    expect(await groups.moderate('GB2', moderator, phone, 'remove')).toBe('done');
    expect((await groups.ofMember(phone)).map((group) => group._id)).toEqual(['GC3']);
    expect(await groups.eraseMember(phone)).toBe(1);
    expect(await groups.ofMember(phone)).toEqual([]);
    expect((await groups.find('GC3'))?.members).toEqual([]);
  });

  it('lets an officer mute, unmute and remove any member, and lists groups a page at a time', async () => {
    await groups.create({ ...NEW, code: 'OFF1' }, AT);
    const member = '+919800000320';
    await groups.join('OFF1', { phone: member, role: 'buyer', name: 'B' }, AT);
    expect(await groups.moderateAsOfficer('OFF1', member, 'mute')).toBe('done');
    expect((await groups.find('OFF1'))?.members[0]?.muted).toBe(true);
    expect(await groups.moderateAsOfficer('off1', member, 'unmute')).toBe('done');
    expect((await groups.find('OFF1'))?.members[0]?.muted).toBe(false);
    expect(await groups.moderateAsOfficer('OFF1', '+919800000321', 'mute')).toBe('not_member');
    expect(await groups.moderateAsOfficer('NONE1', member, 'mute')).toBe('no_such_group');
    expect(await groups.moderateAsOfficer('OFF1', member, 'remove')).toBe('done');
    expect(await groups.ofMember(member)).toEqual([]);

    const all = await groups.list({ skip: 0, limit: 100 });
    const codes = all.groups.map((group) => group._id);
    expect(codes).toEqual([...codes].sort());
    expect(all.total).toBe(codes.length);
    const second = await groups.list({ skip: 1, limit: 1 });
    expect(second.groups.map((group) => group._id)).toEqual([codes[1]]);
  });

  it('hides phone numbers in a post, not prices or quantities', () => {
    const hidden = '[number hidden]';
    expect(maskPhoneNumbers('call 98765 43210 or +91-9876543210', hidden)).toBe(`call ${hidden} or ${hidden}`);
    expect(maskPhoneNumbers('rate 3200 per qtl, 500 MT, 2026-11-30', hidden)).toBe(
      'rate 3200 per qtl, 500 MT, 2026-11-30',
    );
  });
});

/**
 * Groups for officers: the list, a new group, one group with its roles and invite (link and QR code), its members
 * (numbers masked, each with a reference to act on), and muting, unmuting or removing a member.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import type { GroupMember, GroupRecord } from '../../domain/groups/group-model.js';
import type { ResolvedAdminApiDeps as AdminApiDeps } from './api-deps.js';
import { notFound } from './api-errors.js';
import { type ApiRoute, route } from './api-route.js';
import {
  GroupDetail,
  GroupMembersQuery,
  GroupMemberView,
  GroupParams,
  GroupsQuery,
  GroupSummary,
  ModerationParams,
  ModerationResult,
  NewGroupBody,
  paged,
} from './api-schemas.js';
import { maskedNumber, type PersonRefs } from './person-ref.js';

export function inviteLink(botNumber: string, code: string): string {
  return `https://wa.me/${botNumber.replace(/\D/g, '')}?text=JOIN%20${encodeURIComponent(code)}`;
}

function summaryOf(group: GroupRecord): z.input<typeof GroupSummary> {
  return {
    code: group._id,
    name: group.name,
    description: group.description,
    productFocus: group.productFocus,
    members: group.members.length,
    muted: group.members.filter((member) => member.muted).length,
    postLimitPerDay: group.postLimitPerDay,
    maxPostLength: group.maxPostLength,
    createdAt: new Date(group.createdAt).toISOString(),
  };
}

function memberOf(refs: PersonRefs, member: GroupMember): z.input<typeof GroupMemberView> {
  return {
    ref: refs.refOf(member.phone),
    number: maskedNumber(member.phone),
    name: member.name,
    role: member.role,
    muted: member.muted,
    joinedAt: new Date(member.joinedAt).toISOString(),
  };
}

export function groupRoutes(deps: AdminApiDeps): ApiRoute[] {
  const now = deps.now ?? (() => new Date());
  const existing = async (code: string) => {
    const group = await deps.groups.find(code);
    if (!group) throw notFound('group');
    return group;
  };
  const detailOf = (group: GroupRecord) => {
    const roles: Record<string, number> = {};
    for (const member of group.members) roles[member.role] = (roles[member.role] ?? 0) + 1;
    const link = inviteLink(deps.botNumber, group._id);
    return {
      ...summaryOf(group),
      roles,
      invite: { text: `JOIN ${group._id}`, link, qrCode: `/admin/api/groups/${group._id}/invite.svg` },
    };
  };

  return [
    route({
      method: 'get',
      path: '/groups',
      tag: 'groups',
      summary: 'List groups by invite code',
      role: 'viewer',
      query: GroupsQuery,
      response: paged(GroupSummary),
      csv: {
        name: 'groups',
        rows: (page) => page.items.map((group) => ({ ...group, productFocus: group.productFocus.join(' ') })),
      },
      async handle({ query }) {
        const found = await deps.groups.list({ skip: (query.page - 1) * query.limit, limit: query.limit });
        return {
          items: found.groups.map(summaryOf),
          page: { page: query.page, limit: query.limit, total: found.total },
        };
      },
    }),
    route({
      method: 'post',
      path: '/groups',
      tag: 'groups',
      summary: 'Create a group',
      creates: true,
      role: 'admin',
      body: NewGroupBody,
      response: GroupDetail,
      async handle({ body, req }) {
        const group = await deps.groups.create(body, now());
        const after = detailOf(group);
        await deps.audit(req, { what: 'group.create', target: `group:${group._id}`, before: null, after });
        return after;
      },
    }),
    route({
      method: 'get',
      path: '/groups/:code',
      tag: 'groups',
      summary: 'One group with its roles and invite',
      role: 'viewer',
      params: GroupParams,
      response: GroupDetail,
      handle: async ({ params }) => detailOf(await existing(params.code)),
    }),
    route({
      method: 'get',
      path: '/groups/:code/invite.svg',
      tag: 'groups',
      summary: 'The invite link as a QR code (SVG)',
      role: 'viewer',
      params: GroupParams,
      response: z.string(),
      produces: 'image/svg+xml',
      async handle({ params }) {
        const group = await existing(params.code);
        return QRCode.toString(inviteLink(deps.botNumber, group._id), { type: 'svg', margin: 2 });
      },
    }),
    route({
      method: 'get',
      path: '/groups/:code/members',
      tag: 'groups',
      summary: 'A group’s members, numbers masked',
      role: 'viewer',
      params: GroupParams,
      query: GroupMembersQuery,
      response: paged(GroupMemberView),
      csv: { name: 'group-members', rows: (page) => page.items.map(({ ref: _ref, ...member }) => member) },
      async handle({ params, query }) {
        const group = await existing(params.code);
        const members = group.members.filter(
          (member) =>
            (query.role === undefined || member.role === query.role) &&
            (query.muted === undefined || member.muted === (query.muted === 'yes')),
        );
        const start = (query.page - 1) * query.limit;
        return {
          items: members.slice(start, start + query.limit).map((member) => memberOf(deps.refs, member)),
          page: { page: query.page, limit: query.limit, total: members.length },
        };
      },
    }),
    route({
      method: 'post',
      path: '/groups/:code/members/:member/:action',
      tag: 'groups',
      summary: 'Mute, unmute or remove a member',
      role: 'admin',
      params: ModerationParams,
      response: ModerationResult,
      async handle({ params, req }) {
        const group = await existing(params.code);
        const phone = deps.refs.identityOf(params.member);
        const member = phone ? group.members.find((each) => each.phone === phone) : undefined;
        if (!phone || !member) throw notFound('member of this group');
        const outcome = await deps.groups.moderateAsOfficer(group._id, phone, params.action);
        if (outcome !== 'done') throw notFound(outcome === 'no_such_group' ? 'group' : 'member of this group');
        const after = (await deps.groups.find(group._id))?.members.find((each) => each.phone === phone);
        const view = { outcome, member: after ? memberOf(deps.refs, after) : null };
        await deps.audit(req, {
          what: `group.member.${params.action}`,
          target: `group:${group._id}/member:${params.member}`,
          before: memberOf(deps.refs, member),
          after: view.member,
        });
        return view;
      },
    }),
  ];
}

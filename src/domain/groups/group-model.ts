/**
 * A buyer-seller group run by the bot: an officer creates it with a name, a description, a product focus and an
 * invite code; people join with `JOIN <code>`; a member's post is relayed to the others.
 *
 * Read by `_id` only (FerretDB 1.x reads the whole collection for any other filter): a group's `_id` is its invite
 * code, its members live inside it (a district group has tens to a few thousand), and the groups a person is in are
 * listed in `group_memberships` under their phone. The group document is the record; the membership list follows it.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';
import { type IdListModel, idListModel } from '../../persistence/id-lists.js';

export const GROUP_ROLES = ['buyer', 'seller', 'moderator', 'admin'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

export interface GroupMember {
  phone: string;
  role: GroupRole;
  /** As shown beside their posts: the name they gave, or their WhatsApp profile name. */
  name: string;
  joinedAt: Date;
  /** Muted by a moderator: their posts are not relayed and they receive none. */
  muted: boolean;
  /** Posts relayed on `postsDay` (YYYY-MM-DD, India's calendar), for the daily limit. */
  postsDay?: string;
  posts?: number;
}

export interface GroupRecord {
  /** The invite code, in capitals (e.g. "RICE24"). */
  _id: string;
  name: string;
  description: string;
  /** Catalog product ids or categories the group is about. */
  productFocus: string[];
  members: GroupMember[];
  /** Posts a member may send a day. */
  postLimitPerDay: number;
  /** Characters a post may have. */
  maxPostLength: number;
  /** Marks the demo's sample groups, never loaded outside the demo. */
  sample: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const GroupSchema = new Schema<GroupRecord>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: '' },
    productFocus: { type: [String], default: [] },
    members: {
      type: [
        {
          _id: false,
          phone: { type: String, required: true },
          role: { type: String, enum: GROUP_ROLES, required: true },
          name: { type: String, default: '' },
          joinedAt: { type: Date, required: true },
          muted: { type: Boolean, default: false },
          postsDay: String,
          posts: Number,
        },
      ],
      default: [],
    },
    postLimitPerDay: { type: Number, default: 10 },
    maxPostLength: { type: Number, default: 1000 },
    sample: { type: Boolean, default: false },
  },
  { collection: 'groups', timestamps: true, minimize: false },
);
// Officers' lists on MongoDB: a member's groups (the membership list is the fast path here), groups by focus.
GroupSchema.index({ 'members.phone': 1 });
GroupSchema.index({ productFocus: 1 });

export type GroupModel = Model<GroupRecord>;

export function groupModel(connection: Connection): GroupModel {
  return defineModel(connection, 'Group', GroupSchema);
}

/** The invite codes of the groups one person is in, under their phone. */
export function groupMembershipsModel(connection: Connection): IdListModel {
  return idListModel(connection, 'GroupMemberships', 'group_memberships');
}

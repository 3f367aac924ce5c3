/**
 * Recording and reading the console's audit log. What is recorded before and after a change has its secrets
 * removed here, whoever calls, so no password hash or token ever lands in the log.
 */
import { randomBytes } from 'node:crypto';
import type { AuditModel, AuditRecord } from './audit-model.js';

export interface AuditEntry {
  who: { officerId: string; username: string };
  action: string;
  target: { type: string; id: string };
  when: Date;
  before?: unknown;
  after?: unknown;
}

/** Exact matches only: each value is compared as a plain string. */
export interface AuditFilter {
  action?: string;
  username?: string;
  targetType?: string;
  targetId?: string;
}

export interface AuditPage {
  entries: AuditRecord[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export const AUDIT_PAGE_SIZE_MAX = 100;

export interface AuditLog {
  record(entry: AuditEntry): Promise<AuditRecord>;
  /** Newest first; `page` counts from 1, `pageSize` is capped at AUDIT_PAGE_SIZE_MAX. */
  list(query?: { page?: number; pageSize?: number; filter?: AuditFilter }): Promise<AuditPage>;
}

/** Field names that hold a secret (`passwordHash`, `authToken`, `sessionSecret`…), not `hashtag` or `passage`. */
const SECRET_KEY = /password|passwd|hash$|secret|token|^salt$|cookie|authorization/i;

/** A plain copy of `value` without the fields whose name says they hold a secret, at any depth. */
export function withoutSecretFields(value: unknown): unknown {
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(withoutSecretFields);
  if (value === null || typeof value !== 'object') return value;
  const plain =
    typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  if (plain === null || typeof plain !== 'object' || plain instanceof Date) return plain;
  return Object.fromEntries(
    Object.entries(plain as Record<string, unknown>)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, field]) => [storableKey(key), withoutSecretFields(field)]),
  );
}

/** A field name FerretDB stores: no leading `$`, no dots (shown as look-alike characters instead). */
function storableKey(key: string): string {
  return key.replace(/^\$/, '\uff04').replaceAll('.', '\uff0e');
}

function asSnapshot(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  const plain = withoutSecretFields(value);
  return typeof plain === 'object' && plain !== null && !Array.isArray(plain)
    ? (plain as Record<string, unknown>)
    : { value: plain };
}

export function createAuditLog(model: AuditModel): AuditLog {
  return {
    async record(entry) {
      const record: AuditRecord = {
        _id: `a_${entry.when.getTime().toString(36)}_${randomBytes(6).toString('hex')}`,
        who: { officerId: String(entry.who.officerId), username: String(entry.who.username) },
        action: String(entry.action),
        target: { type: String(entry.target.type), id: String(entry.target.id) },
        when: entry.when,
        before: asSnapshot(entry.before),
        after: asSnapshot(entry.after),
      };
      await model.create(record);
      return record;
    },

    async list({ page = 1, pageSize = 20, filter = {} } = {}) {
      const size = Math.min(Math.max(1, Math.trunc(pageSize) || 1), AUDIT_PAGE_SIZE_MAX);
      const number = Math.max(1, Math.trunc(page) || 1);
      const query: Record<string, string> = {};
      if (filter.action !== undefined) query.action = String(filter.action);
      if (filter.username !== undefined) query['who.username'] = String(filter.username);
      if (filter.targetType !== undefined) query['target.type'] = String(filter.targetType);
      if (filter.targetId !== undefined) query['target.id'] = String(filter.targetId);
      // One more than a page tells whether another page follows without counting the collection.
      const found = await model
        .find(query)
        .sort({ when: -1, _id: -1 })
        .skip((number - 1) * size)
        .limit(size + 1)
        .lean<AuditRecord[]>();
      return { entries: found.slice(0, size), page: number, pageSize: size, hasMore: found.length > size };
    },
  };
}

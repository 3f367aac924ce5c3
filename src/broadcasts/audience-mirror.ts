/**
 * What a broadcast needs of each user (language, last message, opt-out, unreachable, first seen), copied into Redis
 * beside the users collection, so that planning a run for 100,000 people does not decode 100,000 documents
 * (FerretDB 1.x scans and decodes a whole collection for any filter but `_id`: about 160 µs a user here).
 *
 * One hash per field, keyed by the user's identity: each write sets its own fields and nothing is read back, so
 * writes from many processes cannot undo each other. The copy is kept in step by `mirroredUsers` on every write the
 * product makes through `Users`; a user it does not have (one written around it) is read from the database, and a
 * copy that counts fewer users than the collection is rebuilt from it before it lists everyone. It needs to be
 * right only for planning: the send worker reads the user again right before each bulk send (bulk-gate.ts).
 */
import type { Redis } from 'ioredis';
import { type AudienceUserFields, type AudienceUsers, usersInDatabase } from '../domain/broadcasts/audience.js';
import type { UserModel } from '../domain/users/user-model.js';

/** Users per Redis round trip when reading or rebuilding. */
const PAGE = 1_000;

const FIELDS = ['lang', 'last', 'out', 'unreach', 'since'] as const;
type Field = (typeof FIELDS)[number];

/** The fields a write changes, as the copy stores them. */
export interface MirroredChanges {
  language?: string;
  lastInboundAt?: number;
  optedOut?: boolean;
  unreachable?: boolean;
  /** When the bot first met them (epoch ms): written once. */
  firstSeen?: number;
}

export class AudienceMirror {
  private readonly keys: Record<Field, string>;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly users: UserModel,
  ) {
    this.keys = Object.fromEntries(FIELDS.map((field) => [field, `${prefix}:audience:${field}`])) as Record<
      Field,
      string
    >;
  }

  async write(identity: string, changes: MirroredChanges): Promise<void> {
    const pipeline = this.redis.pipeline();
    // Every user has a language entry: it is what lists them.
    if (changes.language !== undefined) pipeline.hset(this.keys.lang, identity, changes.language);
    else pipeline.hsetnx(this.keys.lang, identity, 'hi');
    if (changes.lastInboundAt !== undefined) pipeline.hset(this.keys.last, identity, changes.lastInboundAt);
    if (changes.optedOut !== undefined) pipeline.hset(this.keys.out, identity, changes.optedOut ? 1 : 0);
    if (changes.unreachable !== undefined) pipeline.hset(this.keys.unreach, identity, changes.unreachable ? 1 : 0);
    if (changes.firstSeen !== undefined) pipeline.hsetnx(this.keys.since, identity, changes.firstSeen);
    await pipeline.exec();
  }

  async remove(identity: string): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const field of FIELDS) pipeline.hdel(this.keys[field], identity);
    await pipeline.exec();
  }

  /** The users' fields: from the copy, and from the database for any the copy does not have. */
  asAudienceUsers(): AudienceUsers {
    return {
      byIds: async (ids) => {
        const found = new Map<string, AudienceUserFields>();
        for (let start = 0; start < ids.length; start += PAGE) {
          for (const user of await this.read(ids.slice(start, start + PAGE))) if (user) found.set(user._id, user);
        }
        const missing = ids.filter((id) => !found.has(id));
        if (missing.length > 0)
          for (const [id, user] of await usersInDatabase(this.users).byIds(missing)) found.set(id, user);
        return found;
      },
      all: () => this.all(),
    };
  }

  /** Copies every user of the collection (at start, or when the copy has fewer users than it). */
  async rebuild(): Promise<number> {
    let count = 0;
    let pipeline = this.redis.pipeline();
    for await (const user of usersInDatabase(this.users).all()) {
      const id = user._id;
      pipeline.hset(this.keys.lang, id, user.language === 'en' ? 'en' : 'hi');
      pipeline.hset(this.keys.last, id, user.lastInboundAt ? new Date(user.lastInboundAt).getTime() : 0);
      pipeline.hset(this.keys.out, id, user.optedOut ? 1 : 0);
      pipeline.hset(this.keys.unreach, id, user.unreachable?.code !== undefined ? 1 : 0);
      if (user.createdAt) pipeline.hset(this.keys.since, id, new Date(user.createdAt).getTime());
      count += 1;
      if (count % PAGE === 0) {
        await pipeline.exec();
        pipeline = this.redis.pipeline();
      }
    }
    await pipeline.exec();
    return count;
  }

  private async *all(): AsyncIterable<AudienceUserFields> {
    // Fewer users here than in the collection means some were written around the copy (imports, tests): then the
    // collection is copied and read again. The count runs while the copy is read: on MongoDB it is metadata, but
    // FerretDB on SQLite counts 100,000 users in about 1.8 s.
    const stored = this.users.estimatedDocumentCount().exec();
    stored.catch(() => undefined); // awaited below; not left unobserved if reading the copy fails first
    let users = await this.readAll();
    if (users.length < (await stored)) {
      await this.rebuild();
      users = await this.readAll();
    }
    yield* users;
  }

  private async readAll(): Promise<AudienceUserFields[]> {
    const users: AudienceUserFields[] = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.keys.lang, cursor, 'COUNT', PAGE);
      cursor = next;
      const ids = flat.filter((_, i) => i % 2 === 0);
      for (const user of await this.read(ids)) if (user) users.push(user);
    } while (cursor !== '0');
    return users;
  }

  /** The copy's fields of `ids`, in order; undefined for an id it does not have. */
  private async read(ids: readonly string[]): Promise<(AudienceUserFields | undefined)[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const field of FIELDS) pipeline.hmget(this.keys[field], ...ids);
    const results = (await pipeline.exec()) ?? [];
    const column = (field: Field) => (results[FIELDS.indexOf(field)]?.[1] ?? []) as (string | null)[];
    const [lang, last, out, unreach, since] = FIELDS.map(column) as (string | null)[][];
    return ids.map((id, i) => {
      const language = lang?.[i];
      if (language === null || language === undefined) return undefined;
      const lastInbound = Number(last?.[i] ?? 0);
      const firstSeen = since?.[i];
      return {
        _id: id,
        language,
        ...(lastInbound > 0 ? { lastInboundAt: new Date(lastInbound) } : {}),
        optedOut: out?.[i] === '1',
        ...(unreach?.[i] === '1' ? { unreachable: { code: 0 } } : {}),
        ...(firstSeen ? { createdAt: new Date(Number(firstSeen)) } : {}),
      };
    });
  }
}

/**
 * The knowledge base as the bot answers from it: the files of `flows/faq/` and the answers officers saved since
 * (added-entries.ts). Saving bumps a version in Redis; every worker compares it with the version it built its index
 * on (one GET per question) and rebuilds when it changed, which takes milliseconds: an officer's answer is used
 * at once, in every worker, without a restart.
 */
import type { Redis } from 'ioredis';
import { type AddedFaqEdit, type AddedFaqModel, type AddedFaqRecord, asFaqEntry } from '../domain/faq/added-entries.js';
import type { FaqEntry, KnowledgeBase } from '../domain/faq/knowledge-base.js';
import { buildEntryIndex, type FaqIndex } from '../nlu/faq-index.js';

export interface FaqNow {
  knowledgeBase: KnowledgeBase;
  index: FaqIndex;
}

export function knowledgeBaseOf(entries: readonly FaqEntry[]): KnowledgeBase {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return { entries, byId: (id) => byId.get(id) };
}

export class LiveFaq {
  private built: { version: string; now: FaqNow } | undefined;
  private readonly versionKey: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly files: KnowledgeBase,
    private readonly added: AddedFaqModel,
  ) {
    this.versionKey = `${prefix}:faq:version`;
  }

  async current(): Promise<FaqNow> {
    const version = (await this.redis.get(this.versionKey)) ?? '0';
    if (this.built?.version !== version) {
      const saved = (await this.added.find().lean<AddedFaqRecord[]>()).map(asFaqEntry);
      const entries = [...this.files.entries, ...saved];
      this.built = { version, now: { knowledgeBase: knowledgeBaseOf(entries), index: buildEntryIndex(entries) } };
    }
    return this.built.now;
  }

  /** Saves an officer's answer as an entry (once per ticket) and tells every worker to rebuild. */
  async save(entry: Omit<AddedFaqRecord, '_id'> & { ticketId: string }): Promise<void> {
    const { ticketId, ...fields } = entry;
    await this.added.updateOne({ _id: `added-${ticketId}` }, { $setOnInsert: fields }, { upsert: true });
    await this.redis.incr(this.versionKey);
  }

  /** A saved entry as stored; null for an id that names none (e.g. an entry of the files). */
  findAdded(id: string): Promise<AddedFaqRecord | null> {
    return this.added.findById(String(id)).lean<AddedFaqRecord>();
  }

  /** Changes a saved entry's answer or phrasings and tells every worker to rebuild; null when there is none. */
  async edit(id: string, edit: AddedFaqEdit, by: string, at: Date): Promise<AddedFaqRecord | null> {
    const fields = {
      ...(edit.answers ? { answers: edit.answers } : {}),
      ...(edit.phrasings ? { phrasings: edit.phrasings } : {}),
      editedBy: by,
      editedAt: at,
    };
    const updated = await this.added
      .findOneAndUpdate({ _id: String(id) }, { $set: fields }, { returnDocument: 'after' })
      .lean<AddedFaqRecord>();
    if (updated) await this.redis.incr(this.versionKey);
    return updated;
  }
}

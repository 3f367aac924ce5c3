/**
 * Writes what the status inbox gathered (status-inbox.ts) to the stored outbound messages: the provider's delivery
 * reports, and the send worker's record of each send (provider id, attempt). Batches are written one at a time
 * across all workers (the statuses queue's global concurrency is 1) and nothing else writes a status, so two
 * writes to one message never race.
 *
 * Reports arrive out of order, so a status only moves forward: a late "delivered" after "read" changes nothing.
 * FerretDB 1.x uses its index only for a filter that is `_id` alone (`{ _id, statusRank: { $lt } }` scans the
 * collection), so the forward-only check compares with the rank last written, then writes by `_id`. That rank comes
 * from Redis, where each write leaves it (see status-inbox.ts), or, when Redis no longer has it, from a read by `_id`.
 *
 * A report that carries our reference (the outbound id, which the channel echoed back) finds its message by `_id`
 * and stores the provider's id with it, so it needs nothing the send worker stores. A report without one can only
 * be matched by the provider's id (a scan on FerretDB): `reference` is optional in the Channel interface, and a
 * channel whose provider cannot echo it back reports this way. One that arrives before that id is stored is parked
 * and staged again when the send is recorded. Both sides write first and check second, so it is never lost between
 * them.
 */
import { type OutboundModel, type OutboundRecord, STATUS_RANK } from './outbound-model.js';
import type { StagedReport, StagedSend, StatusBatch, StatusInbox } from './status-inbox.js';

/** `missing`: a reference to no stored message (deleted, or never ours). */
export type StatusOutcome = 'applied' | 'stale' | 'parked' | 'missing';

/**
 * Messages of one batch written at the same time (each a write, and a read when Redis lacks its rank). Few: the
 * database takes one write at a time (SQLite under FerretDB), and a flush of a hundred messages at once made the
 * conversation's own writes wait behind it; at 100 messages/s, 16 at a time took the replies' p95 from about 160 ms
 * to 370–590 ms.
 */
const WRITES_IN_FLIGHT = 4;

/** Everything one batch holds for one message. */
interface MessageUpdate {
  id: string;
  report?: StagedReport;
  send?: StagedSend;
}

export class DeliveryStatusBook {
  constructor(
    private readonly outbound: OutboundModel,
    private readonly inbox: StatusInbox,
  ) {}

  /**
   * Writes one batch; counts the outcomes by message. A batch holds one entry per key, but a message can have a
   * report by reference and one by provider id: those by provider id (rare, see above) go after the rest, one at a
   * time, so that no two writes to one message run at once.
   */
  async applyBatch(batch: StatusBatch): Promise<Record<StatusOutcome, number>> {
    const counts: Record<StatusOutcome, number> = { applied: 0, stale: 0, parked: 0, missing: 0 };
    const updates = byMessage(batch);
    for (let start = 0; start < updates.length; start += WRITES_IN_FLIGHT) {
      for (const outcome of await this.applyAtOnce(updates.slice(start, start + WRITES_IN_FLIGHT))) {
        counts[outcome] += 1;
      }
    }
    for (const report of batch.reports.filter((staged) => staged.reference === undefined)) {
      counts[await this.applyByProviderId(report)] += 1;
    }
    return counts;
  }

  /** Writes updates of different messages at the same time, then remembers the ranks written. */
  private async applyAtOnce(updates: readonly MessageUpdate[]): Promise<StatusOutcome[]> {
    const known = await this.inbox.appliedRanks(updates.map((update) => update.id));
    const written: { id: string; rank: number }[] = [];
    const outcomes = await Promise.all(
      updates.map(async (update, index) => {
        let rank = known[index];
        if (rank === undefined) {
          const current = await this.outbound.findById(update.id, { statusRank: 1 }).lean<Current>();
          if (!current) return 'missing';
          rank = current.statusRank;
        }
        const moved = movesForward(update.report, rank);
        const outcome = await this.write(update, moved);
        if (moved && update.report) written.push({ id: update.id, rank: STATUS_RANK[update.report.status] });
        return outcome;
      }),
    );
    await this.inbox.rememberApplied(written);
    return outcomes;
  }

  private async applyByProviderId(report: StagedReport): Promise<StatusOutcome> {
    const current = await this.outbound.findOne({ providerId: report.providerId }, { statusRank: 1 }).lean<Current>();
    if (current) {
      const moved = movesForward(report, current.statusRank);
      const outcome = await this.write({ id: current._id, report }, moved);
      if (moved) await this.inbox.rememberApplied([{ id: current._id, rank: STATUS_RANK[report.status] }]);
      return outcome;
    }
    await this.inbox.park(report);
    // The id may have been stored while we parked: stage it again now rather than wait for a send that happened.
    if (await this.outbound.exists({ providerId: report.providerId }))
      await this.inbox.restageParked(report.providerId);
    return 'parked';
  }

  /** One write for the message's send and its report, the report only if it moves the status `forward`. */
  private async write(update: MessageUpdate, forward: boolean): Promise<StatusOutcome> {
    const { report, send } = update;
    if (!forward && !send) return 'stale';
    const set: Record<string, unknown> = {};
    const unset: Record<string, 1> = {};
    if (send) {
      set.providerId = send.providerId;
      // An earlier attempt's error no longer describes a message that went out.
      unset.error = 1;
    }
    if (forward && report) {
      set.status = report.status;
      set.statusRank = STATUS_RANK[report.status];
      // The provider's id too: the report may come before the send's record.
      set.providerId = report.providerId;
      // An error code describes the status it came with; one further along without a code clears it.
      if (report.errorCode !== undefined) set.errorCode = report.errorCode;
      else unset.errorCode = 1;
    }
    // A send is one more attempt, counted like the failed ones before it (each added one as it failed). A batch
    // resumed after a crash part-way through counts it again; attempts are for reading, nothing decides on them.
    const attempt = send ? { $inc: { attempts: 1 } } : {};
    await this.outbound.updateOne({ _id: update.id }, { $set: set, $unset: unset, ...attempt });
    return 'applied';
  }
}

type Current = Pick<OutboundRecord, '_id' | 'statusRank'>;

function movesForward(report: StagedReport | undefined, currentRank: number): boolean {
  return report !== undefined && STATUS_RANK[report.status] > currentRank;
}

/** The batch's entries with our reference, gathered by message. */
function byMessage(batch: StatusBatch): MessageUpdate[] {
  const updates = new Map<string, MessageUpdate>();
  const entry = (id: string) => {
    const known = updates.get(id);
    if (known) return known;
    const update: MessageUpdate = { id };
    updates.set(id, update);
    return update;
  };
  for (const report of batch.reports) if (report.reference !== undefined) entry(report.reference).report = report;
  for (const send of batch.sends) entry(send.outboundId).send = send;
  return [...updates.values()];
}

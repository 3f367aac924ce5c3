/**
 * A broadcast's report, counted from its stored messages (each carries the broadcast's id as `campaign`, indexed)
 * as the status callbacks left them: one aggregation, grouped by status, skip reason and error code. A message is
 * stored when it is sent (see `BulkMessage.deferRecord`), so the ones not stored yet are counted from the runs'
 * audience sizes: queued, or, for a cancelled broadcast, skipped as cancelled.
 */
import type { BroadcastReport } from '../domain/broadcasts/broadcast-desk.js';
import type { BroadcastRecord } from '../domain/broadcasts/broadcast-model.js';
import type { OutboundModel } from '../outbound/outbound-model.js';

interface Group {
  _id: { status: string; skipReason?: string | null; errorCode?: number | null };
  count: number;
}

export async function broadcastReport(outbound: OutboundModel, broadcast: BroadcastRecord): Promise<BroadcastReport> {
  const groups = await outbound.aggregate<Group>([
    { $match: { campaign: broadcast._id } },
    {
      $group: {
        _id: { status: '$status', skipReason: '$skipReason', errorCode: '$errorCode' },
        count: { $sum: 1 },
      },
    },
  ]);
  const report: BroadcastReport = { total: 0, queued: 0, sent: 0, delivered: 0, read: 0, failed: {}, skipped: {} };
  for (const { _id: key, count } of groups) {
    report.total += count;
    switch (key.status) {
      case 'pending':
      case 'queued':
      case 'sending':
        report.queued += count;
        break;
      case 'sent':
      case 'delivered':
      case 'read':
        report[key.status] += count;
        break;
      case 'skipped': {
        const reason = key.skipReason ?? 'opted_out';
        report.skipped[reason] = (report.skipped[reason] ?? 0) + count;
        break;
      }
      default: {
        const code = key.errorCode ? String(key.errorCode) : 'none';
        report.failed[code] = (report.failed[code] ?? 0) + count;
      }
    }
  }
  const planned = (broadcast.runSizes ?? []).reduce((sum, run) => sum + run.recipients, 0);
  const notStored = Math.max(0, planned - report.total);
  if (notStored > 0) {
    if (broadcast.status === 'cancelled') report.skipped.cancelled = (report.skipped.cancelled ?? 0) + notStored;
    else report.queued += notStored;
    report.total = planned;
  }
  return report;
}

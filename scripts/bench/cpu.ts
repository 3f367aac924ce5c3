/**
 * Where the CPU went during a benchmark phase: CPU time of every process this benchmark started (read from
 * /proc), and of everything else on the machine (other users' tests, the system), as a share of one core.
 * On a two-core machine the bot, FerretDB, Redis, the local Twilio server and the load generator all compete,
 * and other work on the machine distorts latencies; this makes both visible. Linux only; elsewhere it reports
 * nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

export interface CpuSnapshot {
  at: number;
  /** CPU seconds by process label. */
  byLabel: Map<string, number>;
  /** CPU seconds the whole machine spent busy (all cores). */
  machineBusy: number;
}

export interface CpuShare {
  seconds: number;
  /** label → % of one core over the interval. */
  shares: Array<[string, number]>;
  /** CPU seconds by label over the interval. */
  cpuSeconds: Map<string, number>;
}

function readStat(pid: number): { ppid: number; cpu: number; comm: string } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    // After "pid (comm) ": state ppid ... utime(14) stime(15), counted from 1 over the whole line.
    const fields = text
      .slice(close + 2)
      .trim()
      .split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { ppid: Number(fields[1]), cpu: (utime + stime) / TICKS_PER_SECOND, comm };
  } catch {
    return undefined;
  }
}

function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU seconds of this process and all its descendants, labelled: `named` pids keep their label (with their
 * descendants), this process is 'load generator', anything else by its command name (ferretdb, redis-server).
 */
export function cpuSnapshot(named: ReadonlyMap<number, string>): CpuSnapshot {
  const byLabel = new Map<string, number>();
  const stats = new Map<number, { ppid: number; cpu: number; comm: string }>();
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  } catch {
    return { at: performance.now(), byLabel, machineBusy: Number.NaN };
  }
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) stats.set(pid, stat);
  }
  const labelOf = (pid: number): string | undefined => {
    let current: number | undefined = pid;
    let own: string | undefined;
    for (let depth = 0; current !== undefined && current > 1 && depth < 50; depth++) {
      const name = named.get(current);
      if (name) return name;
      if (current === process.pid) return own ?? 'load generator';
      own ??= labelFromComm(stats.get(current)?.comm ?? '');
      current = stats.get(current)?.ppid;
    }
    return undefined;
  };
  for (const [pid, stat] of stats) {
    const label = pid === process.pid ? 'load generator' : labelOf(pid);
    if (label) byLabel.set(label, (byLabel.get(label) ?? 0) + stat.cpu);
  }
  return { at: performance.now(), byLabel, machineBusy: machineBusySeconds() };
}

function labelFromComm(comm: string): string | undefined {
  if (comm.startsWith('ferretdb')) return 'ferretdb';
  if (comm.startsWith('redis-server')) return 'redis';
  return undefined;
}

/** Shares of one core between two snapshots, largest first, with 'other processes' for the rest of the machine. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuShare {
  const seconds = (after.at - before.at) / 1000;
  const cpuSeconds = new Map<string, number>();
  let ours = 0;
  for (const [label, cpu] of after.byLabel) {
    const used = Math.max(0, cpu - (before.byLabel.get(label) ?? 0));
    cpuSeconds.set(label, used);
    ours += used;
  }
  const others = after.machineBusy - before.machineBusy - ours;
  if (Number.isFinite(others)) cpuSeconds.set('other processes', Math.max(0, others));
  const shares = [...cpuSeconds.entries()]
    .map(([label, used]): [string, number] => [label, seconds > 0 ? (used / seconds) * 100 : 0])
    .filter(([, share]) => share >= 0.5)
    .sort((a, b) => b[1] - a[1]);
  return { seconds, shares, cpuSeconds };
}

export function formatShares(share: CpuShare): string {
  if (share.shares.length === 0) return 'n/a';
  return share.shares.map(([label, pct]) => `${label} ${pct.toFixed(0)}%`).join(', ');
}

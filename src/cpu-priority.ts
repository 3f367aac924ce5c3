/**
 * Queue work yields the CPU to webhook acknowledgements where both share cores: Twilio waits for the acknowledgement
 * (and retries on a timeout), while queued work merely starts a little later. These lower the CPU priority (nice)
 * of a ROLE=worker process, or of ROLE=all's worker thread.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import type { Logger } from './log.js';

/** The calling process's main thread, and the threads it starts from now on (they inherit the value). */
export function lowerProcessPriority(nice: number, logger: Logger): void {
  lower(nice, logger, () => 0);
}

/**
 * The calling thread alone. Linux keeps a nice value per thread, and setpriority(2) given a thread id changes that
 * thread's; /proc/thread-self names the calling thread. Elsewhere this logs a warning and changes nothing.
 */
export function lowerThreadPriority(nice: number, logger: Logger): void {
  lower(nice, logger, () => {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(threadId)) throw new Error('/proc/thread-self does not name a thread id');
    return threadId;
  });
}

function lower(nice: number, logger: Logger, target: () => number): void {
  if (nice === 0) return;
  try {
    setPriority(target(), nice);
  } catch (error) {
    logger.warn({ err: error, nice }, 'could not lower the CPU priority of the queue workers');
  }
}

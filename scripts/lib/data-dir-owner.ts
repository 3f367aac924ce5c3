/**
 * One server per data folder. A server we start writes its pid to `<dir>/server.pid`; the next start finds a server
 * still running on that folder (its parent was killed before it could stop it, or another demo runs) and ends it
 * before starting a new one, with a line saying so, so two servers never write one folder. A pid that is no longer
 * that server (reused by another process) is left alone.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PID_FILE = 'server.pid';

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends a server named `program` left running on `dir`; returns its pid, or undefined when there was none. */
export async function endServerLeftOn(dir: string, program: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, PID_FILE), 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !commandLineOf(pid)?.includes(program)) {
    rmSync(join(dir, PID_FILE), { force: true });
    return undefined;
  }
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 5_000 && alive(pid); waited += 100) await sleep(100);
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; waited < 2_000 && alive(pid); waited += 50) await sleep(50);
  rmSync(join(dir, PID_FILE), { force: true });
  return pid;
}

export function recordServer(dir: string, pid: number | undefined): void {
  if (pid !== undefined) writeFileSync(join(dir, PID_FILE), `${pid}\n`);
}

export function forgetServer(dir: string): void {
  rmSync(join(dir, PID_FILE), { force: true });
}

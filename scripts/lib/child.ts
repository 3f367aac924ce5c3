/**
 * Child processes that must not outlive us: every one started here is killed when this process exits, however it
 * exits (normal end, Ctrl-C, SIGTERM, an uncaught error), and, on Linux, even when it is killed with SIGKILL and
 * runs no exit hook: the child is started through util-linux's `setpriv --pdeathsig SIGKILL`, which asks the
 * kernel to kill it when its parent dies (setpriv then execs the command, so the pid is the command's own).
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const SETPRIV = '/usr/bin/setpriv';
const withParentDeathSignal = process.platform === 'linux' && existsSync(SETPRIV);

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });
}

export function spawnOwned(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  installExitHook();
  const child = withParentDeathSignal
    ? spawn(SETPRIV, ['--pdeathsig', 'SIGKILL', '--', command, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...options,
      })
    : spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** Resolves with the first stdout line matching `pattern`; rejects if the child exits or the time runs out first. */
export function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
  what: string,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      if (stderr.length > 50) stderr.shift();
    });
    const timer = setTimeout(() => fail(`${what} did not become ready within ${timeoutMs} ms`), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) => fail(`${what} exited with code ${code} before it was ready`);
    function fail(message: string): void {
      clearTimeout(timer);
      lines.close();
      child.off('exit', onExit);
      reject(new Error(`${message}\n${stderr.join('').trim()}`));
    }
    child.once('exit', onExit);
    lines.on('line', (line) => {
      const match = line.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(match);
    });
  });
}

/** Sends SIGTERM, then SIGKILL if the child is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Graceful shutdown: on SIGTERM or SIGINT stop taking work, let what is in flight finish within a bound, then
 * close connections. Steps run in the order they were registered (HTTP server first, then workers, then the stores
 * they use), each bounded, so one stuck step cannot keep the process alive forever.
 */
import type { Logger } from './log.js';

export interface ShutdownStep {
  name: string;
  run: () => Promise<void>;
}

export class Shutdown {
  private readonly steps: ShutdownStep[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Registers a step to run just before step `before` (or last, if there is none by that name). */
  addBefore(before: string, name: string, run: () => Promise<void>): void {
    const index = this.steps.findIndex((step) => step.name === before);
    this.steps.splice(index === -1 ? this.steps.length : index, 0, { name, run });
  }

  /** Runs every step once; later calls return the same promise. */
  run(reason: string): Promise<void> {
    this.running ??= this.runSteps(reason);
    return this.running;
  }

  onSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void this.run(signal).then(
          () => exit(0),
          () => exit(1),
        );
      });
    }
  }

  private async runSteps(reason: string): Promise<void> {
    this.logger.info({ reason }, 'shutting down');
    const deadline = Date.now() + this.timeoutMs;
    for (const step of this.steps) {
      const remaining = Math.max(deadline - Date.now(), 100);
      try {
        await bounded(step.run(), remaining, step.name);
      } catch (error) {
        this.logger.error({ err: error, step: step.name }, 'shutdown step failed');
      }
    }
    this.logger.info('shutdown complete');
  }
}

function bounded(work: Promise<void>, ms: number, name: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

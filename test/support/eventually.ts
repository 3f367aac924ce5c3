/**
 * Waiting on a condition with a deadline instead of sleeping: `check` runs until it stops throwing (an `expect`
 * inside it is the usual way to say "not yet"), and its last error is reported when the deadline passes.
 */
export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`condition still unmet after ${timeoutMs} ms: ${reason}`, { cause: error });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

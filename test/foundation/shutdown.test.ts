/** The order of shutdown steps: what stops taking work goes first, the stores it uses last. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { Shutdown } from '../../src/shutdown.js';

describe('Shutdown', () => {
  const record = (ran: string[], name: string) => async () => {
    ran.push(name);
  };

  it('runs a step added before another just ahead of it, and one before an unknown step last', async () => {
    const ran: string[] = [];
    const shutdown = new Shutdown(createLogger('silent'), 1_000);
    shutdown.add('http', record(ran, 'http'));
    shutdown.add('queues', record(ran, 'queues'));
    shutdown.add('store', record(ran, 'store'));
    shutdown.addBefore('queues', 'worker thread', record(ran, 'worker thread'));
    shutdown.addBefore('nothing by this name', 'last', record(ran, 'last'));
    await shutdown.run('test');
    expect(ran).toEqual(['http', 'worker thread', 'queues', 'store', 'last']);
  });
});

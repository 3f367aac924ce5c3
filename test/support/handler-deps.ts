/**
 * The dependencies the inbound worker gives `handleInbound`, built on a test bot's own database and queues, for
 * tests that run a turn directly (a crash between two writes, a turn run twice).
 */
import { createForgetUser } from '../../src/inbound/forget-user.js';
import type { InboundHandlerDeps } from '../../src/inbound/handle-inbound.js';
import { productTurnEventHandlers } from '../../src/inbound/turn-events.js';
import { createOutboundDispatcher } from '../../src/outbound/dispatch.js';
import { SendOrder } from '../../src/outbound/send-order.js';
import type { TestBot } from './bot.js';

export function inboundHandlerDeps(bot: TestBot, overrides: Partial<InboundHandlerDeps> = {}): InboundHandlerDeps {
  const { runtime } = bot;
  return {
    users: runtime.domain.users,
    sessions: runtime.domain.sessions,
    events: productTurnEventHandlers({
      users: runtime.domain.users,
      tickets: runtime.domain.tickets,
      startFanOut: (kind, key, payload, at) => runtime.fanOut.start(kind, key, payload, at),
      logger: runtime.logger,
    }),
    forgetUser: createForgetUser({ ...runtime.domain, outbound: runtime.models.outbound, logger: runtime.logger }),
    engine: runtime.engine,
    dispatcher: createOutboundDispatcher({
      outbound: runtime.models.outbound,
      queue: runtime.queues.outbound,
      channels: runtime.channels,
      order: new SendOrder(runtime.redis, bot.config.queuePrefix),
      maxAttempts: 3,
    }),
    sessionIdleMs: 60 * 60_000,
    logger: runtime.logger,
    ...overrides,
  };
}

/**
 * What a turn asks to be recorded besides the session (consent, a ticket for an officer, a failed flow, an erasure)
 * goes to the handler registered under the event's name. The map must name a handler for every event type, so a new
 * event cannot be forgotten here; each handler is idempotent by the event's key.
 */
import type { KeyedTurnEvent, TurnEventOf, TurnEventType } from '../conversation/turn.js';
import type { Tickets } from '../domain/tickets/tickets.js';
import type { Users } from '../domain/users/users.js';
import type { Logger } from '../log.js';

export interface TurnEventContext {
  phone: string;
  messageKey: string;
  at: Date;
  language: 'hi' | 'en';
  /** What the handlers ask of the rest of the message's handling. */
  outcome: { forgetUser: boolean };
}

export type TurnEventHandler<Type extends TurnEventType> = (
  event: TurnEventOf<Type> & { key: string },
  context: TurnEventContext,
) => Promise<void> | void;

export type TurnEventHandlerMap = { [Type in TurnEventType]: TurnEventHandler<Type> };

export interface TurnEventHandlers {
  handle(events: readonly KeyedTurnEvent[], context: TurnEventContext): Promise<void>;
}

export function turnEventHandlers(handlers: TurnEventHandlerMap): TurnEventHandlers {
  return {
    async handle(events, context) {
      for (const event of events) {
        const handler = handlers[event.type] as TurnEventHandler<typeof event.type>;
        await handler(event as never, context);
      }
    },
  };
}

/** Starts a fan-out of `kind` under a business key (no phone number in it); starting it again adds nothing. */
export type StartFanOut = (kind: string, key: string, payload: Record<string, unknown>, at?: number) => Promise<void>;

/**
 * The product's handlers: consent on the user's record, tickets for officers, failures in the log, erasure, and
 * messages to other people through the fan-out.
 */
export function productTurnEventHandlers(deps: {
  users: Users;
  tickets: Tickets;
  startFanOut: StartFanOut;
  /** Follows a change of consent elsewhere (a seller who opts out is no longer matched). */
  afterConsent?: (phone: string) => Promise<void>;
  logger: Logger;
}): TurnEventHandlers {
  return turnEventHandlers({
    consent: async (event, { phone, at }) => {
      await deps.users.apply(phone, {}, [
        {
          kind: event.kind,
          at,
          evidence: event.evidence,
          ...(event.statement ? { statement: event.statement } : {}),
          key: event.key,
        },
      ]);
      await deps.afterConsent?.(phone);
    },
    handoff: (event, { phone, language }) =>
      deps.tickets.open(event.key, {
        phone,
        language,
        topic: event.topic ?? event.flowId,
        question: event.question,
        answers: event.answers,
        flowId: event.flowId,
      }),
    flow_failed: (event) => {
      deps.logger.error(
        { flowId: event.flowId, stepId: event.stepId, reason: event.reason, key: event.key },
        'flow failed',
      );
    },
    forget_user: (_event, { outcome }) => {
      outcome.forgetUser = true;
    },
    // Keyed by the step that raised it: the turn run again after a crash starts the same fan-out, which adds nothing.
    fan_out: (event) => deps.startFanOut(event.kind, `${event.kind}:${event.key}`, event.payload, event.at),
  });
}

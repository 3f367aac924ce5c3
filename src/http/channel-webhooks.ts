/**
 * Webhooks of every configured channel: `POST /webhooks/<channel>/inbound` for messages and
 * `POST /webhooks/<channel>/status` for delivery reports. A request is verified against the configured public URL
 * (never one guessed from headers) before anything is stored, and answered as soon as the message is safely queued.
 */
import { type Request, type Response, Router } from 'express';
import type { Channel, WebhookRequest } from '../channels/channel.js';
import type { ChannelRegistry } from '../channels/channel-registry.js';
import { InvalidInboundError } from '../errors.js';
import { type Intake, IntakeUnavailableError } from '../inbound/intake.js';
import type { Metrics } from '../metrics.js';

export interface WebhookDeps {
  channels: ChannelRegistry;
  publicBaseUrl: string;
  /** Redis, or the local spool when Redis is away (inbound/intake.ts). */
  intake: Intake;
  metrics: Metrics;
}

/** Twilio's fallback URL takes over on a 5xx; a retry a few seconds later may find Redis or the disk back. */
const UNAVAILABLE_RETRY_AFTER_S = '5';

function unavailable(res: Response, error: IntakeUnavailableError): void {
  res.req.log.error({ err: error }, 'webhook refused: neither Redis nor the spool could keep it');
  res.status(503).set('retry-after', UNAVAILABLE_RETRY_AFTER_S).json({ error: 'unavailable' });
}

export function channelWebhookRoutes(deps: WebhookDeps): Router {
  const router = Router();

  router.post('/webhooks/:channel/inbound', async (req, res) => {
    const channel = verified(deps, req, res);
    if (!channel) return;
    const message = parsed(res, () => channel.parseInbound(webhookRequest(deps, req)));
    if (!message) return;
    let outcome: Awaited<ReturnType<Intake['inbound']>>;
    try {
      outcome = await deps.intake.inbound(message);
    } catch (error) {
      if (!(error instanceof IntakeUnavailableError)) throw error;
      return unavailable(res, error);
    }
    deps.metrics.inboundMessages.inc({ channel: channel.name, outcome });
    res.type(channel.webhookAck.contentType).send(channel.webhookAck.body);
  });

  router.post('/webhooks/:channel/status', async (req, res) => {
    const channel = verified(deps, req, res);
    if (!channel) return;
    const update = parsed(res, () => channel.parseStatus(webhookRequest(deps, req)));
    if (!update) return;
    try {
      await deps.intake.status(channel.name, update);
    } catch (error) {
      if (!(error instanceof IntakeUnavailableError)) throw error;
      return unavailable(res, error);
    }
    res.type(channel.webhookAck.contentType).send(channel.webhookAck.body);
  });

  return router;
}

function webhookRequest(deps: WebhookDeps, req: Request): WebhookRequest {
  return {
    url: `${deps.publicBaseUrl}${req.originalUrl}`,
    headers: req.headers,
    body: (req.body ?? {}) as Record<string, unknown>,
  };
}

/** The channel named in the path, if the request really comes from it; otherwise answers 404 or 403. */
function verified(deps: WebhookDeps, req: Request, res: Response): Channel | undefined {
  const channel = deps.channels.find(String(req.params.channel));
  if (!channel) {
    res.status(404).json({ error: 'unknown_channel' });
    return undefined;
  }
  if (!channel.verify(webhookRequest(deps, req))) {
    deps.metrics.inboundMessages.inc({ channel: channel.name, outcome: 'rejected' });
    req.log.warn({ channel: channel.name }, 'webhook signature invalid');
    res.status(403).json({ error: 'invalid_signature' });
    return undefined;
  }
  return channel;
}

function parsed<T>(res: Response, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof InvalidInboundError)) throw error;
    res.req.log.warn({ err: error }, 'webhook body invalid');
    res.status(400).json({ error: 'invalid_body', detail: error.message });
    return undefined;
  }
}

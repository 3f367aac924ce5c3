/**
 * The simulator as a channel: a person chats in a web page as any phone number, and the bot's replies go through
 * the same queue as WhatsApp's, ending up in the page instead of at Twilio. Its inbound path is the simulator's
 * own JSON API (no signature to check), so its webhook verification always refuses.
 */
import { InvalidInboundError } from '../../errors.js';
import type { Channel, InboundMessage, OutboundMessage, SendResult, WebhookRequest } from '../channel.js';
import { SimulatorTranscript } from './simulator-transcript.js';

export const SIMULATOR_CHANNEL = 'simulator';
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A simulated person is `sim:<number>`, never the bare number: users, sessions, sellers and consent are keyed by
 * this identity, so a number typed in the simulator can never act as (or opt out) the WhatsApp user with that
 * number. The WhatsApp channel only ever produces bare E.164 numbers.
 */
const SIMULATED = 'sim:';

export function simulatedIdentity(phone: string): string {
  return `${SIMULATED}${phone}`;
}

/** The number shown in the page for a simulated identity. */
export function simulatedPhone(identity: string): string {
  return identity.startsWith(SIMULATED) ? identity.slice(SIMULATED.length) : identity;
}

export function createSimulatorChannel(transcript: SimulatorTranscript): Channel {
  return {
    name: SIMULATOR_CHANNEL,
    // As on WhatsApp, so that long answers are split the same way.
    maxTextLength: 1600,
    webhookAck: { contentType: 'application/json', body: '{"ok":true}' },

    verify: () => false,

    parseInbound(request: WebhookRequest): InboundMessage {
      const { from, text, choiceId } = request.body as { from?: unknown; text?: unknown; choiceId?: unknown };
      if (typeof from !== 'string' || !E164.test(from)) {
        throw new InvalidInboundError(SIMULATOR_CHANNEL, 'from must be a phone number like +919812345678');
      }
      if (typeof text !== 'string' || (text.trim() === '' && typeof choiceId !== 'string')) {
        throw new InvalidInboundError(SIMULATOR_CHANNEL, 'text is required');
      }
      if (text.length > 4096) throw new InvalidInboundError(SIMULATOR_CHANNEL, 'text is longer than 4096 characters');
      return {
        channel: SIMULATOR_CHANNEL,
        messageId: SimulatorTranscript.newId('SMI'),
        from: simulatedIdentity(from),
        to: 'simulator',
        text,
        ...(typeof choiceId === 'string' && choiceId !== '' ? { choiceId } : {}),
        attachments: [],
        receivedAt: new Date(),
      };
    },

    parseStatus(): never {
      throw new InvalidInboundError(SIMULATOR_CHANNEL, 'the simulator reports no delivery status');
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      const id = SimulatorTranscript.newId('SIM');
      await transcript.append({
        id,
        phone: simulatedPhone(message.to),
        direction: 'out',
        text: message.text,
        ...(message.choices ? { choices: message.choices } : {}),
        at: new Date().toISOString(),
      });
      return { providerId: id, status: 'delivered' };
    },
  };
}

/**
 * The WhatsApp channel over Twilio: verifies and parses Twilio's webhooks and sends through the twilio SDK.
 * With `apiBaseUrl` set (TWILIO_API_BASE_URL), the SDK's requests go to that server instead of api.twilio.com;
 * everything else, including the SDK's request building and error handling, stays the production path.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import type { MessageListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/message.js';
import { ConfigError } from '../../errors.js';
import type { Channel, OutboundMessage, SendResult, WebhookRequest } from '../channel.js';
import { type ObservedResponse, RedirectingHttpClient } from './http-client.js';
import { toSendError } from './twilio-errors.js';
import { parseInboundFields, parseStatusFields, toDeliveryStatus, toWhatsappAddress } from './twilio-params.js';

export interface TwilioChannelOptions {
  accountSid: string;
  authToken: string;
  /** Our WhatsApp sender, 'whatsapp:+E164'. At least one of `from` and `messagingServiceSid` is required. */
  from: string | undefined;
  messagingServiceSid?: string;
  /**
   * Public URL Twilio posts delivery statuses to; none are requested without it. A message sent with a `reference`
   * gets it appended as the `ref` query parameter, which Twilio signs with the rest of the URL.
   */
  statusCallbackUrl?: string;
  /** Base URL of a Twilio-compatible API (the local server); unset in production. */
  apiBaseUrl?: string;
  /** The key the channel is registered under. Default 'whatsapp'. */
  name?: string;
}

/** Twilio's limit for one message body; longer text must be split by the caller. */
export const TWILIO_MAX_TEXT_LENGTH = 1600;
const SIGNATURE_HEADER = 'x-twilio-signature';
/** The status callback URL's query parameter that carries our id of the message. */
const REFERENCE_PARAM = 'ref';

export function createTwilioChannel(opts: TwilioChannelOptions): Channel {
  const name = opts.name ?? 'whatsapp';
  if (!opts.from && !opts.messagingServiceSid) {
    throw new ConfigError('TWILIO_WHATSAPP_FROM', 'a whatsapp:+E.164 sender (or TWILIO_MESSAGING_SERVICE_SID)');
  }
  // The SDK's errors drop response headers; this carries each send's last response (and its Retry-After) back
  // from the HTTP client to the send that caused it, even with many sends in flight.
  const responses = new AsyncLocalStorage<{ last?: ObservedResponse }>();
  const httpClient = opts.apiBaseUrl
    ? new RedirectingHttpClient({
        baseUrl: opts.apiBaseUrl,
        onResponse: (response) => {
          const slot = responses.getStore();
          if (slot) slot.last = response;
        },
      })
    : undefined;
  const client = createClient(opts.accountSid, opts.authToken, httpClient);

  const createParams = (message: OutboundMessage): MessageListInstanceCreateOptions => {
    const params: MessageListInstanceCreateOptions = { to: toWhatsappAddress(message.to) };
    if (opts.from) params.from = opts.from;
    if (opts.messagingServiceSid) params.messagingServiceSid = opts.messagingServiceSid;
    if (opts.statusCallbackUrl) params.statusCallback = statusCallbackFor(opts.statusCallbackUrl, message.reference);
    if (message.template) {
      // An approved template is the only thing WhatsApp delivers outside the 24-hour window; the body is in it.
      params.contentSid = message.template.contentSid;
      params.contentVariables = JSON.stringify(message.template.variables);
      return params;
    }
    params.body = message.text;
    if (message.mediaUrls && message.mediaUrls.length > 0) params.mediaUrl = message.mediaUrls;
    return params;
  };

  return {
    name,
    maxTextLength: TWILIO_MAX_TEXT_LENGTH,
    // Empty TwiML: the reply is sent later through the API, not in the webhook response.
    webhookAck: { contentType: 'text/xml', body: '<?xml version="1.0" encoding="UTF-8"?><Response/>' },

    verify(request: WebhookRequest): boolean {
      const signature = headerValue(request.headers, SIGNATURE_HEADER);
      if (!signature) return false;
      try {
        return twilio.validateRequest(opts.authToken, signature, request.url, formParams(request.body));
      } catch {
        // An unparsable URL cannot carry a valid signature.
        return false;
      }
    },

    parseInbound: (request) => parseInboundFields(name, request.body),
    parseStatus(request) {
      const update = parseStatusFields(name, request.body);
      const reference = referenceIn(request.url);
      return reference ? { ...update, reference } : update;
    },

    async findSent(to, since) {
      try {
        const found = await client.messages.list({ to: toWhatsappAddress(to), dateSentAfter: since, limit: 50 });
        return found.map((sent) => ({ providerId: sent.sid, text: sent.body ?? '' }));
      } catch (error) {
        throw toSendError(name, error, undefined);
      }
    },

    async send(message: OutboundMessage): Promise<SendResult> {
      const slot: { last?: ObservedResponse } = {};
      try {
        const created = await responses.run(slot, () => client.messages.create(createParams(message)));
        // A new message is 'queued', or 'accepted'/'scheduled' while a Messaging Service holds it (both map to queued).
        return { providerId: created.sid, status: toDeliveryStatus(created.status) ?? 'queued' };
      } catch (error) {
        throw toSendError(name, error, slot.last?.headers);
      }
    },
  };
}

function createClient(accountSid: string, authToken: string, httpClient: RedirectingHttpClient | undefined) {
  try {
    return twilio(accountSid, authToken, httpClient ? { httpClient } : {});
  } catch (error) {
    // The SDK checks the SID's shape at construction; report it as the configuration problem it is.
    throw new ConfigError('TWILIO_ACCOUNT_SID', `an Account SID starting with AC (${String(error)})`);
  }
}

/**
 * The configured URL with `ref=<reference>` appended. The configured part is kept byte for byte (no URL
 * normalization): Twilio signs the URL exactly as given here, and verification uses the URL as Twilio called it.
 */
function statusCallbackFor(url: string, reference: string | undefined): string {
  if (!reference) return url;
  const separator = url.includes('?') ? (url.endsWith('?') || url.endsWith('&') ? '' : '&') : '?';
  return `${url}${separator}${REFERENCE_PARAM}=${encodeURIComponent(reference)}`;
}

/** The reference a status callback's URL carries, if any (the URL is covered by the verified signature). */
function referenceIn(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get(REFERENCE_PARAM) || undefined;
  } catch {
    return undefined;
  }
}

function headerValue(headers: WebhookRequest['headers'], name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}

/** The signature covers the form fields as strings; repeated fields arrive as arrays and are signed as such. */
function formParams(body: Record<string, unknown>): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value)) params[key] = value.map(String);
    else if (value !== undefined && value !== null) params[key] = String(value);
  }
  return params;
}

/**
 * Builds inbound WhatsApp webhooks the way Twilio sends them: the same field set and the same X-Twilio-Signature,
 * computed with the SDK's own function. Tests, the demo and the benchmark use these instead of hand-made bodies so
 * that the webhook handler is exercised with exactly what production will receive.
 */
import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

export const TWILIO_API_VERSION = '2010-04-01';
const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** A Twilio SID: two-letter type prefix and 32 hex digits, e.g. 'SM0123…'. */
export function randomSid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

/** '+919812345678' or 'whatsapp:+919812345678' → 'whatsapp:+919812345678'. */
export function whatsappAddress(number: string): string {
  return number.startsWith('whatsapp:') ? number : `whatsapp:${number}`;
}

export interface SignedInboundOptions {
  /** The public URL Twilio would call, exactly as configured in the console (it is part of the signature). */
  webhookUrl: string;
  authToken: string;
  params: Record<string, string>;
}

export interface SignedInboundRequest {
  headers: Record<string, string>;
  body: string;
}

export function signedInboundRequest(opts: SignedInboundOptions): SignedInboundRequest {
  return {
    headers: {
      'Content-Type': FORM_CONTENT_TYPE,
      'User-Agent': 'TwilioProxy/1.1',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(opts.authToken, opts.webhookUrl, opts.params),
    },
    body: new URLSearchParams(opts.params).toString(),
  };
}

/** Sends a signed inbound webhook; the caller reads the response (status, TwiML). */
export function postSignedInbound(opts: SignedInboundOptions & { signal?: AbortSignal }): Promise<Response> {
  const { headers, body } = signedInboundRequest(opts);
  return fetch(opts.webhookUrl, { method: 'POST', headers, body, signal: opts.signal });
}

export interface InboundMedia {
  url: string;
  contentType: string;
}

export interface WhatsappInboundOptions {
  /** The user's number, '+E164' or 'whatsapp:+E164'. */
  from: string;
  /** Our WhatsApp sender, '+E164' or 'whatsapp:+E164'. */
  to: string;
  body: string;
  accountSid: string;
  messageSid?: string;
  profileName?: string;
  /** The id of a tapped quick-reply button (Twilio's ButtonPayload). */
  buttonPayload?: string;
  buttonText?: string;
  media?: InboundMedia[];
  location?: { latitude: number; longitude: number; address?: string; label?: string };
  messagingServiceSid?: string;
}

/** The full form-field set of one inbound WhatsApp message, as Twilio posts it to the webhook. */
export function whatsappInboundParams(opts: WhatsappInboundOptions): Record<string, string> {
  const media = opts.media ?? [];
  const messageSid = opts.messageSid ?? randomSid(media.length > 0 ? 'MM' : 'SM');
  const from = whatsappAddress(opts.from);
  const params: Record<string, string> = {
    SmsMessageSid: messageSid,
    NumMedia: String(media.length),
    SmsSid: messageSid,
    SmsStatus: 'received',
    Body: opts.body,
    To: whatsappAddress(opts.to),
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: messageSid,
    AccountSid: opts.accountSid,
    From: from,
    ApiVersion: TWILIO_API_VERSION,
    WaId: from.replace(/^whatsapp:\+/, ''),
    MessageType: messageType(opts),
  };
  if (opts.profileName !== undefined) params.ProfileName = opts.profileName;
  if (opts.messagingServiceSid !== undefined) params.MessagingServiceSid = opts.messagingServiceSid;
  if (opts.buttonPayload !== undefined) params.ButtonPayload = opts.buttonPayload;
  if (opts.buttonText !== undefined) params.ButtonText = opts.buttonText;
  media.forEach((item, index) => {
    params[`MediaContentType${index}`] = item.contentType;
    params[`MediaUrl${index}`] = item.url;
  });
  if (opts.location) {
    params.Latitude = String(opts.location.latitude);
    params.Longitude = String(opts.location.longitude);
    if (opts.location.address !== undefined) params.Address = opts.location.address;
    if (opts.location.label !== undefined) params.Label = opts.location.label;
  }
  return params;
}

function messageType(opts: WhatsappInboundOptions): string {
  if (opts.buttonPayload !== undefined) return 'button';
  if (opts.location) return 'location';
  const first = opts.media?.[0];
  if (!first) return 'text';
  const kind = first.contentType.split('/')[0];
  return kind === 'image' || kind === 'video' || kind === 'audio' ? kind : 'document';
}

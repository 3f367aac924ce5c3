/**
 * Reads Twilio's webhook form fields (inbound WhatsApp messages and status callbacks) into the channel-neutral
 * types. Twilio adds fields without notice, so anything not read here is ignored rather than rejected.
 */
import { InvalidInboundError } from '../../errors.js';
import type { Attachment, DeliveryStatus, InboundMessage, Location, PhoneNumber, StatusUpdate } from '../channel.js';

type Fields = Record<string, unknown>;

const E164 = /^\+[1-9]\d{1,14}$/;
const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/** Twilio's message statuses, folded into ours; 'receiving'/'received' describe inbound messages and are refused. */
const STATUS_MAP: Readonly<Record<string, DeliveryStatus>> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  partially_delivered: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

export function parseInboundFields(channel: string, fields: Fields, receivedAt = new Date()): InboundMessage {
  const messageId = required(channel, fields, 'MessageSid');
  const message: InboundMessage = {
    channel,
    messageId,
    from: phoneNumber(channel, fields, 'From'),
    to: phoneNumber(channel, fields, 'To'),
    text: field(fields, 'Body') ?? '',
    attachments: attachments(fields),
    receivedAt,
  };
  const profileName = field(fields, 'ProfileName');
  if (profileName) message.profileName = profileName;
  // Quick-reply buttons report their id as ButtonPayload; list-picker rows as ListId.
  const choiceId = field(fields, 'ButtonPayload') || field(fields, 'ListId');
  if (choiceId) message.choiceId = choiceId;
  const place = location(channel, fields, messageId);
  if (place) message.location = place;
  return message;
}

export function parseStatusFields(channel: string, fields: Fields, at = new Date()): StatusUpdate {
  const providerId = required(channel, fields, 'MessageSid');
  const twilioStatus = field(fields, 'MessageStatus') ?? field(fields, 'SmsStatus');
  if (!twilioStatus) throw new InvalidInboundError(channel, 'status callback without MessageStatus', { providerId });
  const status = toDeliveryStatus(twilioStatus);
  if (!status) throw new InvalidInboundError(channel, `unknown message status '${twilioStatus}'`, { providerId });
  const update: StatusUpdate = { providerId, status, at };
  const errorCode = field(fields, 'ErrorCode');
  if (errorCode) {
    const parsed = Number(errorCode);
    if (!Number.isInteger(parsed)) {
      throw new InvalidInboundError(channel, `ErrorCode '${errorCode}' is not a number`, { providerId });
    }
    update.errorCode = parsed;
  }
  return update;
}

export function toDeliveryStatus(twilioStatus: string): DeliveryStatus | undefined {
  return Object.hasOwn(STATUS_MAP, twilioStatus) ? STATUS_MAP[twilioStatus] : undefined;
}

/** 'whatsapp:+919812345678' → '+919812345678'. Plain '+E164' (SMS) is accepted as is. */
export function toE164(address: string): PhoneNumber | undefined {
  const number = address.replace(/^whatsapp:/, '').trim();
  return E164.test(number) ? number : undefined;
}

/** '+919812345678' → 'whatsapp:+919812345678'; an address that already has the prefix is kept. */
export function toWhatsappAddress(number: PhoneNumber): string {
  return number.startsWith('whatsapp:') ? number : `whatsapp:${number}`;
}

/** A form field as one string; parsers may give repeated fields as arrays, of which the first counts. */
function field(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

function required(channel: string, fields: Fields, name: string): string {
  const value = field(fields, name);
  if (!value) throw new InvalidInboundError(channel, `missing ${name}`, { field: name });
  return value;
}

function phoneNumber(channel: string, fields: Fields, name: 'From' | 'To'): PhoneNumber {
  const raw = required(channel, fields, name);
  const number = toE164(raw);
  if (!number) throw new InvalidInboundError(channel, `${name} is not a whatsapp:+E.164 address`, { field: name });
  return number;
}

/** Reads MediaUrl{N}/MediaContentType{N}; NumMedia says how many, and absent fields end the list early. */
function attachments(fields: Fields): Attachment[] {
  const declared = Number(field(fields, 'NumMedia') ?? '0');
  const count = Number.isInteger(declared) && declared > 0 ? declared : 0;
  const found: Attachment[] = [];
  for (let index = 0; index < count; index += 1) {
    const url = field(fields, `MediaUrl${index}`);
    if (!url) break;
    found.push({ url, contentType: field(fields, `MediaContentType${index}`) || DEFAULT_MEDIA_TYPE });
  }
  return found;
}

function location(channel: string, fields: Fields, messageId: string): Location | undefined {
  const latitude = field(fields, 'Latitude');
  const longitude = field(fields, 'Longitude');
  if (!latitude && !longitude) return undefined;
  const place: Location = { latitude: Number(latitude), longitude: Number(longitude) };
  const valid =
    Number.isFinite(place.latitude) &&
    Number.isFinite(place.longitude) &&
    Math.abs(place.latitude) <= 90 &&
    Math.abs(place.longitude) <= 180;
  if (!latitude || !longitude || !valid) {
    throw new InvalidInboundError(channel, 'Latitude/Longitude are not a valid position', { messageId });
  }
  const address = field(fields, 'Address');
  const label = field(fields, 'Label');
  if (address) place.address = address;
  if (label) place.label = label;
  return place;
}

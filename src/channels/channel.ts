/**
 * The one interface every messaging channel implements (Twilio WhatsApp, the local simulator, later Meta's Cloud
 * API). Nothing outside `src/channels/` knows a channel's wire format or parameter names.
 */

/** A phone number in E.164 form, with the leading '+', e.g. '+919812345678'. */
export type PhoneNumber = string;

export interface Attachment {
  url: string;
  contentType: string;
}

export interface Location {
  latitude: number;
  longitude: number;
  address?: string;
  label?: string;
}

/** An inbound message after normalization: what the conversation layer sees. */
export interface InboundMessage {
  /** The channel that received it (the key it is registered under, e.g. 'whatsapp', 'simulator'). */
  channel: string;
  /** Provider id, unique per message; duplicates of one delivery share it. */
  messageId: string;
  from: PhoneNumber;
  to: PhoneNumber;
  /** The profile name the sender's app shows, when the channel gives one. */
  profileName?: string;
  text: string;
  /** Id of the tapped button or list row, when the message is a reply to an interactive message. */
  choiceId?: string;
  attachments: Attachment[];
  location?: Location;
  receivedAt: Date;
}

/** One selectable option of an interactive message; the numbered-text fallback is rendered from the same data. */
export interface ChoiceOption {
  id: string;
  title: string;
  description?: string;
}

/** What the conversation layer asks a channel to deliver. */
export interface OutboundMessage {
  to: PhoneNumber;
  /** Plain text; always present so that every message degrades to text. */
  text: string;
  /** Interactive choices shown as buttons (≤ 3) or a list (≤ 10) where the channel can; numbered text otherwise. */
  choices?: ChoiceOption[];
  /** Button label of a list picker. */
  listButton?: string;
  mediaUrls?: string[];
  /** An approved template, for messages outside the 24-hour window. */
  template?: { contentSid: string; variables: Record<string, string> };
  /**
   * Our own id for the message (the outbound document's id). A channel that can have it echoed in its delivery
   * reports does so, and returns it as `StatusUpdate.reference`, so reports find the message without the
   * provider's id.
   */
  reference?: string;
}

export interface SendResult {
  /** The provider's id for the message (Twilio's `SM…`), used to match status callbacks. */
  providerId: string;
  status: DeliveryStatus;
}

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed';

/** A status report from the provider about a message we sent. */
export interface StatusUpdate {
  providerId: string;
  /** The `reference` the message was sent with, when the channel could carry it back. */
  reference?: string;
  status: DeliveryStatus;
  errorCode?: number;
  at: Date;
}

/** Raw HTTP request data a channel needs to verify and parse a webhook. */
export interface WebhookRequest {
  /** The public URL the provider called (scheme, host, path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed form or JSON body. */
  body: Record<string, unknown>;
}

export interface Channel {
  readonly name: string;
  /** True when the request really comes from the provider (e.g. a valid Twilio signature). */
  verify(request: WebhookRequest): boolean;
  /** Turns a verified inbound webhook into a normalized message, or throws `InvalidInboundError`. */
  parseInbound(request: WebhookRequest): InboundMessage;
  /** Turns a verified status callback into a status update, or throws `InvalidInboundError`. */
  parseStatus(request: WebhookRequest): StatusUpdate;
  /** Sends one message (already split under the channel's length limit). Throws `SendError` on failure. */
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * Messages sent to `to` since `since`, newest first, for a send whose outcome is unknown (the process died
   * between handing it to the provider and reading the answer): finding it there means it must not be sent again.
   * A channel that cannot look its messages up leaves this out.
   */
  findSent?(to: string, since: Date): Promise<{ providerId: string; text: string }[]>;
  /** The longest plain text one message may carry. */
  readonly maxTextLength: number;
  /** What to answer a verified webhook with (the work itself happens after the answer). */
  readonly webhookAck: { contentType: string; body: string };
}

/**
 * What the admin API is given: the domain services the runtime built (the same the WhatsApp flows use), the
 * officers' guards and audit trail from the accounts module, and the few settings it shows (the bot's number).
 */
import type { Request, RequestHandler } from 'express';
import type { BroadcastDesk } from '../../domain/broadcasts/broadcast-desk.js';
import type { AddedFaqEdit, AddedFaqRecord } from '../../domain/faq/added-entries.js';
import type { KnowledgeBase } from '../../domain/faq/knowledge-base.js';
import type { Groups } from '../../domain/groups/groups.js';
import type { Inquiries } from '../../domain/inquiries/inquiries.js';
import type { ProgrammeNumbers } from '../../domain/numbers/programme-numbers.js';
import type { Sellers } from '../../domain/sellers/sellers.js';
import type { Tickets } from '../../domain/tickets/tickets.js';
import type { PersonRefs } from './person-ref.js';

export interface AuditEntry {
  /** What was done, e.g. `group.member.mute`. */
  what: string;
  /** What it was done to, e.g. `group:RICE24`; never a phone number. */
  target: string;
  before: unknown;
  after: unknown;
}

/** The knowledge base the bot answers from (src/faq/live-faq.ts): an edit here is used at once by every worker. */
export interface ConsoleFaq {
  current(): Promise<{ knowledgeBase: KnowledgeBase }>;
  save(entry: Omit<AddedFaqRecord, '_id'> & { ticketId: string }): Promise<void>;
  findAdded(id: string): Promise<AddedFaqRecord | null>;
  edit(id: string, edit: AddedFaqEdit, by: string, at: Date): Promise<AddedFaqRecord | null>;
}

export interface AdminApiDeps {
  groups: Groups;
  /** The sellers service that keeps the match index in step (runtime `domain.sellers`). */
  sellers: Sellers;
  inquiries: Inquiries;
  broadcasts: BroadcastDesk;
  tickets: Tickets;
  faq: ConsoleFaq;
  numbers: ProgrammeNumbers;
  /** Starts a fan-out (runtime `fanOut`): how a ticket's answer reaches the asker. */
  fanOut: { start(kind: string, key: string, payload: unknown, at?: number): Promise<void> };
  /** Product categories' and tehsils' names in Hindi and English, by id (the catalog's and tehsils.yaml's). */
  names: {
    categories: Record<string, { hi: string; en: string }>;
    tehsils: Record<string, { hi: string; en: string }>;
  };
  /** The bot's WhatsApp number (TWILIO_WHATSAPP_FROM), for invite links. */
  botNumber: string;
  /** Seals people's numbers into references (see person-ref.ts); the same secret in every web process. */
  refs: PersonRefs;
  now?: () => Date;
  /** Reading needs `viewer`, changing `admin`. Default: the console's `requireOfficer` (require-officer.ts). */
  guards?: { viewer: RequestHandler; admin: RequestHandler };
  /** Records a change with its before and after. Default: the console's `auditTrail(req)`. */
  audit?(req: Request, entry: AuditEntry): Promise<void>;
  /**
   * Who the signed-in officer is, as recorded on what they do (a broadcast's author, a ticket's answerer).
   * Default: `console:<username>` of the signed-in officer.
   */
  officerOf?(req: Request): string;
}

/** The deps with the console's guards, audit trail and officer filled in where not given. */
export type ResolvedAdminApiDeps = AdminApiDeps & Required<Pick<AdminApiDeps, 'guards' | 'audit' | 'officerOf'>>;

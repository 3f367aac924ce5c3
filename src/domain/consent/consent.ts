/**
 * Consent as WhatsApp's opt-in rules and the DPDP Act ask for it: what was agreed to, when, and in whose words.
 * Opting out (STOP) and back in (START), and agreeing to share contact details with buyers, are recorded the same
 * way, on the user's record.
 */
export const CONSENT_KINDS = ['opt_in', 'opt_out', 'share_contact', 'withhold_contact'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

export interface ConsentEvent {
  kind: ConsentKind;
  at: Date;
  /** The words or button that expressed it, kept as evidence. */
  evidence: string;
  /** What the user was asked, in the language they read it, when the consent answers a question. */
  statement?: string;
  /** The turn that recorded it (message and step): a turn run again after a crash does not record it twice. */
  key: string;
}

/**
 * What one member of a broadcast's audience gets, decided the same way for the preview and for the send: the text
 * in their language (or the one written), the template for their language when their 24-hour window has closed, or
 * nothing, for a reason the report counts.
 */
import type { AudienceMember } from '../domain/broadcasts/audience.js';
import type { BroadcastContent, BroadcastLanguage, BroadcastTemplate } from '../domain/broadcasts/broadcast-model.js';
import type { SkipReason } from '../outbound/outbound-model.js';
import { howToReach } from './window.js';

export type RecipientPlan =
  | { send: 'text'; text: string; fallbackTemplate?: BroadcastTemplate }
  | { send: 'template'; text: string; template: BroadcastTemplate }
  | { skip: SkipReason };

export function planFor(
  member: AudienceMember,
  channel: string,
  content: BroadcastContent,
  now: number,
): RecipientPlan {
  const text = inLanguage(content.text, member.language) as string;
  const template = inLanguage(content.templates, member.language);
  const way = howToReach({ ...member, channel }, template !== undefined, now);
  if (way === 'text') return { send: 'text', text, ...(template ? { fallbackTemplate: template } : {}) };
  if (way === 'template' && template) return { send: 'template', text, template };
  return { skip: way as SkipReason };
}

/** The member's language's version, or the other one when only that was written. */
function inLanguage<T>(versions: Partial<Record<BroadcastLanguage, T>>, language: BroadcastLanguage): T | undefined {
  return versions[language] || versions[language === 'hi' ? 'en' : 'hi'];
}

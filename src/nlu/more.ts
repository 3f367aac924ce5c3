/**
 * "Tell me more": after an answer that offers related questions, these words continue with the first of them, as
 * a person would say it on a phone. Only whole messages count (courtesy words aside), so "aur batao packing credit
 * ke baare me" is a question of its own.
 */
import { buildPhraseTable, POLITE_FILLERS, phraseKey } from './phrases.js';

const MORE_PHRASES = {
  more: `more | tell me more | more please | more info | more details | next | aur | aur batao | aur bataiye |
    aur bataye | aur bataen | aur btao | or batao | aage | aage batao | aage bataiye | aur jankari | aur jaankari |
    aur bolo | और | और बताओ | और बताइए | और बताइये | और बताएं | और बताएँ | आगे | आगे बताओ | आगे बताइए |
    और जानकारी | और जानकारी दो | और बोलो`,
} as const;

const MORE_BY_PHRASE = buildPhraseTable(MORE_PHRASES, POLITE_FILLERS);

/** Whether the whole message asks to go on ("more", "aur batao", "और बताइए"). */
export function asksForMore(text: string): boolean {
  return MORE_BY_PHRASE.has(phraseKey(text, POLITE_FILLERS));
}

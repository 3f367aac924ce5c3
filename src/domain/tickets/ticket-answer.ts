/**
 * An officer's answer to a ticket, on WhatsApp or from the console: recorded on the ticket, and the words the asker
 * receives, saying the answer comes from the district office. Both callers send `notice` the same way (a notice
 * fan-out to `notice.to`), so the asker reads the same message whichever way the officer answered.
 */
import type { TicketRecord } from './ticket-model.js';
import type { Tickets } from './tickets.js';

export interface TicketAnswerNotice {
  /** The asker's identity (as the ticket stores it). */
  to: string[];
  text: { hi: string; en: string };
}

export interface AnsweredTicket {
  ticket: TicketRecord;
  notice: TicketAnswerNotice;
}

/** Records the answer; null when the ticket is gone or was answered already (then nothing is sent). */
export async function answerTicket(
  tickets: Tickets,
  id: string,
  answer: { text: string; by: string; at: Date },
): Promise<AnsweredTicket | null> {
  const ticket = await tickets.answer(id, answer);
  if (!ticket) return null;
  return { ticket, notice: { to: [ticket.phone], text: answerText(ticket.question, answer.text) } };
}

export function answerText(question: string, answer: string): { hi: string; en: string } {
  return {
    hi: `DIC सागर कार्यालय से आपके सवाल का जवाब:\n"${question}"\n\n${answer}`,
    en: `The DIC Sagar office answers your question:\n"${question}"\n\n${answer}`,
  };
}

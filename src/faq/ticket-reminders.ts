/**
 * A maintenance task: questions that have waited longer than TICKET_REMINDER_MINUTES for an officer's answer are
 * brought to the officers' notice, once per question, in one message listing how many wait.
 */
import type { LocalizedText } from '../conversation/actions/action.js';
import type { Tickets } from '../domain/tickets/tickets.js';

export function ticketReminderTask(deps: {
  tickets: Tickets;
  waitMinutes: number;
  /** Tells the officers (through the fan-out); `key` makes a retried round send nothing twice. */
  notifyOfficers: (key: string, text: LocalizedText) => Promise<void>;
}) {
  return {
    name: 'remind-officers-of-tickets',
    everyMs: 5 * 60_000,
    report: 'reminded officers of waiting questions',
    async run(now: Date): Promise<number> {
      const due = (await deps.tickets.openTickets()).filter(
        (ticket) =>
          !ticket.remindedAt && now.getTime() - new Date(ticket.createdAt).getTime() >= deps.waitMinutes * 60_000,
      );
      if (due.length === 0) return 0;
      const count = String(due.length);
      await deps.notifyOfficers(`ticket-reminder:${due.map((ticket) => ticket._id).join(',')}`, {
        hi: `${count} सवाल ${deps.waitMinutes} मिनट से ज़्यादा से जवाब की राह देख रहे हैं। देखने के लिए "tickets" लिखें।`,
        en: `${count} questions have waited over ${deps.waitMinutes} minutes for an answer. Write "tickets" to see them.`,
      });
      await deps.tickets.markReminded(
        due.map((ticket) => ticket._id),
        now,
      );
      return due.length;
    },
  };
}

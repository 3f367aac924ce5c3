/**
 * A quote typed without tapping the alert's button ("450 dollar per ton FOB, 20 din me"): when a seller who has an
 * unanswered alert writes something with a price, it is taken as their quote for the newest such inquiry, as if
 * they had tapped its "Send a quote" button (the flow then reads the quote from their words and asks them to
 * confirm it, naming the inquiry).
 */
import { readQuote } from '../nlu/quote.js';
import { sellerButtonId } from './inquiry-buttons.js';
import type { ActionServices } from './services.js';

export function typedQuoteButton(services: Pick<ActionServices, 'inquiries'>) {
  return async (phone: string, text: string): Promise<string | undefined> => {
    if (!readQuote(text).price) return undefined;
    const [newest] = await services.inquiries.awaitingAnswerFrom(phone);
    return newest ? sellerButtonId(newest._id, 'quote') : undefined;
  };
}

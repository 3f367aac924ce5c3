/**
 * A seller's quote in their own words: "450 dollar per ton FOB, 20 din me", "₹3200 प्रति क्विंटल, MOQ 50 क्विंटल,
 * 15 दिन में". The price (amount, currency, unit) and the Incoterm are read as in an inquiry; the minimum order is a
 * quantity after a cue ("MOQ", "min", "कम से कम"); the lead time is a number of days or weeks.
 */
import { type Incoterm, readIncoterm } from './incoterm.js';
import { type InquiryQuantity, readQuantity } from './inquiry-quantity.js';
import { toAsciiDigits } from './normalize.js';
import { type Price, readPrice } from './price.js';

export interface ReadQuote {
  price: Price | null;
  incoterm: Incoterm | null;
  minimumOrder: InquiryQuantity | null;
  leadTimeDays: number | null;
}

const MINIMUM_ORDER_CUE = /(?:\bmoq\b|\bmin(?:imum)?\b(?:\s+order)?|\bkam\s+se\s+kam\b|कम\s+से\s+कम|न्यूनतम)/iu;
const DAYS = 'din|dino|dinon|days?|दिन|दिनों';
const WEEKS = 'hafte|hafta|haftey|weeks?|wks?|सप्ताह|हफ्ते|हफ़्ते|हफ्ता';
const LEAD_TIME = new RegExp(String.raw`(\d+)\s*(?:-\s*(\d+)\s*)?(${DAYS}|${WEEKS})(?![\p{L}\p{M}])`, 'iu');
const WEEK_WORD = new RegExp(`^(?:${WEEKS})$`, 'iu');

export function readQuote(text: string): ReadQuote {
  const cue = MINIMUM_ORDER_CUE.exec(text);
  return {
    price: readPrice(text),
    incoterm: readIncoterm(text),
    // Only what follows the cue: the quote's other numbers are its price and its lead time.
    minimumOrder: cue ? readQuantity(text.slice(cue.index + cue[0].length)) : null,
    leadTimeDays: readLeadTimeDays(text),
  };
}

/** "20 din me" → 20; "2-3 weeks" → 21 (the longer end: a buyer plans by it). */
function readLeadTimeDays(text: string): number | null {
  const match = LEAD_TIME.exec(toAsciiDigits(text));
  if (!match) return null;
  const value = Number(match[2] ?? match[1]);
  return WEEK_WORD.test(match[3] as string) ? value * 7 : value;
}

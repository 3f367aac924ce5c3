/**
 * Everything the bot reads from one free-text message: the language it is written in, what it asks for (intent
 * and confidence), and, for a buyer's inquiry, the inquiry's fields. The `nlu` tool prints exactly this.
 */
import { detectGlobalCommand, type GlobalCommand } from './commands.js';
import type { ExtractedInquiry } from './inquiry.js';
import type { Intent, IntentClassifier, IntentGuess } from './intent.js';
import { guessLanguage } from './language.js';
import { detectScript } from './normalize.js';
import { phraseKey } from './phrases.js';

export type Writing = 'hi' | 'en' | 'hinglish';

export interface Understanding {
  text: string;
  lang: Writing;
  intent: Intent;
  confidence: number;
  /** The inquiry's fields when the intent is `post_inquiry`; null otherwise. */
  inquiry: ExtractedInquiry | null;
}

export interface Understander {
  understand(text: string, now?: Date): Understanding;
  /** The intent alone (what the engine routes on). */
  intentOf(text: string, now?: Date): IntentGuess;
  /** The inquiry's fields, whatever the intent (for evaluating extraction on its own). */
  readInquiry(text: string, now?: Date): ExtractedInquiry;
}

/** Devanagari is Hindi; Latin letters are Hinglish when Hindi words carry them, English otherwise. */
export function writingOf(text: string): Writing {
  const script = detectScript(text);
  if (script === 'devanagari') return 'hi';
  const guess = guessLanguage(text);
  if (script === 'mixed') return guess === 'en' ? 'en' : 'hi';
  return guess === 'hi' ? 'hinglish' : 'en';
}

const COMMAND_INTENTS: Readonly<Record<GlobalCommand, Intent>> = {
  stop: 'stop',
  start: 'start',
  menu: 'menu',
  help: 'help',
  language: 'language',
  // "back" and "cancel" steer the conversation itself; as a message on their own they ask for nothing else.
  back: 'other',
  cancel: 'other',
};

/**
 * The signals an inquiry's fields give the classifier: a product with a quantity or a destination is what makes
 * "50 ton sela dubai" an inquiry even without a verb.
 */
export function inquirySignals(inquiry: ExtractedInquiry): string[] {
  const signals: string[] = [];
  if (inquiry.product) signals.push('#product');
  if (inquiry.quantity) signals.push('#quantity');
  if (inquiry.destination) signals.push('#destination');
  if (inquiry.price) signals.push('#price');
  if (inquiry.incoterm) signals.push('#incoterm');
  if (inquiry.product && (inquiry.quantity || inquiry.destination || inquiry.incoterm)) signals.push('#trade');
  return signals;
}

export function createUnderstander(deps: {
  classifier: IntentClassifier;
  extract: (text: string, now: Date) => ExtractedInquiry;
  /** Whole-message keywords of the flows ("namaste", "register"), by their phrase key, and the intent they start. */
  keywords?: ReadonlyMap<string, Intent>;
}): Understander {
  const intentWithInquiry = (text: string, now: Date) => {
    const command = detectGlobalCommand(text);
    if (command) return { guess: { intent: COMMAND_INTENTS[command], confidence: 1 }, inquiry: null };
    const keyword = deps.keywords?.get(phraseKey(text));
    if (keyword) return { guess: { intent: keyword, confidence: 1 }, inquiry: null };
    const inquiry = deps.extract(text, now);
    return { guess: deps.classifier.classify(text, inquirySignals(inquiry)), inquiry };
  };
  return {
    understand(text, now = new Date()) {
      const { guess, inquiry } = intentWithInquiry(text, now);
      return {
        text,
        lang: writingOf(text),
        intent: guess.intent,
        confidence: round(guess.confidence),
        inquiry: guess.intent === 'post_inquiry' ? inquiry : null,
      };
    },
    intentOf: (text, now = new Date()) => intentWithInquiry(text, now).guess,
    readInquiry: (text, now = new Date()) => deps.extract(text, now),
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

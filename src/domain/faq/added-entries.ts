/**
 * Answers officers saved from a ticket ("save this as a FAQ answer"): the question as the person asked it and the
 * officer's answer, in the officer's words. Kept in the database, not in `flows/faq/`, so that the bot uses one at
 * once, in every worker, without a restart; an officer moves it into the files (with more phrasings and both
 * languages) when reviewing the knowledge base.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';
import { FAQ_TOPICS, type FaqEntry, type FaqTopic } from './knowledge-base.js';

export interface AddedFaqRecord {
  /** `added-<ticket id>`: saving the same ticket's answer again changes nothing. */
  _id: string;
  question: string;
  answer: string;
  /** The answer in each language, when an officer wrote both (the console); else `answer` serves both. */
  answers?: { hi: string; en: string };
  /** More ways people ask it, besides `question` (added from the console). */
  phrasings?: AddedPhrasings;
  /** The knowledge base's topic the officer filed it under; `other` when they did not say. */
  topic?: FaqTopic;
  addedBy: string;
  at: Date;
  /** The officer who last changed it, and when. */
  editedBy?: string;
  editedAt?: Date;
}

export interface AddedPhrasings {
  hi: string[];
  en: string[];
  hinglish: string[];
}

/** What an officer changes of a saved entry: the answer, and the phrasings (replaced whole). */
export interface AddedFaqEdit {
  answers?: { hi: string; en: string };
  phrasings?: AddedPhrasings;
}

const AddedFaqSchema = new Schema<AddedFaqRecord>(
  {
    _id: { type: String, required: true },
    question: { type: String, required: true },
    answer: { type: String, required: true },
    answers: { type: { _id: false, hi: String, en: String } },
    phrasings: { type: { _id: false, hi: [String], en: [String], hinglish: [String] } },
    topic: { type: String, enum: FAQ_TOPICS },
    addedBy: { type: String, required: true },
    at: { type: Date, required: true },
    editedBy: String,
    editedAt: Date,
  },
  { collection: 'faq_added' },
);

export type AddedFaqModel = Model<AddedFaqRecord>;

export function addedFaqModel(connection: Connection): AddedFaqModel {
  return defineModel(connection, 'AddedFaq', AddedFaqSchema);
}

const OFFICE_SOURCE = { hi: 'DIC सागर कार्यालय का उत्तर', en: 'Answer from the DIC Sagar office' };

/**
 * A saved answer as a knowledge-base entry: the asker's question is a phrasing in every language, with the
 * officers' further phrasings of each language; the answer in each language they wrote, else their one answer.
 */
export function asFaqEntry(record: AddedFaqRecord): FaqEntry {
  const questions = (language: keyof AddedPhrasings) => [record.question, ...(record.phrasings?.[language] ?? [])];
  return {
    id: record._id,
    topic: record.topic ?? 'other',
    reviewed: new Date(record.editedAt ?? record.at).toISOString().slice(0, 10),
    source: OFFICE_SOURCE,
    questions: { en: questions('en'), hi: questions('hi'), hinglish: questions('hinglish') },
    answer: record.answers ?? { hi: record.answer, en: record.answer },
    related: [],
  };
}

/** Whether `id` names an entry officers saved (as opposed to one of `flows/faq/`). */
export function isAddedEntryId(id: string): boolean {
  return id.startsWith('added-');
}

/** Adds phrasings to those an entry has, each once (compared as written, trimmed). */
export function withPhrasings(current: AddedPhrasings | undefined, added: Partial<AddedPhrasings>): AddedPhrasings {
  const merge = (language: keyof AddedPhrasings) => [
    ...new Set([...(current?.[language] ?? []), ...(added[language] ?? [])].map((text) => text.trim())),
  ];
  return { hi: merge('hi'), en: merge('en'), hinglish: merge('hinglish') };
}

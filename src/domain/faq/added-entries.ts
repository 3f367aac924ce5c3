/**
 * Answers officers saved from a ticket ("save this as a FAQ answer"): the question as the person asked it and the
 * officer's answer, in the officer's words. Kept in the database, not in `flows/faq/`, so that the bot uses one at
 * once, in every worker, without a restart; an officer moves it into the files (with more phrasings and both
 * languages) when reviewing the knowledge base.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';
import type { FaqEntry } from './knowledge-base.js';

export interface AddedFaqRecord {
  /** `added-<ticket id>`: saving the same ticket's answer again changes nothing. */
  _id: string;
  question: string;
  answer: string;
  addedBy: string;
  at: Date;
}

const AddedFaqSchema = new Schema<AddedFaqRecord>(
  {
    _id: { type: String, required: true },
    question: { type: String, required: true },
    answer: { type: String, required: true },
    addedBy: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'faq_added' },
);

export type AddedFaqModel = Model<AddedFaqRecord>;

export function addedFaqModel(connection: Connection): AddedFaqModel {
  return defineModel(connection, 'AddedFaq', AddedFaqSchema);
}

const OFFICE_SOURCE = { hi: 'DIC सागर कार्यालय का उत्तर', en: 'Answer from the DIC Sagar office' };

/** A saved answer as a knowledge-base entry: the asker's question is its one phrasing, in every language. */
export function asFaqEntry(record: AddedFaqRecord): FaqEntry {
  const questions = [record.question];
  return {
    id: record._id,
    topic: 'other',
    reviewed: record.at.toISOString().slice(0, 10),
    source: OFFICE_SOURCE,
    questions: { en: questions, hi: questions, hinglish: questions },
    answer: { hi: record.answer, en: record.answer },
    related: [],
  };
}

/**
 * A buyer's inquiry once confirmed, with the sellers it was matched to and what each answered. Until the buyer
 * confirms, the inquiry is a draft in their conversation (the buyer_inquiry flow's answers), not a document.
 *
 * Everything a conversation needs is read by `_id`: the inquiry by its code (which the alert buttons carry), and a
 * buyer's inquiries through `buyer_inquiries`, one document per buyer listing their codes (FerretDB 1.x reads the
 * whole collection for any other filter). The matches live inside the inquiry (at most the configured top N), so
 * the shortlist is one read. The indexes declared here are what officers' lists need on MongoDB.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';
import { type IdListModel, idListModel } from '../../persistence/id-lists.js';

/** `matched` is derived from the answers, never stored (see inquiries.ts `stateOf`). */
export const INQUIRY_STATES = ['open', 'matched', 'fulfilled', 'cancelled', 'expired'] as const;
export type InquiryState = (typeof INQUIRY_STATES)[number];

export const RESPONSE_KINDS = ['interested', 'declined', 'quote'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export interface Money {
  amount: number;
  /** ISO 4217. */
  currency: string;
  /** The unit the amount is for (MT, quintal, kg, container, piece…); absent when not said. */
  per?: string;
}

export interface QuoteTerms {
  price: Money;
  incoterm?: string;
  minimumOrder?: { value: number; unit: string };
  leadTimeDays?: number;
  /** The seller's words. */
  text: string;
}

export interface SellerResponse {
  kind: ResponseKind;
  at: Date;
  /** From the alert to this answer: the seller's responsiveness for later matches. */
  responseMs: number;
  quote?: QuoteTerms;
}

export interface MatchReason {
  code: string;
  text: { hi: string; en: string };
}

export interface InquiryMatch {
  sellerId: string;
  score: number;
  /** Why this seller was chosen, in words an officer can read. */
  reasons: MatchReason[];
  alertedAt: Date;
  response?: SellerResponse;
}

export interface InquiryRecord {
  /** A short code the buyer and sellers see (e.g. "Q7K2MX"), derived from the turn that confirmed it. */
  _id: string;
  buyerPhone: string;
  /** The group it was posted in, if any. */
  groupId?: string;
  /** The buyer's words. */
  text: string;
  productId?: string;
  category?: string;
  /** The product as shown: the catalog name, or the buyer's words. */
  productLabel: { hi: string; en: string };
  quantity?: { value: number; unit: string; kg: number | null };
  /** ISO 3166 code. */
  destination?: string;
  incoterm?: string;
  targetPrice?: Money;
  /** YYYY-MM-DD. */
  deliveryBy?: string;
  certifications: string[];
  language: 'hi' | 'en';
  state: InquiryState;
  matches: InquiryMatch[];
  expiresAt: Date;
  remindedAt?: Date;
  closedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

const MoneySchema = new Schema<Money>(
  { amount: { type: Number, required: true }, currency: { type: String, required: true }, per: String },
  { _id: false },
);

const MatchSchema = new Schema<InquiryMatch>(
  {
    sellerId: { type: String, required: true },
    score: { type: Number, required: true },
    reasons: { type: [{ _id: false, code: String, text: { hi: String, en: String } }], default: [] },
    alertedAt: { type: Date, required: true },
    response: {
      type: new Schema<SellerResponse>(
        {
          kind: { type: String, enum: RESPONSE_KINDS, required: true },
          at: { type: Date, required: true },
          responseMs: { type: Number, required: true },
          quote: {
            type: new Schema<QuoteTerms>(
              {
                price: { type: MoneySchema, required: true },
                incoterm: String,
                minimumOrder: { type: { _id: false, value: Number, unit: String } },
                leadTimeDays: Number,
                text: { type: String, required: true },
              },
              { _id: false },
            ),
          },
        },
        { _id: false },
      ),
    },
  },
  { _id: false },
);

const InquirySchema = new Schema<InquiryRecord>(
  {
    _id: { type: String, required: true },
    buyerPhone: { type: String, required: true },
    groupId: String,
    text: { type: String, required: true },
    productId: String,
    category: String,
    productLabel: { hi: { type: String, required: true }, en: { type: String, required: true } },
    quantity: { type: { _id: false, value: Number, unit: String, kg: Number } },
    destination: String,
    incoterm: String,
    targetPrice: MoneySchema,
    deliveryBy: String,
    certifications: { type: [String], default: [] },
    language: { type: String, required: true },
    state: { type: String, enum: INQUIRY_STATES, required: true },
    matches: { type: [MatchSchema], default: [] },
    expiresAt: { type: Date, required: true },
    remindedAt: Date,
    closedAt: Date,
  },
  { collection: 'inquiries', timestamps: true, minimize: false },
);
// Officers' lists and the numbers: inquiries by state and week, by product, by group.
InquirySchema.index({ state: 1, createdAt: -1 });
InquirySchema.index({ productId: 1, createdAt: -1 });
InquirySchema.index({ groupId: 1, createdAt: -1 });

export type InquiryModel = Model<InquiryRecord>;

export function inquiryModel(connection: Connection): InquiryModel {
  return defineModel(connection, 'Inquiry', InquirySchema);
}

/** A buyer's inquiry codes, newest last ("my inquiries"), under their phone. */
export function buyerInquiriesModel(connection: Connection): IdListModel {
  return idListModel(connection, 'BuyerInquiries', 'buyer_inquiries');
}

/** The inquiries a seller was alerted to, newest last (for a quote typed without the alert's button). */
export function sellerAlertsModel(connection: Connection): IdListModel {
  return idListModel(connection, 'SellerAlerts', 'seller_alerts');
}

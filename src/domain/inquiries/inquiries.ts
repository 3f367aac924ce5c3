/**
 * Inquiries from confirmation to closing: opened with their matches, answered by the matched sellers, closed by the
 * buyer (fulfilled or cancelled) or expired by the clock. Every write goes by `_id` and is keyed so that a turn run
 * again after a crash changes nothing more: the inquiry's code derives from the turn that confirmed it, a seller's
 * answer is recorded once (the first one stands until they change it), a close or an expiry happens once.
 */
import { readableCode } from '../readable-code.js';
import { AppError, DuplicateKeyError } from '../../errors.js';
import { withDuplicateKeyAsError } from '../../persistence/mongo.js';
import { type IdListModel, IdLists } from '../../persistence/id-lists.js';
import type {
  InquiryMatch,
  InquiryModel,
  InquiryRecord,
  InquiryState,
  QuoteTerms,
  ResponseKind,
  SellerResponse,
} from './inquiry-model.js';

/** How many inquiries a buyer's list keeps (the oldest drop off it; the inquiries themselves stay). */
const BUYER_LIST_LENGTH = 50;

export type NewInquiry = Omit<
  InquiryRecord,
  '_id' | 'state' | 'matches' | 'createdAt' | 'updatedAt' | 'remindedAt' | 'closedAt'
>;

export class InquiryNotFoundError extends AppError {
  constructor(inquiryId: string, operation: string) {
    super('INQUIRY_NOT_FOUND', `${operation}: no inquiry ${inquiryId}`, { inquiryId, operation });
  }
}

/** Why an answer or a close was not taken: the caller tells the person in words. */
export type InquiryRefusal = 'not_found' | 'not_yours' | 'closed' | 'not_matched';

export type InquiryOutcome = { ok: true; inquiry: InquiryRecord } | { ok: false; refusal: InquiryRefusal };

/** Inquiries an officer lists: by state as people see it (`matched` derived), product, group; newest first. */
export interface InquiryFilter {
  state?: InquiryState;
  productId?: string;
  groupId?: string;
}

/** At most this many stored inquiries are read for one list filtered by a derived state (open vs matched). */
export const DERIVED_STATE_SCAN_CAP = 5_000;

export interface Inquiries {
  /** A page of the inquiries `filter` describes, newest (or oldest, `order: 1`) first. */
  list(
    filter: InquiryFilter,
    page: { skip: number; limit: number; order: 1 | -1 },
  ): Promise<{ inquiries: InquiryRecord[]; total: number }>;
  /** The code an inquiry confirmed by the turn step `key` gets: the same on every run of that turn. */
  codeFor(key: string): string;
  /** Opens inquiry `id` with its matches, unless it exists (then returns it as stored). */
  open(id: string, inquiry: NewInquiry, matches: readonly InquiryMatch[], at: Date): Promise<InquiryRecord>;
  find(id: string): Promise<InquiryRecord | null>;
  /** The buyer's inquiries, newest first. */
  ofBuyer(phone: string): Promise<InquiryRecord[]>;
  /** Records a matched seller's answer; a later answer replaces an earlier one while the inquiry is live. */
  respond(
    id: string,
    sellerId: string,
    answer: { kind: ResponseKind; quote?: QuoteTerms },
    at: Date,
  ): Promise<InquiryOutcome & { first?: boolean }>;
  /** The buyer closes a live inquiry as fulfilled or cancelled. */
  close(id: string, buyerPhone: string, state: 'fulfilled' | 'cancelled', at: Date): Promise<InquiryOutcome>;
  /** Expires a live inquiry whose time has come; null when it is no longer live (closed meanwhile). */
  expire(id: string, at: Date): Promise<InquiryRecord | null>;
  /** Marks the expiry reminder sent; false when it was sent before or the inquiry is no longer live. */
  markReminded(id: string, at: Date): Promise<boolean>;
  /** Deletes a buyer's inquiries (erasure on request); returns how many. */
  eraseOfBuyer(phone: string): Promise<number>;
  /** The live inquiries a seller was alerted to and has not answered, newest first. */
  awaitingAnswerFrom(sellerId: string): Promise<InquiryRecord[]>;
  /** Forgets which inquiries a seller was alerted to (erasure on request). */
  forgetSeller(sellerId: string): Promise<void>;
}

/**
 * The state as people see it. `matched` (a seller answered interested or with a quote) is derived, not stored: an
 * answer then never writes the state, so it cannot reopen an inquiry the buyer closed at the same moment.
 */
export function stateOf(inquiry: Pick<InquiryRecord, 'state' | 'matches'>): InquiryState {
  if (inquiry.state !== 'open') return inquiry.state;
  const answered = inquiry.matches.some((match) => match.response && match.response.kind !== 'declined');
  return answered ? 'matched' : 'open';
}

function isLive(inquiry: Pick<InquiryRecord, 'state'>): boolean {
  return inquiry.state === 'open' || inquiry.state === 'matched';
}

export function createInquiries(deps: {
  inquiries: InquiryModel;
  buyerInquiries: IdListModel;
  sellerAlerts: IdListModel;
}): Inquiries {
  const { inquiries } = deps;
  const buyerInquiries = new IdLists(deps.buyerInquiries);
  const sellerAlerts = new IdLists(deps.sellerAlerts);

  const find = async (id: string): Promise<InquiryRecord | null> => inquiries.findById(id).lean<InquiryRecord>();

  /**
   * Reads the inquiry, decides, and writes the fields by `_id` alone (FerretDB 1.x serves no other filter from an
   * index). Each write touches only what it decides (a seller's own answer, or the state), so two sellers answering
   * at once do not overwrite each other; see `stateOf` for why answers never write the state.
   */
  const update = async (
    id: string,
    change: (inquiry: InquiryRecord) => Record<string, unknown> | InquiryRefusal,
  ): Promise<InquiryOutcome> => {
    const inquiry = await find(id);
    if (!inquiry) return { ok: false, refusal: 'not_found' };
    const fields = change(inquiry);
    if (typeof fields === 'string') return { ok: false, refusal: fields };
    const updated = await inquiries
      .findOneAndUpdate({ _id: id }, { $set: fields }, { returnDocument: 'after' })
      .lean<InquiryRecord>();
    return updated ? { ok: true, inquiry: updated } : { ok: false, refusal: 'not_found' };
  };

  return {
    async list(filter, page) {
      const query: Record<string, unknown> = {};
      if (filter.productId !== undefined) query.productId = String(filter.productId);
      if (filter.groupId !== undefined) query.groupId = String(filter.groupId);
      const derived = filter.state === 'open' || filter.state === 'matched';
      if (filter.state !== undefined) query.state = derived ? 'open' : String(filter.state);
      const sort = { createdAt: page.order, _id: page.order } as const;
      if (!derived) {
        const [found, total] = await Promise.all([
          inquiries.find(query).sort(sort).skip(page.skip).limit(page.limit).lean<InquiryRecord[]>(),
          inquiries.countDocuments(query),
        ]);
        return { inquiries: found, total };
      }
      // `matched` is not stored (see stateOf): the live ones are read, up to a cap, and told apart here.
      const live = await inquiries.find(query).sort(sort).limit(DERIVED_STATE_SCAN_CAP).lean<InquiryRecord[]>();
      const wanted = live.filter((inquiry) => stateOf(inquiry) === filter.state);
      return { inquiries: wanted.slice(page.skip, page.skip + page.limit), total: wanted.length };
    },

    codeFor: (key) => readableCode('Q', key),

    async open(id, inquiry, matches, at) {
      const state: InquiryState = 'open';
      // An insert, not an upsert: mongoose leaves empty arrays (no match yet) out of `$setOnInsert`.
      try {
        await withDuplicateKeyAsError('inquiries', { _id: id }, () =>
          inquiries.create({ _id: id, ...inquiry, state, matches: [...matches], createdAt: at, updatedAt: at }),
        );
      } catch (error) {
        // Opened by an earlier run of the same turn: the stored one stands.
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
      await buyerInquiries.add(inquiry.buyerPhone, id);
      for (const match of matches) await sellerAlerts.add(match.sellerId, id);
      const stored = await find(id);
      if (!stored) throw new InquiryNotFoundError(id, 'open');
      return stored;
    },

    find,

    async ofBuyer(phone) {
      const ids = (await buyerInquiries.read(phone)).slice(-BUYER_LIST_LENGTH).reverse();
      const found = await Promise.all(ids.map((id) => find(id)));
      return found.filter((inquiry): inquiry is InquiryRecord => inquiry !== null);
    },

    async respond(id, sellerId, answer, at) {
      let first = false;
      const outcome = await update(id, (inquiry) => {
        // The matches are fixed when the inquiry opens, so a seller's position in them never changes.
        const index = inquiry.matches.findIndex((match) => match.sellerId === sellerId);
        if (index < 0) return 'not_matched';
        if (!isLive(inquiry)) return 'closed';
        const match = inquiry.matches[index] as InquiryMatch;
        first = match.response === undefined;
        const response: SellerResponse = {
          kind: answer.kind,
          at,
          responseMs: Math.max(0, at.getTime() - new Date(match.alertedAt).getTime()),
          ...(answer.quote ? { quote: answer.quote } : {}),
        };
        return { [`matches.${index}.response`]: response, updatedAt: at };
      });
      return outcome.ok ? { ...outcome, first } : outcome;
    },

    close(id, buyerPhone, state, at) {
      return update(id, (inquiry) => {
        if (inquiry.buyerPhone !== buyerPhone) return 'not_yours';
        if (!isLive(inquiry)) return 'closed';
        return { state, closedAt: at, updatedAt: at };
      });
    },

    async expire(id, at) {
      const outcome = await update(id, (inquiry) => {
        if (!isLive(inquiry) || new Date(inquiry.expiresAt).getTime() > at.getTime()) return 'closed';
        return { state: 'expired', closedAt: at, updatedAt: at };
      });
      return outcome.ok ? outcome.inquiry : null;
    },

    async markReminded(id, at) {
      const outcome = await update(id, (inquiry) =>
        inquiry.remindedAt || !isLive(inquiry) ? 'closed' : { remindedAt: at },
      );
      return outcome.ok;
    },

    async awaitingAnswerFrom(sellerId) {
      const ids = (await sellerAlerts.read(sellerId)).slice(-BUYER_LIST_LENGTH).reverse();
      const found = await Promise.all(ids.map((id) => find(id)));
      return found.filter(
        (inquiry): inquiry is InquiryRecord =>
          inquiry !== null &&
          isLive(inquiry) &&
          inquiry.matches.some((match) => match.sellerId === sellerId && match.response === undefined),
      );
    },

    async forgetSeller(sellerId) {
      await sellerAlerts.drop(sellerId);
    },

    async eraseOfBuyer(phone) {
      const ids = await buyerInquiries.read(phone);
      let erased = 0;
      for (const id of ids) erased += (await inquiries.deleteOne({ _id: id })).deletedCount;
      await buyerInquiries.drop(phone);
      return erased;
    },
  };
}

/**
 * What actions are given: the domain services and the reference data (product catalog, tehsils) with their
 * matchers. Built once by the composition root, after the stores are connected.
 */
import type { BroadcastDesk } from '../domain/broadcasts/broadcast-desk.js';
import { join } from 'node:path';
import { type Catalog, entryTerms, loadCatalog, loadTehsils, type TehsilList } from '../domain/catalog/catalog.js';
import { type KnowledgeBase, loadKnowledgeBase } from '../domain/faq/knowledge-base.js';
import type { ProgrammeEvents } from '../domain/events/programme-events.js';
import type { AddedFaqRecord } from '../domain/faq/added-entries.js';
import type { Groups } from '../domain/groups/groups.js';
import type { Inquiries } from '../domain/inquiries/inquiries.js';
import type { InquiryNeeds } from '../domain/matching/match-profile.js';
import type { RankedSeller } from '../domain/matching/rank.js';
import type { Sellers } from '../domain/sellers/sellers.js';
import type { Tickets } from '../domain/tickets/tickets.js';
import { matchKey } from '../nlu/match-key.js';
import type { FaqIndex } from '../nlu/faq-index.js';
import { createInquiryExtractor, type ExtractedInquiry } from '../nlu/inquiry.js';
import { createTermMatcher, type TermMatcher } from '../nlu/product-matcher.js';

export interface ReferenceData {
  catalog: Catalog;
  tehsils: TehsilList;
  /** The FAQ entries of `flows/faq/`. */
  knowledgeBase: KnowledgeBase;
}

export interface ActionServices extends ReferenceData, ReferenceReaders, ProductServices {}

/** The domain services and settings the product's actions work with. */
export interface ProductServices {
  sellers: Sellers;
  tickets: Tickets;
  /** The knowledge base the bot answers from, officers' saved answers included (src/faq/live-faq.ts). */
  faq: FaqSource;
  /** Whether a user is one of the district officers (OFFICER_NUMBERS): they answer tickets on WhatsApp. */
  isOfficer: (phone: string) => boolean;
  inquiries: Inquiries;
  groups: Groups;
  matching: InquiryMatching;
  inquirySettings: InquirySettings;
  /** Officers' broadcasts (src/broadcasts/ behind the domain's desk). */
  broadcasts: BroadcastDesk;
  /** Programme events officers entered (training camps, workshops, demonstrations). */
  events: ProgrammeEvents;
}

export interface FaqSource {
  /** The knowledge base as it stands now and its index. */
  current(): Promise<{ knowledgeBase: KnowledgeBase; index: FaqIndex }>;
  /** Saves an officer's answer to a ticket as an entry, used at once by every worker. */
  save(entry: Omit<AddedFaqRecord, '_id'> & { ticketId: string }): Promise<void>;
}

/** The files' knowledge base alone, for tools and engine tests that have no database. */
export function fixedFaqSource(knowledgeBase: KnowledgeBase, index: FaqIndex): FaqSource {
  return {
    current: async () => ({ knowledgeBase, index }),
    save: async () => {
      throw new Error('this knowledge base is read-only (no database)');
    },
  };
}

/** Chooses the sellers to alert to an inquiry (src/matching/ over the sellers' index). */
export interface InquiryMatching {
  /** The top sellers for `needs`, best first, with why; counts the alerts they are about to get. */
  match(needs: InquiryNeeds, inquiryKey: string, now: Date): Promise<RankedSeller[]>;
  /** Records how long a seller took to answer an alert, for later matches. */
  recordResponse(sellerId: string, responseMs: number): Promise<void>;
}

export interface InquirySettings {
  /** Days an inquiry stays open (INQUIRY_EXPIRY_DAYS); the buyer is reminded a day before. */
  expiryDays: number;
}

/** `catalog.yaml` and `tehsils.yaml` of `dir`, checked with the matcher's own key so no two entries can be confused. */
export function loadReferenceData(dir: string): ReferenceData {
  return {
    catalog: loadCatalog(join(dir, 'catalog.yaml'), { termKey: matchKey }),
    tehsils: loadTehsils(join(dir, 'tehsils.yaml'), { termKey: matchKey }),
    knowledgeBase: loadKnowledgeBase(join(dir, 'faq')),
  };
}

/** What reads free text against the reference data: built once, shared by the actions and the understander. */
export interface ReferenceReaders {
  productMatcher: TermMatcher;
  tehsilMatcher: TermMatcher;
  extractInquiry: (text: string, now: Date) => ExtractedInquiry;
}

export function createReferenceReaders(reference: ReferenceData): ReferenceReaders {
  const terms = (entries: readonly { id: string; name: { en: string; hi: string }; synonyms: readonly string[] }[]) =>
    entries.map((entry) => ({ id: entry.id, terms: entryTerms(entry) }));
  const productMatcher = createTermMatcher(terms(reference.catalog.products));
  const extractor = createInquiryExtractor({
    products: productMatcher,
    categoryOf: (id) => reference.catalog.byId(id)?.category,
  });
  return {
    productMatcher,
    tehsilMatcher: createTermMatcher(terms(reference.tehsils.tehsils)),
    extractInquiry: (text, now) => extractor.extract(text, now),
  };
}

export function createActionServices(
  deps: ProductServices & ReferenceData,
  readers: ReferenceReaders = createReferenceReaders(deps),
): ActionServices {
  return { ...deps, ...readers };
}

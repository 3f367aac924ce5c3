/**
 * What actions are given: the domain services and the reference data (product catalog, tehsils) with their
 * matchers. Built once by the composition root, after the stores are connected.
 */
import { join } from 'node:path';
import { type Catalog, entryTerms, loadCatalog, loadTehsils, type TehsilList } from '../domain/catalog/catalog.js';
import type { Sellers } from '../domain/sellers/sellers.js';
import { matchKey } from '../nlu/match-key.js';
import { createInquiryExtractor, type ExtractedInquiry } from '../nlu/inquiry.js';
import { createTermMatcher, type TermMatcher } from '../nlu/product-matcher.js';

export interface ReferenceData {
  catalog: Catalog;
  tehsils: TehsilList;
}

export interface ActionServices extends ReferenceData {
  sellers: Sellers;
  /** Free text to catalog product ids, in three scripts. */
  productMatcher: TermMatcher;
  tehsilMatcher: TermMatcher;
  /** A buyer's inquiry read from free text (nlu/inquiry.ts). */
  extractInquiry: (text: string, now: Date) => ExtractedInquiry;
}

/** `catalog.yaml` and `tehsils.yaml` of `dir`, checked with the matcher's own key so no two entries can be confused. */
export function loadReferenceData(dir: string): ReferenceData {
  return {
    catalog: loadCatalog(join(dir, 'catalog.yaml'), { termKey: matchKey }),
    tehsils: loadTehsils(join(dir, 'tehsils.yaml'), { termKey: matchKey }),
  };
}

export function createActionServices(deps: { sellers: Sellers } & ReferenceData): ActionServices {
  const terms = (entries: readonly { id: string; name: { en: string; hi: string }; synonyms: readonly string[] }[]) =>
    entries.map((entry) => ({ id: entry.id, terms: entryTerms(entry) }));
  const productMatcher = createTermMatcher(terms(deps.catalog.products));
  const extractor = createInquiryExtractor({
    products: productMatcher,
    categoryOf: (id) => deps.catalog.byId(id)?.category,
  });
  return {
    ...deps,
    productMatcher,
    tehsilMatcher: createTermMatcher(terms(deps.tehsils.tehsils)),
    extractInquiry: (text, now) => extractor.extract(text, now),
  };
}

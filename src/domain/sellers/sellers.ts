/**
 * Seller profiles: registered after the seller confirms them, edited field by field, paused and resumed, and erased
 * on request (DPDP Act 2023) with only anonymous counts kept. Every write is keyed so that a conversation turn run
 * again after a crash leaves the same result as one run: the profile is keyed by phone and replaced whole, and an
 * erasure by the turn that asked for it.
 */
import { trusted } from 'mongoose';
import { AppError } from '../../errors.js';
import type {
  ContactConsent,
  SellerErasureModel,
  SellerModel,
  SellerPhoto,
  SellerProduct,
  SellerRecord,
} from './seller-model.js';
import { type Certification, type ExportExperience, MAX_SELLER_PHOTOS } from './seller-terms.js';

export interface SellerProfile {
  name: string;
  businessName: string;
  products: SellerProduct[];
  certifications: Certification[];
  exportExperience: ExportExperience;
  tehsil: string;
  photos: SellerPhoto[];
  contactConsent: ContactConsent;
}

/** The fields a seller edits one at a time after registering. */
export type SellerEdit = Partial<
  Pick<
    SellerProfile,
    'name' | 'businessName' | 'certifications' | 'exportExperience' | 'tehsil' | 'photos' | 'contactConsent'
  >
>;

export class SellerNotFoundError extends AppError {
  constructor(operation: string) {
    // The phone number stays out of the message: errors end up in logs.
    super('SELLER_NOT_FOUND', `${operation}: this user has no seller profile`, { operation });
  }
}

/** What officers search sellers by; every condition given must hold. */
export interface SellerFilter {
  /** Words in the seller's name, business name or a product as written (case-insensitive, taken literally). */
  text?: string;
  productId?: string;
  category?: string;
  tehsil?: string;
  alertsOn?: boolean;
}

export const SELLER_SORTS = ['registered', '-registered', 'name', '-name'] as const;
export type SellerSort = (typeof SELLER_SORTS)[number];

export interface SellerPage {
  sellers: SellerRecord[];
  total: number;
}

export interface Sellers {
  find(phone: string): Promise<SellerRecord | null>;
  /** A page of the sellers `filter` describes, in `sort` order. */
  search(filter: SellerFilter, page: { skip: number; limit: number; sort: SellerSort }): Promise<SellerPage>;
  /** Creates or replaces the profile of `phone`; the registration date of an existing profile is kept. */
  register(phone: string, profile: SellerProfile, at: Date): Promise<SellerRecord>;
  edit(phone: string, edit: SellerEdit, at: Date): Promise<SellerRecord>;
  /** Adds products, or updates the capacity of one the seller already has (same catalog id, or same words). */
  upsertProducts(phone: string, products: readonly SellerProduct[], at: Date): Promise<SellerRecord>;
  /** Removes the products at these positions in the seller's list (0-based). */
  removeProducts(phone: string, positions: readonly number[], at: Date): Promise<SellerRecord>;
  setAlerts(phone: string, on: boolean, at: Date): Promise<SellerRecord>;
  /**
   * Deletes the profile and keeps an anonymous count of it under `erasureKey` (the turn that asked). Returns false
   * when there was no profile (already erased by an earlier run of the same turn, or never registered).
   */
  erase(phone: string, erasureKey: string, at: Date): Promise<boolean>;
}

export function createSellers(deps: { sellers: SellerModel; erasures: SellerErasureModel }): Sellers {
  const { sellers, erasures } = deps;

  const existing = async (phone: string, operation: string): Promise<SellerRecord> => {
    const seller = await sellers.findById(phone).lean<SellerRecord>();
    if (!seller) throw new SellerNotFoundError(operation);
    return seller;
  };

  const write = async (phone: string, fields: Partial<SellerRecord>, at: Date): Promise<SellerRecord> => {
    const updated = await sellers
      .findOneAndUpdate({ _id: phone }, { $set: { ...fields, updatedAt: at } }, { returnDocument: 'after' })
      .lean<SellerRecord>();
    if (!updated) throw new SellerNotFoundError('update');
    return updated;
  };

  return {
    find: (phone) => sellers.findById(phone).lean<SellerRecord>(),

    async search(filter, page) {
      const query = sellerQuery(filter);
      const [field, direction] = SORT_FIELDS[page.sort];
      const [found, total] = await Promise.all([
        sellers
          .find(query)
          .sort({ [field]: direction, _id: 1 })
          .skip(page.skip)
          .limit(page.limit)
          .lean<SellerRecord[]>(),
        sellers.countDocuments(query),
      ]);
      return { sellers: found, total };
    },

    async register(phone, profile, at) {
      const before = await sellers.findById(phone, { createdAt: 1 }).lean<SellerRecord>();
      const document = {
        _id: phone,
        phone,
        ...profile,
        ...productIndexFields(profile.products),
        photos: profile.photos.slice(0, MAX_SELLER_PHOTOS),
        alertsOn: true,
        createdAt: before?.createdAt ?? at,
        updatedAt: at,
      };
      // A replace keyed by phone: registering again (or a turn run twice) leaves one profile.
      await sellers.replaceOne({ _id: phone }, document, { upsert: true, timestamps: false });
      return existing(phone, 'register');
    },

    async edit(phone, edit, at) {
      await existing(phone, 'edit');
      const fields: Partial<SellerRecord> = { ...edit };
      if (edit.photos) fields.photos = edit.photos.slice(0, MAX_SELLER_PHOTOS);
      return write(phone, fields, at);
    },

    async upsertProducts(phone, added, at) {
      const seller = await existing(phone, 'add products');
      const products = [...seller.products];
      for (const product of added) {
        const same = products.findIndex((known) => sameProduct(known, product));
        if (same >= 0) products[same] = { ...products[same], ...product };
        else products.push(product);
      }
      return write(phone, { products, ...productIndexFields(products) }, at);
    },

    async removeProducts(phone, positions, at) {
      const seller = await existing(phone, 'remove products');
      const products = seller.products.filter((_product, i) => !positions.includes(i));
      return write(phone, { products, ...productIndexFields(products) }, at);
    },

    setAlerts: (phone, on, at) => write(phone, { alertsOn: on }, at),

    async erase(phone, erasureKey, at) {
      const seller = await sellers.findById(phone).lean<SellerRecord>();
      if (!seller) return false;
      await erasures.updateOne(
        { _id: erasureKey },
        {
          $setOnInsert: {
            at,
            categories: seller.categories,
            productIds: seller.productIds,
            tehsil: seller.tehsil,
            registeredAt: seller.createdAt,
          },
        },
        { upsert: true },
      );
      await sellers.deleteOne({ _id: phone });
      return true;
    },
  };
}

const SORT_FIELDS: Readonly<Record<SellerSort, [string, 1 | -1]>> = {
  registered: ['createdAt', 1],
  '-registered': ['createdAt', -1],
  name: ['name', 1],
  '-name': ['name', -1],
};

/**
 * The filter for a search. Every value is put in as a string or boolean, and the text as an escaped pattern, so
 * nothing a person typed can act as an operator; the patterns are ours, marked trusted past the connection's
 * sanitizing.
 */
export function sellerQuery(filter: SellerFilter): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (filter.productId !== undefined) query.productIds = String(filter.productId);
  if (filter.category !== undefined) query.categories = String(filter.category);
  if (filter.tehsil !== undefined) query.tehsil = String(filter.tehsil);
  if (filter.alertsOn !== undefined) query.alertsOn = filter.alertsOn === true;
  const text = filter.text?.trim();
  if (text) {
    const pattern = trusted({ $regex: escapeRegExp(text), $options: 'i' });
    query.$or = [{ name: pattern }, { businessName: pattern }, { 'products.label': pattern }];
  }
  return query;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sameProduct(a: SellerProduct, b: SellerProduct): boolean {
  if (a.productId || b.productId) return a.productId === b.productId;
  return a.label.trim().toLowerCase() === b.label.trim().toLowerCase();
}

/** The top-level arrays matching looks sellers up by (see seller-model.ts), and the review flag. */
function productIndexFields(products: readonly SellerProduct[]) {
  const unmatchedProducts = products.filter((product) => !product.productId).map((product) => product.label);
  return {
    productIds: unique(products.flatMap((product) => (product.productId ? [product.productId] : []))),
    categories: unique(products.flatMap((product) => (product.category ? [product.category] : []))),
    unmatchedProducts,
    needsReview: unmatchedProducts.length > 0,
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

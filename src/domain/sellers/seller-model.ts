/**
 * A registered seller: a rice mill, soybean processor, stone-craft unit, farmer group... One per phone number (the
 * `_id`, the only lookup FerretDB 1.x serves from an index). It holds what matching needs: products with monthly
 * capacity, certifications, export experience, tehsil, whether inquiry alerts are on, and consent to share contact
 * details with buyers (with its time and words).
 *
 * `productIds` and `categories` repeat the products' ids and categories as top-level arrays: array membership on a
 * top-level field is what MongoDB indexes directly and what FerretDB's PostgreSQL backend pushes down, so matching
 * can find "sellers of parboiled rice" without reading every seller.
 */
import { type Connection, type Model, Schema } from 'mongoose';
import { defineModel } from '../../persistence/define-model.js';
import {
  CERTIFICATIONS,
  type Certification,
  EXPORT_EXPERIENCE,
  type ExportExperience,
  QUANTITY_UNITS,
  type Quantity,
} from './seller-terms.js';

export interface SellerProduct {
  /** The catalog id; absent when the seller's words matched no catalog product. */
  productId?: string;
  category?: string;
  /** The product as the seller wrote it (or its catalog name), shown back to them and to officers. */
  label: string;
  /** Monthly capacity for this product. */
  capacity?: Quantity;
}

export interface ContactConsent {
  given: boolean;
  at: Date;
  /** The seller's own words or button. */
  evidence: string;
  /** The question they answered, as they read it. */
  statement: string;
}

export interface SellerPhoto {
  url: string;
  contentType: string;
}

export interface SellerRecord {
  _id: string;
  phone: string;
  name: string;
  businessName: string;
  products: SellerProduct[];
  productIds: string[];
  categories: string[];
  /** Products the catalog does not know yet, kept as written, for an officer to review. */
  unmatchedProducts: string[];
  needsReview: boolean;
  certifications: Certification[];
  exportExperience: ExportExperience;
  /** A tehsil id from `flows/tehsils.yaml`, or `other`. */
  tehsil: string;
  photos: SellerPhoto[];
  alertsOn: boolean;
  contactConsent: ContactConsent;
  createdAt: Date;
  updatedAt: Date;
}

const QuantitySchema = new Schema(
  { value: { type: Number, required: true }, unit: { type: String, enum: QUANTITY_UNITS, required: true } },
  { _id: false },
);

const SellerProductSchema = new Schema<SellerProduct>(
  { productId: String, category: String, label: { type: String, required: true }, capacity: QuantitySchema },
  { _id: false },
);

const SellerSchema = new Schema<SellerRecord>(
  {
    _id: { type: String, required: true },
    phone: { type: String, required: true },
    name: { type: String, required: true },
    businessName: { type: String, required: true },
    products: { type: [SellerProductSchema], default: [] },
    productIds: { type: [String], default: [] },
    categories: { type: [String], default: [] },
    unmatchedProducts: { type: [String], default: [] },
    needsReview: { type: Boolean, default: false },
    certifications: { type: [String], enum: CERTIFICATIONS, default: [] },
    exportExperience: { type: String, enum: EXPORT_EXPERIENCE, required: true },
    tehsil: { type: String, required: true },
    photos: { type: [{ _id: false, url: String, contentType: String }], default: [] },
    alertsOn: { type: Boolean, default: true },
    contactConsent: {
      given: { type: Boolean, required: true },
      at: { type: Date, required: true },
      evidence: { type: String, required: true },
      statement: { type: String, required: true },
    },
  },
  { collection: 'sellers', timestamps: true, minimize: false },
);
// Matching: sellers of a product (or, failing that, of its category) whose alerts are on.
SellerSchema.index({ productIds: 1, alertsOn: 1 });
SellerSchema.index({ categories: 1, alertsOn: 1 });
// Officers' numbers and review queue: sellers by tehsil, products the catalog does not know yet.
SellerSchema.index({ tehsil: 1 });
SellerSchema.index({ needsReview: 1, createdAt: 1 });

export type SellerModel = Model<SellerRecord>;

export function sellerModel(connection: Connection): SellerModel {
  return defineModel(connection, 'Seller', SellerSchema);
}

/** What remains of an erased seller: counts for the programme's numbers, nothing that identifies a person. */
export interface SellerErasureRecord {
  /** The turn that asked for the erasure: erasing again after a crash does not count twice. */
  _id: string;
  at: Date;
  categories: string[];
  productIds: string[];
  tehsil: string;
  registeredAt: Date;
}

const SellerErasureSchema = new Schema<SellerErasureRecord>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    categories: { type: [String], default: [] },
    productIds: { type: [String], default: [] },
    tehsil: { type: String, required: true },
    registeredAt: { type: Date, required: true },
  },
  { collection: 'seller_erasures' },
);

export type SellerErasureModel = Model<SellerErasureRecord>;

export function sellerErasureModel(connection: Connection): SellerErasureModel {
  return defineModel(connection, 'SellerErasure', SellerErasureSchema);
}

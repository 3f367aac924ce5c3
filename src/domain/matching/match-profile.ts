/**
 * What matching knows of a seller and of an inquiry: the few fields a score is computed from, small enough to keep
 * in a Redis index for every seller and read by the hundred per inquiry.
 */
import type { SellerRecord } from '../sellers/seller-model.js';
import type { ExportExperience, Quantity, QuantityUnit } from '../sellers/seller-terms.js';

export interface SellerMatchProfile {
  /** The seller's phone number (the seller record's `_id`): personal data, never for a log line. */
  sellerId: string;
  products: { productId?: string; category?: string; capacityKgPerMonth?: number }[];
  certifications: string[];
  exportExperience: ExportExperience;
  tehsil: string;
  /** Alerts on, and the user has not opted out (STOP): only these are ever sent an inquiry. */
  available: boolean;
}

/** How a seller has answered inquiry alerts: counts fade with time (the index decays them), so they are recent. */
export interface SellerMatchStats {
  alerts: number;
  responses: number;
  meanResponseMs?: number;
  /** Epoch ms. */
  lastAlertedAt?: number;
}

export interface InquiryNeeds {
  productId?: string;
  category?: string;
  quantityKg?: number;
  certifications: string[];
  /** The catalog's name of the product, for the reasons an officer reads; generic words without it. */
  productName?: { hi: string; en: string };
}

export interface MatchCandidate {
  profile: SellerMatchProfile;
  stats: SellerMatchStats;
}

/** Kilograms in one unit; bags and containers weigh what the seller's goods weigh, which the profile does not say. */
const KG_PER_UNIT: Readonly<Partial<Record<QuantityUnit, number>>> = { MT: 1000, quintal: 100, kg: 1 };

export function matchProfileOf(seller: SellerRecord, optedOut: boolean): SellerMatchProfile {
  return {
    sellerId: seller._id,
    // A product the catalog does not know (kept for an officer's review) has neither id nor category: no inquiry
    // can find it, so it is not carried.
    products: seller.products
      .filter((product) => product.productId !== undefined || product.category !== undefined)
      .map((product) => {
        const capacityKgPerMonth = product.capacity && kgOf(product.capacity);
        return {
          ...(product.productId !== undefined && { productId: product.productId }),
          ...(product.category !== undefined && { category: product.category }),
          ...(capacityKgPerMonth !== undefined && { capacityKgPerMonth }),
        };
      }),
    certifications: [...seller.certifications],
    exportExperience: seller.exportExperience,
    tehsil: seller.tehsil,
    available: seller.alertsOn && !optedOut,
  };
}

/** The weight of a quantity, or undefined for bags and containers of unstated weight. */
export function kgOf(quantity: Quantity): number | undefined {
  const perUnit = KG_PER_UNIT[quantity.unit];
  // 2.3 × 1000 is 2299.9999999999995 in binary floating point.
  return perUnit === undefined ? undefined : Number((quantity.value * perUnit).toPrecision(12));
}

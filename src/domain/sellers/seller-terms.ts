/** The closed vocabularies of a seller profile, shared by the model, the flows' options and the officers' views. */

export const CERTIFICATIONS = ['iec', 'fssai', 'apeda_rcmc', 'gi', 'organic', 'gmp_iso'] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

/** none: never exported; indirect: sold to an exporter or merchant; direct: exported under their own IEC. */
export const EXPORT_EXPERIENCE = ['none', 'indirect', 'direct'] as const;
export type ExportExperience = (typeof EXPORT_EXPERIENCE)[number];

export const QUANTITY_UNITS = ['MT', 'quintal', 'kg', 'container', 'bag'] as const;
export type QuantityUnit = (typeof QUANTITY_UNITS)[number];

export interface Quantity {
  value: number;
  unit: QuantityUnit;
}

export const MAX_SELLER_PHOTOS = 3;

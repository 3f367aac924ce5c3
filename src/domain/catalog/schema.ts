/**
 * The shape of `flows/catalog.yaml` (the products sellers offer and buyers ask for) and `flows/tehsils.yaml` (the
 * tehsils of Sagar district). Structure only: rules across entries (unique ids, a name meaning one entry) are checked
 * by the loader in catalog.ts.
 */
import { z } from 'zod';

export const CATALOG_SPEC_VERSION = 1;

/** The product groups of the district's export basket, as the ODOP workshop named them. */
export const PRODUCT_CATEGORIES = [
  'rice',
  'soybean-meal',
  'stone-craft',
  'building-materials',
  'pharma-chemicals',
  'handicrafts',
  'eco-friendly',
  'agri-other',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/** The categories as people say them, for officers' figures. */
export const CATEGORY_NAMES: Record<ProductCategory, { hi: string; en: string }> = {
  rice: { hi: 'चावल', en: 'Rice' },
  'soybean-meal': { hi: 'सोयाबीन खली', en: 'Soybean meal' },
  'stone-craft': { hi: 'पत्थर शिल्प', en: 'Stone craft' },
  'building-materials': { hi: 'निर्माण सामग्री', en: 'Building materials' },
  'pharma-chemicals': { hi: 'दवा और रसायन', en: 'Pharma and chemicals' },
  handicrafts: { hi: 'हस्तशिल्प', en: 'Handicrafts' },
  'eco-friendly': { hi: 'पर्यावरण-अनुकूल उत्पाद', en: 'Eco-friendly products' },
  'agri-other': { hi: 'अन्य कृषि उत्पाद', en: 'Other farm products' },
};

const IdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'must be lower_snake_case: a-z, 0-9 and _, starting with a letter');

const TextSchema = z.string().trim().min(1, 'must not be empty');

/** A name in English and in Hindi; the Hindi one is what Hindi users see, so it must be in Devanagari. */
const NameSchema = z.strictObject({
  en: TextSchema,
  hi: TextSchema.regex(/\p{Script=Devanagari}/u, 'must be written in Devanagari'),
});

/** Other ways people write the name, in any script: they are what free text is matched against. */
const SynonymsSchema = z.array(TextSchema).default([]);

// Unquoted, YAML reads 071320 as the number 71320: the leading zero would be lost without a word.
const HsCodeSchema = z.string({ error: 'write the HS code in quotes, e.g. "100630"' }).regex(/^\d{6}$/, {
  error: 'must be a 6-digit HS 2022 subheading, e.g. "100630"',
});

export const ProductSchema = z.strictObject({
  id: IdSchema,
  category: z.enum(PRODUCT_CATEGORIES),
  hsCode: HsCodeSchema.optional(),
  name: NameSchema,
  synonyms: SynonymsSchema,
});
export type CatalogProduct = z.infer<typeof ProductSchema>;

export const TehsilSchema = z.strictObject({
  id: IdSchema,
  name: NameSchema,
  synonyms: SynonymsSchema,
});
export type Tehsil = z.infer<typeof TehsilSchema>;

// Entries are checked one by one by the loader (catalog.ts), so that one broken entry does not hide the rules the
// others break; the file schemas only check that the list is there.
export const CatalogFileSchema = z.strictObject({
  specVersion: z.literal(CATALOG_SPEC_VERSION),
  products: z.array(z.unknown()).min(1),
});

export const TehsilFileSchema = z.strictObject({
  specVersion: z.literal(CATALOG_SPEC_VERSION),
  tehsils: z.array(z.unknown()).min(1),
});

/**
 * A seller's products as a flow keeps them between steps: each catalog match (or the words of an unknown product)
 * with its name in both languages and, once asked, its monthly capacity.
 */
import type { LocalizedText } from '../conversation/actions/action.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import type { Quantity } from '../domain/sellers/seller-terms.js';
import { isQuantity } from './inputs.js';
import type { ActionServices } from './services.js';
import { both, numberedProducts } from './seller-texts.js';

export interface ProductItem {
  productId?: string;
  category?: string;
  label: string;
  name: LocalizedText;
  capacity?: Quantity;
}

export function isProductItem(value: unknown): value is ProductItem {
  const item = value as Partial<ProductItem> | null;
  return (
    typeof item?.label === 'string' &&
    typeof item.name?.hi === 'string' &&
    typeof item.name.en === 'string' &&
    (item.capacity === undefined || isQuantity(item.capacity))
  );
}

/** The products a seller listed, matched against the catalog; each product once, unknown ones kept as written. */
export function readProducts(
  text: string,
  services: Pick<ActionServices, 'catalog' | 'productMatcher'>,
): ProductItem[] {
  const { matches, unknown } = services.productMatcher.matchList(text);
  const items: ProductItem[] = [];
  for (const match of matches) {
    const product = services.catalog.byId(match.id);
    if (!product || items.some((item) => item.productId === product.id)) continue;
    items.push({ productId: product.id, category: product.category, label: product.name.en, name: product.name });
  }
  for (const words of unknown) items.push({ label: words, name: { hi: words, en: words } });
  return items;
}

/** What match_products and record_capacity save: the items, and the numbered list people are shown. */
export function productsAnswer(items: ProductItem[], catalog: Catalog) {
  return { items, summary: both((language) => numberedProducts(items, language, catalog)) };
}

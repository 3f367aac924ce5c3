/**
 * Sellers for officers: search by words, product, category and tehsil; a seller's profile; pausing and resuming
 * their inquiry alerts (through the sellers service, which keeps the match index in step).
 */
import type { z } from 'zod';
import type { SellerRecord } from '../../domain/sellers/seller-model.js';
import type { ResolvedAdminApiDeps as AdminApiDeps } from './api-deps.js';
import { notFound } from './api-errors.js';
import { type ApiRoute, route } from './api-route.js';
import { paged, SellerParams, SellerProfileView, SellersQuery, SellerSummary } from './api-schemas.js';
import { maskedNumber, type PersonRefs } from './person-ref.js';

function summaryOf(refs: PersonRefs, seller: SellerRecord): z.input<typeof SellerSummary> {
  return {
    ref: refs.refOf(seller._id),
    number: maskedNumber(seller._id),
    name: seller.name,
    businessName: seller.businessName,
    products: seller.products.map((product) => product.label),
    categories: seller.categories,
    tehsil: seller.tehsil,
    alertsOn: seller.alertsOn,
    needsReview: seller.needsReview,
    registeredAt: new Date(seller.createdAt).toISOString(),
  };
}

function profileOf(refs: PersonRefs, seller: SellerRecord): z.input<typeof SellerProfileView> {
  return {
    ...summaryOf(refs, seller),
    productDetails: seller.products.map((product) => ({
      label: product.label,
      productId: product.productId ?? null,
      category: product.category ?? null,
      capacity: product.capacity ? { value: product.capacity.value, unit: product.capacity.unit } : null,
    })),
    certifications: seller.certifications,
    exportExperience: seller.exportExperience,
    unmatchedProducts: seller.unmatchedProducts,
    photos: seller.photos.length,
    contactConsent: { given: seller.contactConsent.given, at: new Date(seller.contactConsent.at).toISOString() },
    updatedAt: new Date(seller.updatedAt).toISOString(),
  };
}

export function sellerRoutes(deps: AdminApiDeps): ApiRoute[] {
  const now = deps.now ?? (() => new Date());
  const existing = async (ref: string) => {
    const phone = deps.refs.identityOf(ref);
    const seller = phone ? await deps.sellers.find(phone) : null;
    if (!seller) throw notFound('seller');
    return seller;
  };
  const alerts = (on: boolean) =>
    route({
      method: 'post',
      path: `/sellers/:seller/${on ? 'resume' : 'pause'}`,
      tag: 'sellers',
      summary: on ? 'Resume a seller’s inquiry alerts' : 'Pause a seller’s inquiry alerts',
      role: 'admin',
      params: SellerParams,
      response: SellerProfileView,
      async handle({ params, req }) {
        const seller = await existing(params.seller);
        const before = profileOf(deps.refs, seller);
        const after = profileOf(deps.refs, await deps.sellers.setAlerts(seller._id, on, now()));
        await deps.audit(req, {
          what: on ? 'seller.alerts.resume' : 'seller.alerts.pause',
          target: `seller:${params.seller}`,
          before: { alertsOn: before.alertsOn },
          after: { alertsOn: after.alertsOn },
        });
        return after;
      },
    });

  return [
    route({
      method: 'get',
      path: '/sellers',
      tag: 'sellers',
      summary: 'Search sellers by words, product, category, tehsil',
      role: 'viewer',
      query: SellersQuery,
      response: paged(SellerSummary),
      csv: {
        name: 'sellers',
        rows: (page) =>
          page.items.map(({ ref: _ref, products, categories, ...seller }) => ({
            ...seller,
            products: products.join('; '),
            categories: categories.join(' '),
          })),
      },
      async handle({ query }) {
        const found = await deps.sellers.search(
          {
            ...(query.q ? { text: query.q } : {}),
            ...(query.product ? { productId: query.product } : {}),
            ...(query.category ? { category: query.category } : {}),
            ...(query.tehsil ? { tehsil: query.tehsil } : {}),
            ...(query.alerts ? { alertsOn: query.alerts === 'on' } : {}),
          },
          { skip: (query.page - 1) * query.limit, limit: query.limit, sort: query.sort },
        );
        return {
          items: found.sellers.map((seller) => summaryOf(deps.refs, seller)),
          page: { page: query.page, limit: query.limit, total: found.total },
        };
      },
    }),
    route({
      method: 'get',
      path: '/sellers/:seller',
      tag: 'sellers',
      summary: 'A seller’s profile',
      role: 'viewer',
      params: SellerParams,
      response: SellerProfileView,
      handle: async ({ params }) => profileOf(deps.refs, await existing(params.seller)),
    }),
    alerts(false),
    alerts(true),
  ];
}

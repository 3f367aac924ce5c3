/**
 * Inquiries for officers: listed by state (as people see it: `matched` once a seller answered), product or group;
 * one inquiry with its matched sellers, why each was chosen (Hindi and English) and what they answered or quoted.
 */
import type { z } from 'zod';
import type { InquiryMatch, InquiryRecord } from '../../domain/inquiries/inquiry-model.js';
import { stateOf } from '../../domain/inquiries/inquiries.js';
import type { SellerRecord } from '../../domain/sellers/seller-model.js';
import type { ResolvedAdminApiDeps as AdminApiDeps } from './api-deps.js';
import { notFound } from './api-errors.js';
import { type ApiRoute, route } from './api-route.js';
import { InquiriesQuery, InquiryDetail, InquiryParams, InquirySummary, type MatchView, paged } from './api-schemas.js';
import { maskedNumber, type PersonRefs } from './person-ref.js';

const iso = (value: Date | string | undefined) => (value ? new Date(value).toISOString() : null);

function summaryOf(inquiry: InquiryRecord): z.input<typeof InquirySummary> {
  const answered = inquiry.matches.filter((match) => match.response && match.response.kind !== 'declined');
  return {
    id: inquiry._id,
    state: stateOf(inquiry),
    buyer: maskedNumber(inquiry.buyerPhone),
    product: inquiry.productLabel,
    productId: inquiry.productId ?? null,
    quantity: inquiry.quantity ? { value: inquiry.quantity.value, unit: inquiry.quantity.unit } : null,
    destination: inquiry.destination ?? null,
    incoterm: inquiry.incoterm ?? null,
    group: inquiry.groupId ?? null,
    matches: inquiry.matches.length,
    answered: answered.length,
    quotes: inquiry.matches.filter((match) => match.response?.kind === 'quote').length,
    createdAt: new Date(inquiry.createdAt).toISOString(),
    expiresAt: new Date(inquiry.expiresAt).toISOString(),
  };
}

function matchOf(refs: PersonRefs, match: InquiryMatch, seller: SellerRecord | null): z.input<typeof MatchView> {
  const response = match.response;
  const quote = response?.quote;
  return {
    seller: {
      ref: refs.refOf(match.sellerId),
      number: maskedNumber(match.sellerId),
      name: seller?.name ?? null,
      businessName: seller?.businessName ?? null,
    },
    score: match.score,
    reasons: match.reasons.map((reason) => ({ code: reason.code, hi: reason.text.hi, en: reason.text.en })),
    alertedAt: new Date(match.alertedAt).toISOString(),
    response: response
      ? {
          kind: response.kind,
          at: new Date(response.at).toISOString(),
          responseMinutes: Math.round((response.responseMs / 60_000) * 10) / 10,
          quote: quote
            ? {
                price: { amount: quote.price.amount, currency: quote.price.currency, per: quote.price.per ?? null },
                incoterm: quote.incoterm ?? null,
                minimumOrder: quote.minimumOrder ?? null,
                leadTimeDays: quote.leadTimeDays ?? null,
                text: quote.text,
              }
            : null,
        }
      : null,
  };
}

export function inquiryRoutes(deps: AdminApiDeps): ApiRoute[] {
  return [
    route({
      method: 'get',
      path: '/inquiries',
      tag: 'inquiries',
      summary: 'List inquiries by state, product or group',
      role: 'viewer',
      query: InquiriesQuery,
      response: paged(InquirySummary),
      csv: {
        name: 'inquiries',
        rows: (page) =>
          page.items.map(({ product, quantity, ...inquiry }) => ({
            ...inquiry,
            productHi: product.hi,
            productEn: product.en,
            quantity: quantity ? `${quantity.value} ${quantity.unit}` : null,
          })),
      },
      async handle({ query }) {
        const found = await deps.inquiries.list(
          {
            ...(query.state ? { state: query.state } : {}),
            ...(query.product ? { productId: query.product } : {}),
            ...(query.group ? { groupId: query.group.toUpperCase() } : {}),
          },
          { skip: (query.page - 1) * query.limit, limit: query.limit, order: query.sort === 'oldest' ? 1 : -1 },
        );
        return {
          items: found.inquiries.map(summaryOf),
          page: { page: query.page, limit: query.limit, total: found.total },
        };
      },
    }),
    route({
      method: 'get',
      path: '/inquiries/:id',
      tag: 'inquiries',
      summary: 'One inquiry with its matches, their reasons and quotes',
      role: 'viewer',
      params: InquiryParams,
      response: InquiryDetail,
      async handle({ params }) {
        const inquiry = await deps.inquiries.find(params.id.toUpperCase());
        if (!inquiry) throw notFound('inquiry');
        const sellers = await Promise.all(inquiry.matches.map((match) => deps.sellers.find(match.sellerId)));
        return {
          ...summaryOf(inquiry),
          text: inquiry.text,
          targetPrice: inquiry.targetPrice
            ? {
                amount: inquiry.targetPrice.amount,
                currency: inquiry.targetPrice.currency,
                per: inquiry.targetPrice.per ?? null,
              }
            : null,
          deliveryBy: inquiry.deliveryBy ?? null,
          certifications: inquiry.certifications,
          language: inquiry.language,
          closedAt: iso(inquiry.closedAt),
          matchList: inquiry.matches.map((match, i) => matchOf(deps.refs, match, sellers[i] ?? null)),
        };
      },
    }),
  ];
}

/**
 * Every request and response of the admin API as zod schemas: what the routes validate, what the OpenAPI document
 * describes (one source for both). Requests are strict objects of plain strings and numbers, so an unknown key or
 * an operator object (`{"$ne": …}`, `status[$ne]=`) is refused with the field it came in, never passed to a query.
 */
import { z } from 'zod';
import { FAQ_TOPICS } from '../../domain/faq/knowledge-base.js';
import { GROUP_ROLES } from '../../domain/groups/group-model.js';
import { INQUIRY_STATES, RESPONSE_KINDS } from '../../domain/inquiries/inquiry-model.js';
import { BROADCAST_STATUSES, SEGMENT_ROLES } from '../../domain/broadcasts/broadcast-model.js';
import { SELLER_SORTS } from '../../domain/sellers/sellers.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** A short single-line value from a query or a path: plain text, no operators. */
const word = (max = 80) => z.string().trim().min(1).max(max);
const time = z.iso.datetime({ offset: true });
const bilingual = z.strictObject({ hi: z.string().trim().min(1).max(4000), en: z.string().trim().min(1).max(4000) });
const phrasingList = z.array(z.string().trim().min(3).max(300)).max(50);

export const Bilingual = z.object({ hi: z.string(), en: z.string() });

/** `?page=&limit=&format=`: shared by every list. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  format: z.enum(['json', 'csv']).default('json'),
};

export const PageInfo = z.object({ page: z.number(), limit: z.number(), total: z.number() });

export function paged<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), page: PageInfo });
}

export const ErrorBody = z.object({
  error: z.string(),
  field: z.string().optional(),
  in: z.enum(['params', 'query', 'body']).optional(),
  message: z.string().optional(),
});

/** A person as officers see them: a reference to act on, the number masked (`+91*******78`). */
export const Person = z.object({ ref: z.string(), number: z.string() });

// ---- groups ---------------------------------------------------------------------------------------------------

export const GroupParams = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9]{3,12}$/, 'invite code: 3 to 12 letters and digits'),
});
export const MemberParams = GroupParams.extend({ member: word(120) });
export const GroupsQuery = z.strictObject({ ...pageQuery });

export const NewGroupBody = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9]{3,12}$/, 'invite code: 3 to 12 letters and digits'),
  name: z.string().trim().min(2).max(80),
  description: z.string().trim().max(500).default(''),
  productFocus: z.array(word(60)).max(20).default([]),
  postLimitPerDay: z.number().int().min(1).max(100).optional(),
  maxPostLength: z.number().int().min(50).max(4000).optional(),
});

export const GroupSummary = z.object({
  code: z.string(),
  name: z.string(),
  description: z.string(),
  productFocus: z.array(z.string()),
  members: z.number(),
  muted: z.number(),
  postLimitPerDay: z.number(),
  maxPostLength: z.number(),
  createdAt: z.string(),
});

export const GroupMemberView = Person.extend({
  name: z.string(),
  role: z.enum(GROUP_ROLES),
  muted: z.boolean(),
  joinedAt: z.string(),
});

export const GroupDetail = GroupSummary.extend({
  roles: z.record(z.string(), z.number()),
  invite: z.object({ text: z.string(), link: z.string(), qrCode: z.string() }),
});

export const GroupMembersQuery = z.strictObject({
  ...pageQuery,
  role: z.enum(GROUP_ROLES).optional(),
  muted: z.enum(['yes', 'no']).optional(),
});
export const ModerationParams = MemberParams.extend({ action: z.enum(['mute', 'unmute', 'remove']) });

export const ModerationResult = z.object({ outcome: z.literal('done'), member: GroupMemberView.nullable() });

// ---- sellers --------------------------------------------------------------------------------------------------

export const SellersQuery = z.strictObject({
  ...pageQuery,
  q: word(80).optional(),
  product: word(60).optional(),
  category: word(60).optional(),
  tehsil: word(60).optional(),
  alerts: z.enum(['on', 'off']).optional(),
  sort: z.enum(SELLER_SORTS).default('-registered'),
});
export const SellerParams = z.strictObject({ seller: word(200) });

const Quantity = z.object({ value: z.number(), unit: z.string() });

export const SellerSummary = Person.extend({
  name: z.string(),
  businessName: z.string(),
  products: z.array(z.string()),
  categories: z.array(z.string()),
  tehsil: z.string(),
  alertsOn: z.boolean(),
  needsReview: z.boolean(),
  registeredAt: z.string(),
});

export const SellerProfileView = SellerSummary.extend({
  productDetails: z.array(
    z.object({
      label: z.string(),
      productId: z.string().nullable(),
      category: z.string().nullable(),
      capacity: Quantity.nullable(),
    }),
  ),
  certifications: z.array(z.string()),
  exportExperience: z.string(),
  unmatchedProducts: z.array(z.string()),
  photos: z.number(),
  contactConsent: z.object({ given: z.boolean(), at: z.string() }),
  updatedAt: z.string(),
});

// ---- inquiries ------------------------------------------------------------------------------------------------

export const InquiriesQuery = z.strictObject({
  ...pageQuery,
  state: z.enum(INQUIRY_STATES).optional(),
  product: word(60).optional(),
  group: z
    .string()
    .regex(/^[A-Za-z0-9]{3,12}$/)
    .optional(),
  sort: z.enum(['newest', 'oldest']).default('newest'),
});
export const InquiryParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9]{3,20}$/, 'an inquiry code') });

const Money = z.object({ amount: z.number(), currency: z.string(), per: z.string().nullable() });

export const InquirySummary = z.object({
  id: z.string(),
  state: z.enum(INQUIRY_STATES),
  buyer: z.string(),
  product: Bilingual,
  productId: z.string().nullable(),
  quantity: Quantity.nullable(),
  destination: z.string().nullable(),
  incoterm: z.string().nullable(),
  group: z.string().nullable(),
  matches: z.number(),
  answered: z.number(),
  quotes: z.number(),
  createdAt: z.string(),
  expiresAt: z.string(),
});

export const QuoteView = z.object({
  price: Money,
  incoterm: z.string().nullable(),
  minimumOrder: Quantity.nullable(),
  leadTimeDays: z.number().nullable(),
  text: z.string(),
});

export const MatchView = z.object({
  seller: Person.extend({ name: z.string().nullable(), businessName: z.string().nullable() }),
  score: z.number(),
  reasons: z.array(z.object({ code: z.string(), hi: z.string(), en: z.string() })),
  alertedAt: z.string(),
  response: z
    .object({ kind: z.enum(RESPONSE_KINDS), at: z.string(), responseMinutes: z.number(), quote: QuoteView.nullable() })
    .nullable(),
});

export const InquiryDetail = InquirySummary.extend({
  text: z.string(),
  targetPrice: Money.nullable(),
  deliveryBy: z.string().nullable(),
  certifications: z.array(z.string()),
  language: z.enum(['hi', 'en']),
  closedAt: z.string().nullable(),
  matchList: z.array(MatchView),
});

// ---- broadcasts -----------------------------------------------------------------------------------------------

const Template = z.strictObject({
  contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'a Content SID (HX…)'),
  variables: z.record(z.string().regex(/^\d{1,2}$/), z.string().max(500)).default({}),
});

const Audience = z.union([
  z.strictObject({
    groups: z
      .array(z.string().regex(/^[A-Za-z0-9]{3,12}$/))
      .min(1)
      .max(50),
  }),
  z.strictObject({
    segment: z.strictObject({
      role: z.enum(SEGMENT_ROLES).optional(),
      categories: z.array(word(60)).max(30).optional(),
      tehsils: z.array(word(60)).max(30).optional(),
      language: z.enum(['hi', 'en']).optional(),
      registeredSince: time.optional(),
    }),
  }),
]);

const Schedule = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('now') }),
  z.strictObject({ kind: z.literal('at'), at: time }),
  z.strictObject({ kind: z.literal('recurring'), cron: z.string().trim().min(9).max(100) }),
]);

const Content = z.strictObject({
  text: z.strictObject({ hi: z.string().max(1500).optional(), en: z.string().max(1500).optional() }),
  mediaUrl: z.url({ protocol: /^https$/ }).optional(),
  templates: z.strictObject({ hi: Template.optional(), en: Template.optional() }).default({}),
});

export const NewBroadcastBody = z.strictObject({
  /** Sent again with the same value, the same draft comes back (a double click creates one broadcast). */
  key: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
  title: z.string().trim().min(1).max(120),
  content: Content,
  audience: Audience,
  schedule: Schedule,
});

export const BroadcastEditBody = z
  .strictObject({ title: z.string().trim().min(1).max(120), content: Content, audience: Audience, schedule: Schedule })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, { message: 'nothing to change' });

export const BroadcastParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9]{3,20}$/, 'a broadcast code') });
export const BroadcastSteerParams = BroadcastParams.extend({ action: z.enum(['pause', 'resume', 'cancel']) });
export const BroadcastsQuery = z.strictObject({ ...pageQuery, status: z.enum(BROADCAST_STATUSES).optional() });

export const BroadcastView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(BROADCAST_STATUSES),
  text: z.object({ hi: z.string().nullable(), en: z.string().nullable() }),
  mediaUrl: z.string().nullable(),
  templates: z.object({ hi: z.string().nullable(), en: z.string().nullable() }),
  audience: z.union([
    z.object({ groups: z.array(z.string()) }),
    z.object({
      segment: z.object({
        role: z.string().nullable(),
        categories: z.array(z.string()),
        tehsils: z.array(z.string()),
        language: z.string().nullable(),
        registeredSince: z.string().nullable(),
      }),
    }),
  ]),
  schedule: z.object({
    kind: z.enum(['now', 'at', 'recurring']),
    at: z.string().nullable(),
    cron: z.string().nullable(),
  }),
  version: z.number(),
  runs: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const BroadcastPreviewView = z.object({
  recipients: z.number(),
  inWindow: z.number(),
  asTemplate: z.number(),
  outsideWindowSkipped: z.number(),
  optedOut: z.number(),
  unreachable: z.number(),
  estimatedSeconds: z.number(),
});

export const BroadcastReportView = z.object({
  total: z.number(),
  queued: z.number(),
  sent: z.number(),
  delivered: z.number(),
  read: z.number(),
  failed: z.record(z.string(), z.number()),
  skipped: z.record(z.string(), z.number()),
});

export const BroadcastWithPreview = z.object({ broadcast: BroadcastView, preview: BroadcastPreviewView });

// ---- tickets --------------------------------------------------------------------------------------------------

export const TicketsQuery = z.strictObject({
  ...pageQuery,
  topic: word(60).optional(),
  /** Open ones (oldest first) or answered ones (latest answer first, the last ANSWERED_LISTED). */
  status: z.enum(['open', 'answered']).default('open'),
});
/** How many of the latest answered tickets the list reaches back. */
export const ANSWERED_LISTED = 500;
export const TicketParams = z.strictObject({ id: word(200) });

export const TicketView = z.object({
  id: z.string(),
  topic: z.string(),
  question: z.string(),
  language: z.enum(['hi', 'en']),
  asker: z.string(),
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: z.string(),
  answer: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});

export const TicketAnswerBody = z.strictObject({ text: z.string().trim().min(2).max(3000) });

export const SaveAsFaqBody = z.strictObject({
  /** The answer in each language; without it the officer's answer serves both. */
  answer: bilingual.optional(),
  phrasings: z.strictObject({ hi: phrasingList, en: phrasingList, hinglish: phrasingList.default([]) }),
  /** The knowledge base's topic to file it under; `other` when not given. */
  topic: z.enum(FAQ_TOPICS).optional(),
});

// ---- FAQ ------------------------------------------------------------------------------------------------------

export const FaqQuery = z.strictObject({
  ...pageQuery,
  topic: z.enum(FAQ_TOPICS).optional(),
  origin: z.enum(['files', 'added']).optional(),
  q: word(80).optional(),
});
/** File entries are kebab-case; saved ones are `added-<ticket id>` (the ticket's id is its turn's key). */
export const FaqParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9][\w.:#+@-]{0,300}$/, 'an entry id') });

export const FaqEntryView = z.object({
  id: z.string(),
  topic: z.string(),
  origin: z.enum(['files', 'added']),
  editable: z.boolean(),
  reviewed: z.string(),
  source: Bilingual,
  answer: Bilingual,
  questions: z.object({ en: z.array(z.string()), hi: z.array(z.string()), hinglish: z.array(z.string()) }),
});

export const FaqEditBody = z
  .strictObject({
    answer: bilingual,
    phrasings: z.strictObject({ hi: phrasingList, en: phrasingList, hinglish: phrasingList.default([]) }),
  })
  .partial()
  .refine((edit) => Object.keys(edit).length > 0, { message: 'nothing to change' });

export const AddPhrasingsBody = z
  .strictObject({ hi: phrasingList, en: phrasingList, hinglish: phrasingList })
  .partial()
  .refine((added) => Object.values(added).some((list) => list.length > 0), { message: 'no phrasing given' });

// ---- numbers --------------------------------------------------------------------------------------------------

export const NumbersQuery = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(52).default(12),
  broadcasts: z.coerce.number().int().min(1).max(20).default(5),
  format: z.enum(['json', 'csv']).default('json'),
});

const NamedIds = z.array(z.object({ id: z.string(), name: Bilingual }));
export const ReferenceNames = z.object({ categories: NamedIds, tehsils: NamedIds });

export const SellerNumbers = z.object({
  total: z.number(),
  alertsOff: z.number(),
  byCategory: z.record(z.string(), z.number()),
  byTehsil: z.record(z.string(), z.number()),
  byCategoryAndTehsil: z.array(z.object({ category: z.string(), tehsil: z.string(), sellers: z.number() })),
  capped: z.boolean(),
  /** The categories' and tehsils' names in Hindi and English, by the ids the counts use. */
  names: z.object({ categories: z.record(z.string(), Bilingual), tehsils: z.record(z.string(), Bilingual) }),
});

export const InquiryNumbers = z.object({
  since: z.string(),
  inquiries: z.number(),
  matchRate: z.number(),
  quotesPerInquiry: z.number(),
  medianResponseMinutes: z.number().nullable(),
  responses: z.number(),
  weeks: z.array(
    z.object({
      week: z.string(),
      inquiries: z.number(),
      matched: z.number(),
      matchRate: z.number(),
      quotes: z.number(),
    }),
  ),
  capped: z.boolean(),
});

export const BroadcastFunnel = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  planned: z.number(),
  sent: z.number(),
  delivered: z.number(),
  read: z.number(),
  failed: z.number(),
  skipped: z.number(),
});

export const TicketNumbers = z.object({ open: z.number(), oldestOpenHours: z.number().nullable() });

export const NumbersView = z.object({
  sellers: SellerNumbers,
  inquiries: InquiryNumbers,
  broadcasts: z.array(BroadcastFunnel),
  tickets: TicketNumbers,
});

export const ExportParams = z.strictObject({ name: z.string().regex(/^[a-z-]{3,40}$/, 'an export name') });

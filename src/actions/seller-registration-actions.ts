/**
 * The actions of seller registration (flows/seller_registration.flow.yaml): reading products against the catalog,
 * the capacity of each, the tehsil, photos, consent to share contact details, and saving the confirmed profile.
 */
import { type ActionContext, type ActionResult, defineAction, type TurnEvent } from '../conversation/actions/action.js';
import type { ContactConsent, SellerPhoto } from '../domain/sellers/seller-model.js';
import { EXPORT_EXPERIENCE, type ExportExperience, MAX_SELLER_PHOTOS } from '../domain/sellers/seller-terms.js';
import { parseOptionNumber } from '../nlu/choice.js';
import {
  ActionInputError,
  booleanInput,
  certificationsInput,
  isQuantity,
  listInput,
  quantityInput,
  textInput,
  withInputs,
} from './inputs.js';
import { type ProductItem, isProductItem, productsAnswer, readProducts } from './product-answers.js';
import type { ActionServices } from './services.js';
import { both, describeProfile } from './seller-texts.js';

const OTHER_TEHSIL = 'other';
const OTHER_WORDS = new Set(['other', 'others', 'anya', 'अन्य', 'dusra', 'doosra', 'दूसरा', 'koi aur', 'कोई और']);

export const matchProducts = defineAction<ActionServices>({
  name: 'match_products',
  description:
    'Reads a list of products from free text against the catalog; unknown ones are kept as written. with: text',
  create: (services) => (inputs) => {
    const input = withInputs(() => textInput(inputs, 'text'));
    if (!input.ok) return input;
    const items = readProducts(input.value, services);
    if (items.length === 0) return { ok: false, reason: 'no product in the answer' };
    return { ok: true, output: productsAnswer(items, services.catalog) };
  },
});

export const nextCapacity = defineAction<ActionServices>({
  name: 'next_capacity',
  description: 'The first product still without a monthly capacity. with: products. Output: { done, index, product }',
  create: () => (inputs) => {
    const read = withInputs(() => listInput(inputs, 'products', isProductItem));
    if (!read.ok) return read;
    const index = read.value.findIndex((item) => !item.capacity);
    const item = read.value[index];
    if (!item) return { ok: true, output: { done: true } };
    return { ok: true, output: { done: false, index, product: item.name } };
  },
});

export const recordCapacity = defineAction<ActionServices>({
  name: 'record_capacity',
  description: 'Sets the monthly capacity of one product. with: products, index, capacity (a quantity)',
  create: (services) => (inputs) => {
    const read = withInputs(() => ({
      items: listInput(inputs, 'products', isProductItem),
      capacity: quantityInput(inputs, 'capacity'),
    }));
    if (!read.ok) return read;
    const index = Number(inputs.index);
    const items = read.value.items.map((item, i) => (i === index ? { ...item, capacity: read.value.capacity } : item));
    return { ok: true, output: productsAnswer(items, services.catalog) };
  },
});

export const tehsilMenu = defineAction<ActionServices>({
  name: 'tehsil_menu',
  description: "The district's tehsils as a numbered list in both languages, the last one 'Other'.",
  create: (services) => () => ({
    ok: true,
    output: both((language) =>
      [...services.tehsils.tehsils.map((tehsil) => tehsil.name[language]), language === 'hi' ? 'अन्य' : 'Other']
        .map((name, i) => `${i + 1}. ${name}`)
        .join('\n'),
    ),
  }),
});

export const matchTehsil = defineAction<ActionServices>({
  name: 'match_tehsil',
  description: "A tehsil by its number in tehsil_menu or its name in any script, or 'other'. with: text",
  create: (services) => (inputs) => {
    const input = withInputs(() => textInput(inputs, 'text'));
    if (!input.ok) return input;
    const { tehsils } = services.tehsils;
    const number = parseOptionNumber(input.value);
    if (number !== undefined) {
      if (number === tehsils.length + 1) return otherTehsil();
      const tehsil = tehsils[number - 1];
      return tehsil ? { ok: true, output: { id: tehsil.id, name: tehsil.name } } : notATehsil(input.value);
    }
    if (OTHER_WORDS.has(input.value.toLowerCase())) return otherTehsil();
    // matchOne, not the first of a list: an answer naming two tehsils is asked again, not guessed.
    const match = services.tehsilMatcher.matchOne(input.value);
    const tehsil = match && services.tehsils.byId(match.id);
    return tehsil ? { ok: true, output: { id: tehsil.id, name: tehsil.name } } : notATehsil(input.value);
  },
});

function otherTehsil(): ActionResult {
  return { ok: true, output: { id: OTHER_TEHSIL, name: { hi: 'अन्य', en: 'Other' } } };
}

function notATehsil(text: string): ActionResult {
  return { ok: false, reason: `not a tehsil: ${text.slice(0, 40)}` };
}

export function isPhoto(value: unknown): value is SellerPhoto {
  const photo = value as Partial<SellerPhoto> | null;
  return typeof photo?.url === 'string' && typeof photo.contentType === 'string';
}

export const addPhoto = defineAction<ActionServices>({
  name: 'add_photo',
  description: `Adds the photos just sent (none for a "skip") to those collected, up to ${MAX_SELLER_PHOTOS}. with: photos, sent. Output: { items, count, more }`,
  create: () => (inputs) => {
    const read = withInputs(() => ({
      collected: listInput(inputs, 'photos', isPhoto),
      sent: listInput(inputs, 'sent', isPhoto),
    }));
    if (!read.ok) return read;
    const items = [...read.value.collected, ...read.value.sent].slice(0, MAX_SELLER_PHOTOS);
    // A skip (nothing sent) ends the photos; so does the last one allowed.
    const more = read.value.sent.length > 0 && items.length < MAX_SELLER_PHOTOS;
    return { ok: true, output: { items, count: items.length, more } };
  },
});

export const recordContactConsent = defineAction<ActionServices>({
  name: 'record_contact_consent',
  description:
    'Records the answer to the question on sharing contact details with buyers, with its words and time. with: given',
  create: () => (inputs, context) => {
    const read = withInputs(() => booleanInput(inputs, 'given'));
    if (!read.ok) return read;
    const consent: ContactConsent = {
      given: read.value,
      at: context.now,
      evidence: context.answered?.words ?? String(read.value),
      statement: context.answered?.question ?? '',
    };
    return {
      ok: true,
      output: consent,
      events: [
        {
          type: 'consent',
          kind: read.value ? 'share_contact' : 'withhold_contact',
          evidence: consent.evidence,
          statement: consent.statement,
        },
      ],
    };
  },
});

/** The registration's answers, as the summary and the save read them. */
function registrationOf(inputs: Readonly<Record<string, unknown>>) {
  const experience = textInput(inputs, 'export_experience');
  const tehsil = inputs.tehsil as { id?: unknown } | undefined;
  const consent = inputs.contact_consent as Partial<ContactConsent> | undefined;
  if (!(EXPORT_EXPERIENCE as readonly string[]).includes(experience)) {
    throw new ActionInputError('export_experience', `one of ${EXPORT_EXPERIENCE.join(', ')}`, experience);
  }
  if (typeof tehsil?.id !== 'string') throw new ActionInputError('tehsil', 'the output of match_tehsil', tehsil);
  if (typeof consent?.given !== 'boolean') {
    throw new ActionInputError('contact_consent', 'the output of record_contact_consent', consent);
  }
  return {
    name: textInput(inputs, 'name'),
    businessName: textInput(inputs, 'business_name'),
    products: listInput(inputs, 'products', isProductItem),
    certifications: certificationsInput(inputs, 'certifications'),
    exportExperience: experience as ExportExperience,
    tehsil: tehsil.id,
    photos: listInput(inputs, 'photos', isPhoto),
    contactConsent: {
      given: consent.given,
      at: new Date(consent.at as unknown as string),
      evidence: String(consent.evidence ?? ''),
      statement: String(consent.statement ?? ''),
    },
  };
}

const REGISTRATION_INPUTS =
  'with: name, business_name, products, certifications, export_experience, tehsil, photos, contact_consent';

export const describeRegistration = defineAction<ActionServices>({
  name: 'describe_registration',
  description: `The profile about to be saved, as the seller reads it. ${REGISTRATION_INPUTS}`,
  create: (services) => (inputs) => {
    const read = withInputs(() => registrationOf(inputs));
    if (!read.ok) return read;
    const profile = read.value;
    const view = { ...profile, photoCount: profile.photos.length, shareContact: profile.contactConsent.given };
    return { ok: true, output: describeProfile(view, services) };
  },
});

export const saveSellerProfile = defineAction<ActionServices>({
  name: 'save_seller_profile',
  description: `Saves the confirmed profile (a second save replaces it: one profile per number); products the catalog does not know go to the officers as a ticket. ${REGISTRATION_INPUTS}`,
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => registrationOf(inputs));
    if (!read.ok) return read;
    const profile = read.value;
    await services.sellers.register(
      context.user.phone,
      { ...profile, products: profile.products.map(toSellerProduct) },
      context.now,
    );
    const unknown = profile.products.filter((product) => !product.productId).map((product) => product.label);
    return {
      ok: true,
      userChanges: { name: profile.name },
      ...(unknown.length > 0 ? { events: [unknownProductsTicket(unknown, profile.businessName, context)] } : {}),
    };
  },
});

/** A ticket asking officers to add products to flows/catalog.yaml (or to tell the seller what they are). */
export function unknownProductsTicket(
  unknown: readonly string[],
  businessName: string,
  context: Pick<ActionContext, 'flowId' | 'stepId'>,
): TurnEvent {
  return {
    type: 'handoff',
    flowId: context.flowId,
    stepId: context.stepId,
    topic: 'catalog_review',
    question: `Products not in the catalog, from ${businessName}: ${unknown.join('; ')}`,
    answers: { unknownProducts: [...unknown] },
  };
}

export function toSellerProduct(item: ProductItem) {
  return {
    ...(item.productId ? { productId: item.productId } : {}),
    ...(item.category ? { category: item.category } : {}),
    label: item.label,
    ...(isQuantity(item.capacity) ? { capacity: item.capacity } : {}),
  };
}

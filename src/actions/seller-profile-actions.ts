/**
 * The actions of a registered seller's profile (flows/seller_profile.flow.yaml): view, edit a field, add or remove
 * products, pause or resume inquiry alerts, and erase their data.
 */
import { type ActionResult, defineAction } from '../conversation/actions/action.js';
import type { ContactConsent, SellerRecord } from '../domain/sellers/seller-model.js';
import type { SellerEdit } from '../domain/sellers/sellers.js';
import { EXPORT_EXPERIENCE, type ExportExperience } from '../domain/sellers/seller-terms.js';
import { matchChoices } from '../nlu/choice.js';
import { ActionInputError, booleanInput, certificationsInput, listInput, textInput, withInputs } from './inputs.js';
import { isProductItem } from './product-answers.js';
import { isPhoto, toSellerProduct, unknownProductsTicket } from './seller-registration-actions.js';
import type { ActionServices } from './services.js';
import { both, describeProfile, numberedProducts } from './seller-texts.js';

function profileOutput(seller: SellerRecord, services: ActionServices) {
  return {
    exists: true,
    alerts_on: seller.alertsOn,
    product_count: seller.products.length,
    summary: describeProfile(
      {
        ...seller,
        photoCount: seller.photos.length,
        shareContact: seller.contactConsent.given,
        alertsOn: seller.alertsOn,
      },
      services,
    ),
    product_list: both((language) => numberedProducts(seller.products, language, services.catalog)),
  };
}

export const loadSellerProfile = defineAction<ActionServices>({
  name: 'load_seller_profile',
  description:
    "The user's seller profile as text, and whether there is one. Output: { exists, summary, alerts_on, ... }",
  create: (services) => async (_inputs, context) => {
    const seller = await services.sellers.find(context.user.phone);
    return { ok: true, output: seller ? profileOutput(seller, services) : { exists: false } };
  },
});

const EDITABLE_FIELDS = [
  'name',
  'business_name',
  'certifications',
  'export_experience',
  'tehsil',
  'photos',
  'contact_consent',
] as const;

function editOf(field: string, inputs: Readonly<Record<string, unknown>>): SellerEdit {
  switch (field as (typeof EDITABLE_FIELDS)[number]) {
    case 'name':
      return { name: textInput(inputs, 'value') };
    case 'business_name':
      return { businessName: textInput(inputs, 'value') };
    case 'certifications':
      return { certifications: certificationsInput(inputs, 'value') };
    case 'export_experience': {
      const experience = textInput(inputs, 'value');
      if (!(EXPORT_EXPERIENCE as readonly string[]).includes(experience)) {
        throw new ActionInputError('value', `one of ${EXPORT_EXPERIENCE.join(', ')}`, experience);
      }
      return { exportExperience: experience as ExportExperience };
    }
    case 'tehsil':
      return { tehsil: String((inputs.value as { id?: unknown } | undefined)?.id ?? '') };
    case 'photos':
      return { photos: listInput(inputs, 'value', isPhoto) };
    case 'contact_consent': {
      const consent = inputs.value as Partial<ContactConsent> | undefined;
      if (typeof consent?.given !== 'boolean') {
        throw new ActionInputError('value', 'the output of record_contact_consent', consent);
      }
      return {
        contactConsent: {
          given: consent.given,
          at: new Date(String(consent.at)),
          evidence: String(consent.evidence ?? ''),
          statement: String(consent.statement ?? ''),
        },
      };
    }
  }
  throw new ActionInputError('field', `one of ${EDITABLE_FIELDS.join(', ')}`, field);
}

export const editSellerProfile = defineAction<ActionServices>({
  name: 'edit_seller_profile',
  description: `Changes one field of the profile. with: field (${EDITABLE_FIELDS.join(' | ')}), value`,
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => editOf(textInput(inputs, 'field'), inputs));
    if (!read.ok) return read;
    const seller = await services.sellers.edit(context.user.phone, read.value, context.now);
    return {
      ok: true,
      output: profileOutput(seller, services),
      ...(read.value.name ? { userChanges: { name: read.value.name } } : {}),
    };
  },
});

export const addSellerProducts = defineAction<ActionServices>({
  name: 'add_seller_products',
  description:
    'Adds products with their capacity to the profile (or updates the capacity of one it has). with: products',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => listInput(inputs, 'products', isProductItem));
    if (!read.ok) return read;
    const seller = await services.sellers.upsertProducts(
      context.user.phone,
      read.value.map(toSellerProduct),
      context.now,
    );
    const unknown = read.value.filter((item) => !item.productId).map((item) => item.label);
    return {
      ok: true,
      output: profileOutput(seller, services),
      ...(unknown.length > 0 ? { events: [unknownProductsTicket(unknown, seller.businessName, context)] } : {}),
    };
  },
});

export const removeSellerProducts = defineAction<ActionServices>({
  name: 'remove_seller_products',
  description: 'Removes products named by their number in the list, or their name ("2", "1, 3", "gehun"). with: text',
  create:
    (services) =>
    async (inputs, context): Promise<ActionResult> => {
      const read = withInputs(() => textInput(inputs, 'text'));
      if (!read.ok) return read;
      const seller = await services.sellers.find(context.user.phone);
      if (!seller) return { ok: false, reason: 'no seller profile' };
      const options = seller.products.map((product, i) => {
        const known = product.productId ? services.catalog.byId(product.productId) : undefined;
        return { id: String(i), titles: known ? [known.name.en, known.name.hi, ...known.synonyms] : [product.label] };
      });
      const chosen = matchChoices(read.value, options);
      if (!chosen || chosen.ids.length === 0 || chosen.unrecognized.length > 0) {
        return { ok: false, reason: 'the answer names no product of the list' };
      }
      if (chosen.ids.length >= seller.products.length)
        return { ok: false, reason: 'a seller keeps at least one product' };
      const updated = await services.sellers.removeProducts(context.user.phone, chosen.ids.map(Number), context.now);
      return { ok: true, output: profileOutput(updated, services) };
    },
});

export const setSellerAlerts = defineAction<ActionServices>({
  name: 'set_seller_alerts',
  description: 'Pauses or resumes inquiry alerts for this seller. with: on (a boolean)',
  create: (services) => async (inputs, context) => {
    const read = withInputs(() => booleanInput(inputs, 'on'));
    if (!read.ok) return read;
    const seller = await services.sellers.setAlerts(context.user.phone, read.value, context.now);
    return { ok: true, output: profileOutput(seller, services) };
  },
});

export const eraseMyData = defineAction<ActionServices>({
  name: 'erase_my_data',
  description:
    'Erases the seller profile now (an anonymous count stays) and, after the reply, everything else that identifies the user.',
  create: (services) => async (_inputs, context) => {
    await services.sellers.erase(context.user.phone, context.idempotencyKey, context.now);
    return { ok: true, events: [{ type: 'forget_user' }] };
  },
});

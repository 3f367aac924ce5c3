/**
 * How a seller profile reads, in Hindi and English: the lines of the summary shown before saving and on "my
 * profile", and the names of certifications and export experience.
 */
import type { Catalog, TehsilList } from '../domain/catalog/catalog.js';
import type { Certification, ExportExperience, Quantity } from '../domain/sellers/seller-terms.js';
import { formatQuantity, type Language, type LocalizedText } from '../conversation/actions/action.js';

export const CERTIFICATION_NAMES: Record<Certification, LocalizedText> = {
  iec: { hi: 'IEC (आयात-निर्यात कोड)', en: 'IEC (Import Export Code)' },
  fssai: { hi: 'FSSAI', en: 'FSSAI' },
  apeda_rcmc: { hi: 'APEDA / RCMC', en: 'APEDA / RCMC' },
  gi: { hi: 'GI टैग', en: 'GI tag' },
  organic: { hi: 'जैविक (ऑर्गेनिक) प्रमाणपत्र', en: 'Organic certificate' },
  gmp_iso: { hi: 'GMP / ISO', en: 'GMP / ISO' },
};

export const EXPERIENCE_NAMES: Record<ExportExperience, LocalizedText> = {
  none: { hi: 'अभी तक निर्यात नहीं किया', en: 'Not exported yet' },
  indirect: { hi: 'व्यापारी/निर्यातक के ज़रिए', en: 'Through a merchant or exporter' },
  direct: { hi: 'ख़ुद सीधे निर्यात किया', en: 'Exported directly' },
};

export const NOT_IN_CATALOG: LocalizedText = {
  hi: 'हमारी सूची में नहीं है; अधिकारी इसे देखकर जोड़ेंगे',
  en: 'not in our list yet; an officer will review it',
};

export interface ProductLine {
  productId?: string;
  label: string;
  name?: LocalizedText;
  capacity?: Quantity;
}

export function both(render: (language: Language) => string): LocalizedText {
  return { hi: render('hi'), en: render('en') };
}

export function capacityText(capacity: Quantity, language: Language): string {
  const amount = formatQuantity(capacity, language);
  return language === 'hi' ? `${amount} प्रति माह` : `${amount} a month`;
}

export function productLine(product: ProductLine, language: Language, catalog?: Catalog): string {
  const known = product.productId ? catalog?.byId(product.productId) : undefined;
  const name = known ? known.name[language] : (product.name?.[language] ?? product.label);
  const notKnown = product.productId ? '' : ` (${NOT_IN_CATALOG[language]})`;
  const capacity = product.capacity ? `: ${capacityText(product.capacity, language)}` : '';
  return `${name}${notKnown}${capacity}`;
}

export function numberedProducts(products: readonly ProductLine[], language: Language, catalog?: Catalog): string {
  return products.map((product, i) => `${i + 1}. ${productLine(product, language, catalog)}`).join('\n');
}

export interface ProfileView {
  name: string;
  businessName: string;
  products: readonly ProductLine[];
  certifications: readonly Certification[];
  exportExperience: ExportExperience;
  tehsil: string;
  photoCount: number;
  shareContact: boolean;
  alertsOn?: boolean;
}

const LABELS = {
  name: { hi: 'नाम', en: 'Name' },
  business: { hi: 'व्यवसाय', en: 'Business' },
  products: { hi: 'उत्पाद और मासिक क्षमता', en: 'Products and monthly capacity' },
  certifications: { hi: 'प्रमाणपत्र', en: 'Certifications' },
  experience: { hi: 'निर्यात अनुभव', en: 'Export experience' },
  tehsil: { hi: 'तहसील', en: 'Tehsil' },
  photos: { hi: 'फ़ोटो', en: 'Photos' },
  contact: { hi: 'खरीदारों को संपर्क दिखाना', en: 'Contact shown to buyers' },
  alerts: { hi: 'पूछताछ अलर्ट', en: 'Inquiry alerts' },
  none: { hi: 'कोई नहीं', en: 'None' },
  yes: { hi: 'हाँ', en: 'Yes' },
  no: { hi: 'नहीं', en: 'No' },
  on: { hi: 'चालू', en: 'On' },
  paused: { hi: 'रुके हुए', en: 'Paused' },
  other: { hi: 'अन्य', en: 'Other' },
} satisfies Record<string, LocalizedText>;

export function tehsilName(id: string, tehsils: TehsilList, language: Language): string {
  return tehsils.byId(id)?.name[language] ?? LABELS.other[language];
}

/** The profile as a seller reads it back, one field a line. */
export function describeProfile(profile: ProfileView, refs: { catalog: Catalog; tehsils: TehsilList }): LocalizedText {
  return both((language) => {
    const label = (key: keyof typeof LABELS) => LABELS[key][language];
    const certifications =
      profile.certifications.length > 0
        ? profile.certifications.map((id) => CERTIFICATION_NAMES[id][language]).join(', ')
        : label('none');
    const lines = [
      `${label('name')}: ${profile.name}`,
      `${label('business')}: ${profile.businessName}`,
      `${label('products')}:`,
      ...profile.products.map((product) => `  • ${productLine(product, language, refs.catalog)}`),
      `${label('certifications')}: ${certifications}`,
      `${label('experience')}: ${EXPERIENCE_NAMES[profile.exportExperience][language]}`,
      `${label('tehsil')}: ${tehsilName(profile.tehsil, refs.tehsils, language)}`,
      `${label('photos')}: ${profile.photoCount}`,
      `${label('contact')}: ${label(profile.shareContact ? 'yes' : 'no')}`,
    ];
    if (profile.alertsOn !== undefined) lines.push(`${label('alerts')}: ${label(profile.alertsOn ? 'on' : 'paused')}`);
    return lines.join('\n');
  });
}

/**
 * Demo data, so that a newcomer opening the simulator finds a programme already running: a few registered sellers
 * of the district's products (fictional people, on numbers of the +91 90000 000xx range that the simulator's panes
 * do not use). Added once; a seller already there is left as it is.
 */
import type { Sellers, SellerProfile } from '../src/domain/sellers/sellers.js';

const DEMO_CONSENT = {
  given: true,
  evidence: 'demo data',
  statement: 'Demo seller: contact details may be shared with matched buyers.',
};

const DEMO_SELLERS: ReadonlyArray<{ phone: string } & Omit<SellerProfile, 'contactConsent' | 'photos'>> = [
  {
    phone: '+919000000011',
    name: 'रमेश पटेल',
    businessName: 'पटेल राइस मिल, बीना',
    products: [
      { productId: 'parboiled_rice', category: 'rice', label: 'Parboiled rice', capacity: { value: 400, unit: 'MT' } },
      { productId: 'broken_rice', category: 'rice', label: 'Broken rice', capacity: { value: 60, unit: 'MT' } },
    ],
    certifications: ['iec', 'fssai', 'apeda_rcmc'],
    exportExperience: 'direct',
    tehsil: 'bina',
  },
  {
    phone: '+919000000012',
    name: 'Sunil Jain',
    businessName: 'Khurai Soya Products',
    products: [
      {
        productId: 'soybean_meal',
        category: 'soybean-meal',
        label: 'Soybean meal',
        capacity: { value: 1500, unit: 'MT' },
      },
    ],
    certifications: ['iec', 'fssai'],
    exportExperience: 'indirect',
    tehsil: 'khurai',
  },
  {
    phone: '+919000000013',
    name: 'मोहन विश्वकर्मा',
    businessName: 'विश्वकर्मा पाषाण कला',
    products: [
      { productId: 'stone_craft', category: 'stone-craft', label: 'Stone craft', capacity: { value: 2, unit: 'MT' } },
    ],
    certifications: ['gi'],
    exportExperience: 'none',
    tehsil: 'sagar',
  },
  {
    phone: '+919000000014',
    name: 'Kamla Ahirwar',
    businessName: 'Rehli Mahila Dona-Pattal SHG',
    products: [
      {
        productId: 'leaf_plates',
        category: 'eco-friendly',
        label: 'Leaf plates',
        capacity: { value: 500, unit: 'kg' },
      },
    ],
    certifications: [],
    exportExperience: 'none',
    tehsil: 'rehli',
  },
];

export async function seedDemoSellers(sellers: Sellers, now = new Date()): Promise<number> {
  let added = 0;
  for (const { phone, ...profile } of DEMO_SELLERS) {
    if (await sellers.find(phone)) continue;
    await sellers.register(phone, { ...profile, photos: [], contactConsent: { ...DEMO_CONSENT, at: now } }, now);
    added += 1;
  }
  return added;
}

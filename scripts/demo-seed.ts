/**
 * Sample data for the demo only, so that a newcomer opening the simulator finds a programme already running: three
 * dozen fictional sellers across the catalog and the tehsils, and two groups with their invite codes. Sellers are
 * simulator identities (`sim:+91 90000 000xx`), so a newcomer can open a pane as one of them and answer the alert
 * an inquiry sends it. Every sample record says so: the sellers' consent evidence reads "sample data (demo)" and
 * the groups carry `sample: true`. Nothing here is imported by src/; it runs from scripts/demo.ts alone. Added once;
 * what is there already is left as it is.
 */
import type { ProgrammeEvents } from '../src/domain/events/programme-events.js';
import type { Users } from '../src/domain/users/users.js';
import { simulatedIdentity } from '../src/channels/simulator/simulator-channel.js';
import type { Groups } from '../src/domain/groups/groups.js';
import type { SellerProfile, Sellers } from '../src/domain/sellers/sellers.js';
import type { Certification, ExportExperience } from '../src/domain/sellers/seller-terms.js';

export const SAMPLE_EVIDENCE = 'sample data (demo)';

const SAMPLE_CONSENT = {
  given: true,
  evidence: SAMPLE_EVIDENCE,
  statement: 'Sample seller: contact details may be shared with matched buyers.',
};

interface SampleSeller {
  /** The number a simulator pane uses to act as this seller. */
  number: string;
  name: string;
  businessName: string;
  /** [catalog id, category, monthly capacity in MT] */
  products: [string, string, number][];
  certifications: Certification[];
  exportExperience: ExportExperience;
  tehsil: string;
}

const seller = (
  n: number,
  name: string,
  businessName: string,
  products: [string, string, number][],
  tehsil: string,
  exportExperience: ExportExperience,
  certifications: Certification[] = [],
): SampleSeller => ({
  number: `+9190000000${String(n).padStart(2, '0')}`,
  name,
  businessName,
  products,
  certifications,
  exportExperience,
  tehsil,
});

export const SAMPLE_SELLERS: readonly SampleSeller[] = [
  seller(
    11,
    'रमेश पटेल',
    'पटेल राइस मिल, बीना',
    [
      ['parboiled_rice', 'rice', 400],
      ['broken_rice', 'rice', 60],
    ],
    'bina',
    'direct',
    ['iec', 'fssai', 'apeda_rcmc'],
  ),
  seller(12, 'Sunil Jain', 'Khurai Soya Products', [['soybean_meal', 'soybean-meal', 1500]], 'khurai', 'indirect', [
    'iec',
    'fssai',
  ]),
  seller(13, 'मोहन विश्वकर्मा', 'विश्वकर्मा पाषाण कला', [['stone_craft', 'stone-craft', 2]], 'sagar', 'none', ['gi']),
  seller(14, 'Kamla Ahirwar', 'Rehli Mahila Dona-Pattal SHG', [['leaf_plates', 'eco-friendly', 0.5]], 'rehli', 'none'),
  seller(
    15,
    'अजय साहू',
    'साहू एग्रो इंडस्ट्रीज़',
    [
      ['parboiled_rice', 'rice', 250],
      ['steam_rice', 'rice', 120],
    ],
    'khurai',
    'indirect',
    ['fssai'],
  ),
  seller(16, 'Vikas Rai', 'Rai Rice Mill', [['parboiled_rice', 'rice', 150]], 'banda', 'none', ['fssai']),
  seller(
    17,
    'सलीम ख़ान',
    'ख़ान राइस एंड दाल मिल',
    [
      ['raw_rice', 'rice', 90],
      ['pigeon_pea', 'agri-other', 40],
    ],
    'garhakota',
    'indirect',
  ),
  seller(18, 'Priya Dubey', 'Dubey Basmati Exports', [['basmati_rice', 'rice', 300]], 'sagar', 'direct', [
    'iec',
    'apeda_rcmc',
    'fssai',
  ]),
  seller(
    19,
    'राजेश यादव',
    'यादव सोया उद्योग',
    [
      ['soybean_meal', 'soybean-meal', 800],
      ['soybean_oil', 'agri-other', 200],
    ],
    'rahatgarh',
    'direct',
    ['iec', 'fssai'],
  ),
  seller(
    20,
    'Anita Thakur',
    'Deori Farmers Producer Co.',
    [
      ['soybean', 'agri-other', 600],
      ['chickpea', 'agri-other', 300],
    ],
    'deori',
    'none',
  ),
  seller(
    21,
    'गोविंद लोधी',
    'लोधी दाल मिल',
    [
      ['chickpea', 'agri-other', 200],
      ['lentil', 'agri-other', 150],
    ],
    'shahgarh',
    'indirect',
    ['fssai'],
  ),
  seller(
    22,
    'Imran Qureshi',
    'Qureshi Pulses',
    [
      ['black_gram', 'agri-other', 80],
      ['green_gram', 'agri-other', 70],
    ],
    'malthon',
    'none',
  ),
  seller(
    23,
    'सुरेश चौरसिया',
    'चौरसिया ऑयल मिल',
    [
      ['mustard', 'agri-other', 100],
      ['mustard_cake', 'agri-other', 250],
    ],
    'jaisinagar',
    'indirect',
  ),
  seller(
    24,
    'Neha Agrawal',
    'Agrawal Wheat Products',
    [
      ['wheat', 'agri-other', 1000],
      ['wheat_flour', 'agri-other', 400],
    ],
    'bina',
    'direct',
    ['iec', 'fssai'],
  ),
  seller(
    25,
    'दिनेश कुर्मी',
    'कुर्मी किसान समूह',
    [
      ['maize', 'agri-other', 500],
      ['groundnut', 'agri-other', 60],
    ],
    'kesli',
    'none',
  ),
  seller(26, 'Farhan Ali', 'Sagar Spice House', [['spices', 'agri-other', 20]], 'sagar', 'indirect', [
    'fssai',
    'organic',
  ]),
  seller(
    27,
    'लक्ष्मी प्रजापति',
    'प्रजापति शिल्प केंद्र',
    [
      ['stone_craft', 'stone-craft', 1],
      ['handicrafts', 'handicrafts', 0.5],
    ],
    'garhakota',
    'none',
    ['gi'],
  ),
  seller(
    28,
    'Arvind Soni',
    'Soni Stone Works',
    [
      ['sandstone', 'building-materials', 900],
      ['kota_stone', 'building-materials', 700],
    ],
    'rahatgarh',
    'direct',
    ['iec'],
  ),
  seller(29, 'भरत अहिरवार', 'बुंदेलखंड स्टोन क्राफ़्ट', [['stone_craft', 'stone-craft', 3]], 'banda', 'indirect', ['gi']),
  seller(
    30,
    'Meena Kushwaha',
    'Kushwaha Bricks & Tiles',
    [
      ['bricks', 'building-materials', 2000],
      ['tiles', 'building-materials', 300],
    ],
    'shahgarh',
    'none',
  ),
  seller(31, 'डॉ. संजय मिश्रा', 'मिश्रा फ़ार्मा केम', [['pharma_intermediates', 'pharma-chemicals', 15]], 'sagar', 'direct', [
    'iec',
    'gmp_iso',
  ]),
  seller(
    32,
    'Rohit Kesharwani',
    'Kesharwani Chemicals',
    [
      ['chemicals', 'pharma-chemicals', 40],
      ['pharma_api', 'pharma-chemicals', 5],
    ],
    'bina',
    'indirect',
    ['gmp_iso'],
  ),
  seller(
    33,
    'सविता रजक',
    'रजक हस्तशिल्प',
    [
      ['textile_crafts', 'handicrafts', 0.3],
      ['handicrafts', 'handicrafts', 0.2],
    ],
    'rehli',
    'none',
  ),
  seller(34, 'Manoj Vishwakarma', 'Sagar Wooden Toys', [['wooden_toys', 'handicrafts', 1]], 'deori', 'none'),
  seller(
    35,
    'पूजा सेन',
    'सेन पत्तल उद्योग',
    [
      ['leaf_plates', 'eco-friendly', 1],
      ['areca_plates', 'eco-friendly', 0.5],
    ],
    'kesli',
    'none',
  ),
  seller(36, 'Ravi Tiwari', 'Tiwari Bamboo Crafts', [['bamboo_products', 'eco-friendly', 2]], 'malthon', 'none'),
  seller(
    37,
    'शबाना बेगम',
    'शबाना जूट बैग्स',
    [
      ['jute_bags', 'eco-friendly', 3],
      ['cotton_bags', 'eco-friendly', 2],
    ],
    'sagar',
    'indirect',
  ),
  seller(38, 'Kishore Patel', 'Patel Rice Bran Oil', [['rice_bran', 'agri-other', 120]], 'khurai', 'none', ['fssai']),
  seller(
    39,
    'हरिओम शर्मा',
    'शर्मा एग्री एक्सपोर्ट्स',
    [
      ['parboiled_rice', 'rice', 600],
      ['wheat', 'agri-other', 500],
    ],
    'sagar',
    'direct',
    ['iec', 'fssai', 'apeda_rcmc'],
  ),
  seller(40, 'Geeta Raikwar', 'Raikwar Paddy Growers', [['paddy', 'rice', 700]], 'jaisinagar', 'none'),
  seller(41, 'अमित जैन', 'जैन सीमेंट प्रोडक्ट्स', [['cement', 'building-materials', 1200]], 'bina', 'none'),
  seller(
    42,
    'Sadhna Gupta',
    'Gupta Steam Rice',
    [
      ['steam_rice', 'rice', 200],
      ['parboiled_rice', 'rice', 100],
    ],
    'rehli',
    'indirect',
    ['fssai'],
  ),
];

export const SAMPLE_GROUPS = [
  {
    code: 'RICE24',
    name: 'सागर चावल निर्यातक / Sagar Rice Exporters',
    description: 'Buyers and rice mills of Sagar district',
    productFocus: ['rice'],
    members: [11, 15, 18, 39, 42],
  },
  {
    code: 'STONE7',
    name: 'सागर पाषाण और शिल्प / Sagar Stone & Crafts',
    description: 'Stone craft, building stone and handicrafts',
    productFocus: ['stone-craft', 'building-materials', 'handicrafts'],
    members: [13, 27, 28, 29],
  },
] as const;

function profileOf(sample: SampleSeller, now: Date): SellerProfile {
  return {
    name: sample.name,
    businessName: sample.businessName,
    products: sample.products.map(([productId, category, capacityMt]) => ({
      productId,
      category,
      label: productId,
      capacity:
        capacityMt >= 1
          ? { value: capacityMt, unit: 'MT' as const }
          : { value: capacityMt * 1000, unit: 'kg' as const },
    })),
    certifications: sample.certifications,
    exportExperience: sample.exportExperience,
    tehsil: sample.tehsil,
    photos: [],
    contactConsent: { ...SAMPLE_CONSENT, at: now },
  };
}

export async function seedDemoData(
  deps: { sellers: Sellers; groups: Groups; users: Users; events: ProgrammeEvents },
  now = new Date(),
): Promise<{ sellers: number; groups: number }> {
  // An event as an officer would enter it ("add event"), two weeks ahead at 11:00 India time, unless one is coming
  // up: the FAQ's answers on packaging workshops list it.
  if ((await deps.events.upcoming(now, ['packaging_workshop'])).length === 0) {
    const day = new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
    await deps.events.add(`demo-sample-event-${day}`, {
      kind: 'packaging_workshop',
      title: { hi: 'चावल निर्यातकों के लिए पैकेजिंग कार्यशाला (नमूना)', en: 'Packaging workshop for rice exporters (sample)' },
      startsAt: new Date(`${day}T05:30:00Z`),
      place: 'DIC Sagar',
      addedBy: 'demo',
      at: now,
    });
  }
  let sellers = 0;
  for (const sample of SAMPLE_SELLERS) {
    const identity = simulatedIdentity(sample.number);
    if (await deps.sellers.find(identity)) continue;
    // As if they had written to the bot: a broadcast goes to the people it knows.
    await deps.users.recordInbound({ phone: identity, at: now, profileName: sample.name });
    await deps.sellers.register(identity, profileOf(sample, now), now);
    sellers += 1;
  }
  let groups = 0;
  for (const group of SAMPLE_GROUPS) {
    if (await deps.groups.find(group.code)) continue;
    const { members, ...details } = group;
    await deps.groups.create({ ...details, productFocus: [...details.productFocus], sample: true }, now);
    for (const n of members) {
      const sample = SAMPLE_SELLERS.find((each) => each.number.endsWith(String(n))) as SampleSeller;
      await deps.groups.join(
        group.code,
        { phone: simulatedIdentity(sample.number), role: 'seller', name: sample.businessName },
        now,
      );
    }
    groups += 1;
  }
  return { sellers, groups };
}

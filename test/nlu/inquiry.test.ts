import { describe, expect, it } from 'vitest';
import { entryTerms, loadCatalog } from '../../src/domain/catalog/catalog.js';
import { createInquiryExtractor, type ExtractedInquiry, type InquiryUnit } from '../../src/nlu/inquiry.js';
import { matchKey } from '../../src/nlu/match-key.js';
import { createTermMatcher } from '../../src/nlu/product-matcher.js';

const catalog = loadCatalog('flows/catalog.yaml', { termKey: matchKey });
const extractor = createInquiryExtractor({
  products: createTermMatcher(catalog.products.map((product) => ({ id: product.id, terms: entryTerms(product) }))),
  categoryOf: (id) => catalog.byId(id)?.category,
});

// Monday 30 November 2026, 10:00 in India.
const now = new Date('2026-11-30T10:00:00+05:30');

const nothing: ExtractedInquiry = {
  product: null,
  quantity: null,
  destination: null,
  incoterm: null,
  price: null,
  deliveryBy: null,
  certifications: [],
};
const inquiry = (fields: Partial<ExtractedInquiry>): ExtractedInquiry => ({ ...nothing, ...fields });
const product = (id: string, category: string) => ({ id, category });
const qty = (value: number, unit: InquiryUnit, kg: number | null) => ({ value, unit, kg });
const to = (country: string) => ({ country });
const price = (amount: number, currency: string, per: InquiryUnit | null) => ({ amount, currency, per });

const rice = (id: string) => product(id, 'rice');
const agri = (id: string) => product(id, 'agri-other');

describe('extract', () => {
  it.each<[string, ExtractedInquiry]>([
    // Hinglish.
    [
      'mujhe 50 ton sela chawal chahiye dubai ke liye',
      inquiry({ product: rice('parboiled_rice'), quantity: qty(50, 'MT', 50000), destination: to('AE') }),
    ],
    [
      'gehun 500 quintal chahiye, ex-mill rate 2600 rs quintal',
      inquiry({
        product: agri('wheat'),
        quantity: qty(500, 'quintal', 50000),
        incoterm: 'EXW',
        price: price(2600, 'INR', 'quintal'),
      }),
    ],
    [
      'kya aapke paas jaivik gehu hai? 50 kuntal chahiye, 32 rs kilo, 20 din mein',
      inquiry({
        product: agri('wheat'),
        quantity: qty(50, 'quintal', 5000),
        price: price(32, 'INR', 'kg'),
        deliveryBy: '2026-12-20',
        certifications: ['organic'],
      }),
    ],
    [
      'Mujhe 5 hazar bori chana chahiye, har bori 50 kilo, Dhaka bhejna hai',
      inquiry({ product: agri('chickpea'), quantity: qty(5000, 'bag', 250000), destination: to('BD') }),
    ],
    [
      'ek container sela chawal, rate kya hai FOB Mundra, Saudi ke liye',
      inquiry({
        product: rice('parboiled_rice'),
        quantity: qty(1, 'container', null),
        destination: to('SA'),
        incoterm: 'FOB',
      }),
    ],
    [
      'do sau ton soyabean meal chahiye, Vietnam, phyto aur fumigation',
      inquiry({
        product: product('soybean_meal', 'soybean-meal'),
        quantity: qty(200, 'MT', 200000),
        destination: to('VN'),
        certifications: ['phytosanitary'],
      }),
    ],
    [
      'moong dal 100 qtl @ Rs 9500/qtl ex-mill, jaldi',
      inquiry({
        product: agri('green_gram'),
        quantity: qty(100, 'quintal', 10000),
        incoterm: 'EXW',
        price: price(9500, 'INR', 'quintal'),
      }),
    ],
    [
      'rice chahiye 100 MT, sela wala, organic aur FSSAI ke saath, CIF Colombo',
      inquiry({
        product: rice('parboiled_rice'),
        quantity: qty(100, 'MT', 100000),
        destination: to('LK'),
        incoterm: 'CIF',
        certifications: ['organic', 'fssai'],
      }),
    ],
    [
      'kota stone 10,000 sqft chahiye Kathmandu tak delivery, Rs 45 per sqft',
      inquiry({
        product: product('kota_stone', 'building-materials'),
        quantity: qty(10000, 'sqft', null),
        destination: to('NP'),
        price: price(45, 'INR', 'sqft'),
      }),
    ],
    [
      '200 stone murti chahiye for USA, GI tag ke saath, by 15 Jan',
      inquiry({
        product: product('stone_craft', 'stone-craft'),
        quantity: qty(200, 'piece', null),
        destination: to('US'),
        deliveryBy: '2027-01-15',
        certifications: ['gi'],
      }),
    ],
    // Hindi.
    [
      'सोया खली 200 टन CNF चटगांव, $480 PMT, जनवरी तक',
      inquiry({
        product: product('soybean_meal', 'soybean-meal'),
        quantity: qty(200, 'MT', 200000),
        destination: to('BD'),
        incoterm: 'CFR',
        price: price(480, 'USD', 'MT'),
        deliveryBy: '2027-01-31',
      }),
    ],
    [
      'हमें 100 टन गेहूं चाहिए नेपाल के लिए, ढाई हज़ार रुपये प्रति क्विंटल, agle mahine tak',
      inquiry({
        product: agri('wheat'),
        quantity: qty(100, 'MT', 100000),
        destination: to('NP'),
        price: price(2500, 'INR', 'quintal'),
        deliveryBy: '2026-12-31',
      }),
    ],
    [
      'हमें ५०० टन सोया डीओसी चाहिए, FOB कांडला, ४८० डॉलर प्रति टन, मार्च तक',
      inquiry({
        product: product('soybean_meal', 'soybean-meal'),
        quantity: qty(500, 'MT', 500000),
        incoterm: 'FOB',
        price: price(480, 'USD', 'MT'),
        deliveryBy: '2027-03-31',
      }),
    ],
    [
      'सेला चावल 1,20,000 किलो, दिसंबर के अंत तक, हलाल प्रमाणपत्र',
      inquiry({
        product: rice('parboiled_rice'),
        quantity: qty(120000, 'kg', 120000),
        deliveryBy: '2026-12-31',
        certifications: ['halal'],
      }),
    ],
    [
      'सरसों खली ढाई सौ क्विंटल चाहिए, 2800 रुपये प्रति क्विंटल, अगले महीने तक',
      inquiry({
        product: agri('mustard_cake'),
        quantity: qty(250, 'quintal', 25000),
        price: price(2800, 'INR', 'quintal'),
        deliveryBy: '2026-12-31',
      }),
    ],
    [
      'मक्का 1000 टन चाहिए वियतनाम के लिए, हाइफोंग पोर्ट, CFR',
      inquiry({ product: agri('maize'), quantity: qty(1000, 'MT', 1000000), destination: to('VN'), incoterm: 'CFR' }),
    ],
    [
      'जैविक मसूर ५० क्विंटल, दुबई के लिए, ३० दिन में',
      inquiry({
        product: agri('lentil'),
        quantity: qty(50, 'quintal', 5000),
        destination: to('AE'),
        deliveryBy: '2026-12-30',
        certifications: ['organic'],
      }),
    ],
    // English.
    [
      'Need 2 x 20ft containers of steam rice FOB Mundra',
      inquiry({ product: rice('steam_rice'), quantity: qty(2, 'container', null), incoterm: 'FOB' }),
    ],
    [
      'Hi, we need 500 MT of 1121 golden sela rice, CIF Jebel Ali, $1050 PMT, shipment by 15 Jan',
      inquiry({
        product: rice('parboiled_rice'),
        quantity: qty(500, 'MT', 500000),
        destination: to('AE'),
        incoterm: 'CIF',
        price: price(1050, 'USD', 'MT'),
        deliveryBy: '2027-01-15',
      }),
    ],
    [
      'Need 300 MT sharbati wheat, CIF Dubai, $320 PMT, shipment next month',
      inquiry({
        product: agri('wheat'),
        quantity: qty(300, 'MT', 300000),
        destination: to('AE'),
        incoterm: 'CIF',
        price: price(320, 'USD', 'MT'),
        deliveryBy: '2026-12-31',
      }),
    ],
    [
      'Looking for 1000 bags of 50 kg masoor dal for Colombo, CFR, FSSAI and phyto required',
      inquiry({
        product: agri('lentil'),
        quantity: qty(1000, 'bag', 50000),
        destination: to('LK'),
        incoterm: 'CFR',
        certifications: ['fssai', 'phytosanitary'],
      }),
    ],
    [
      '10 containers rice, 1509 steam, C&F Jeddah, USD 850/MT, halal certificate, January shipment',
      inquiry({
        product: rice('steam_rice'),
        quantity: qty(10, 'container', null),
        destination: to('SA'),
        incoterm: 'CFR',
        price: price(850, 'USD', 'MT'),
        deliveryBy: '2027-01-31',
        certifications: ['halal'],
      }),
    ],
    [
      'Basmati 2 x 40ft containers, 26 MT each, C&F Chattogram, March shipment',
      inquiry({
        product: rice('basmati_rice'),
        quantity: qty(2, 'container', 52000),
        destination: to('BD'),
        incoterm: 'CFR',
        deliveryBy: '2027-03-31',
      }),
    ],
    [
      'We are importers from Muscat, Oman. Looking for 25 MT parboiled rice in 50 kg bags, CFR Sohar, AED 1800 per ton',
      inquiry({
        product: rice('parboiled_rice'),
        quantity: qty(25, 'MT', 25000),
        destination: to('OM'),
        incoterm: 'CFR',
        price: price(1800, 'AED', 'MT'),
      }),
    ],
    [
      'Hello, we are from Nairobi. Need 2 x 40ft broken rice, FOB Mundra, within 2 weeks',
      inquiry({
        product: rice('broken_rice'),
        quantity: qty(2, 'container', null),
        destination: to('KE'),
        incoterm: 'FOB',
        deliveryBy: '2026-12-14',
      }),
    ],
    [
      'Sandstone slabs 5000 sq ft required, DAP Kathmandu, delivery within 30 days, payment LC 90 days',
      inquiry({
        product: product('sandstone', 'building-materials'),
        quantity: qty(5000, 'sqft', null),
        destination: to('NP'),
        incoterm: 'DAP',
        deliveryBy: '2026-12-30',
      }),
    ],
    [
      '5000 leaf plates for Sydney, organic, $0.05 each',
      inquiry({
        product: product('leaf_plates', 'eco-friendly'),
        quantity: qty(5000, 'piece', null),
        destination: to('AU'),
        price: price(0.05, 'USD', 'piece'),
        certifications: ['organic'],
      }),
    ],
    [
      'Urgent requirement: 5 FCL urad dal, 26 MT per container, USD 720/MT CNF Dammam, by 30th December',
      inquiry({
        product: agri('black_gram'),
        quantity: qty(5, 'container', 130000),
        destination: to('SA'),
        incoterm: 'CFR',
        price: price(720, 'USD', 'MT'),
        deliveryBy: '2026-12-30',
      }),
    ],
    [
      'Need pharma API 500 kg, WHO-GMP required, send to Lagos, Nigeria, ASAP',
      inquiry({
        product: product('pharma_api', 'pharma-chemicals'),
        quantity: qty(500, 'kg', 500),
        destination: to('NG'),
        certifications: ['gmp_iso'],
      }),
    ],
    [
      'I am from Dubai, need soya 100 MT for Oman, I mean soya DOC, EXW Sagar',
      inquiry({
        product: product('soybean_meal', 'soybean-meal'),
        quantity: qty(100, 'MT', 100000),
        destination: to('OM'),
        incoterm: 'EXW',
      }),
    ],
    // Weights of one package written apart, counted goods, Hindi Incoterms, other currencies, far ports.
    [
      '3 container basmati chahiye, har container me 24 ton, CIF Cotonou',
      inquiry({
        product: rice('basmati_rice'),
        quantity: qty(3, 'container', 72000),
        destination: to('BJ'),
        incoterm: 'CIF',
      }),
    ],
    [
      'Dubai based trader, need 2 x 20ft broken rice, 26 MT each, CFR Yangon, USD 380 PMT',
      inquiry({
        product: rice('broken_rice'),
        quantity: qty(2, 'container', 52000),
        destination: to('MM'),
        incoterm: 'CFR',
        price: price(380, 'USD', 'MT'),
      }),
    ],
    [
      'ब्रोकन राइस 1 कंटेनर, 26 टन, सीआईएफ कोटोनू, 350 डॉलर पीएमटी',
      inquiry({
        product: rice('broken_rice'),
        quantity: qty(1, 'container', 26000),
        destination: to('BJ'),
        incoterm: 'CIF',
        price: price(350, 'USD', 'MT'),
      }),
    ],
    [
      'साढ़े चार सौ टन सोया डीओसी, सीएफआर हो ची मिन्ह, ४२० डॉलर पर टन',
      inquiry({
        product: product('soybean_meal', 'soybean-meal'),
        quantity: qty(450, 'MT', 450000),
        destination: to('VN'),
        incoterm: 'CFR',
        price: price(420, 'USD', 'MT'),
      }),
    ],
    [
      '800 bori chana chahiye 30 kg wali, SAR 1800 per ton, Jeddah',
      inquiry({
        product: agri('chickpea'),
        quantity: qty(800, 'bag', 24000),
        destination: to('SA'),
        price: price(1800, 'SAR', 'MT'),
      }),
    ],
    [
      'need 50,000 dona pattal for London, £0.04 per plate',
      inquiry({
        product: product('leaf_plates', 'eco-friendly'),
        quantity: qty(50000, 'piece', null),
        destination: to('GB'),
        price: price(0.04, 'GBP', 'piece'),
      }),
    ],
    [
      'jute bags 8,000 pieces, budget GBP 300 per piece',
      inquiry({
        product: product('jute_bags', 'eco-friendly'),
        quantity: qty(8000, 'piece', null),
        price: price(300, 'GBP', 'piece'),
      }),
    ],
    [
      'pathar ki 15 murti chahiye Tokyo ke liye, ¥45000 per idol',
      inquiry({
        product: product('stone_craft', 'stone-craft'),
        quantity: qty(15, 'piece', null),
        destination: to('JP'),
        price: price(45000, 'JPY', 'piece'),
      }),
    ],
    // Nothing to read.
    ['Hello sir, namaste', inquiry({})],
    ['price kya hai?', inquiry({})],
  ])('%s', (text, expected) => {
    expect(extractor.extract(text, now)).toEqual(expected);
  });

  it('reads nothing from messages that are not inquiries', () => {
    for (const text of [
      'mera naam Ramesh hai, main Rehli se hun',
      'my order number 12345',
      'GST number 23ABCDE1234F1Z5',
      'Contact +91 98765 43210',
      'how to register as seller?',
      '2 din pehle order kiya tha',
      'Plot no. 5, Sector 3, Sagar',
      '30 saal se business hai',
    ]) {
      expect(extractor.extract(text, now), text).toEqual(nothing);
    }
  });

  it('keeps the first product when a later one is another product, not a closer name', () => {
    expect(extractor.extract('50 MT sela rice in jute bags', now).product).toEqual(rice('parboiled_rice'));
    expect(extractor.extract('wheat 100 MT and chana 50 MT', now).product).toEqual(agri('wheat'));
  });

  it('skips a product the catalog does not categorize', () => {
    const partial = createInquiryExtractor({
      products: createTermMatcher([
        { id: 'retired', terms: ['sela'] },
        { id: 'wheat', terms: ['wheat'] },
      ]),
      categoryOf: (id) => (id === 'wheat' ? 'agri-other' : undefined),
    });
    expect(partial.extract('sela and wheat', now).product).toEqual(agri('wheat'));
    expect(partial.extract('sela only', now).product).toBeNull();
  });
});

/**
 * Why a seller was chosen for an inquiry, in the words an officer reads on the alert list: Hindi as a person writes
 * it and English. Every reason has a stable code for programs (filters, counts) and the text for people.
 */
import type { ExportExperience } from '../sellers/seller-terms.js';
import type { SellerMatchStats } from './match-profile.js';

export interface BilingualText {
  hi: string;
  en: string;
}

export interface MatchReason {
  code: string;
  text: BilingualText;
}

/** Certificates a buyer may ask for; the ids are those of the seller's records and of the inquiry reader. */
const CERTIFICATE_NAMES: Readonly<Record<string, BilingualText>> = {
  iec: { hi: 'IEC (आयात-निर्यात कोड)', en: 'IEC (Import Export Code)' },
  fssai: { hi: 'FSSAI लाइसेंस', en: 'FSSAI licence' },
  apeda_rcmc: { hi: 'APEDA / RCMC पंजीकरण', en: 'APEDA / RCMC registration' },
  gi: { hi: 'GI टैग', en: 'GI tag' },
  organic: { hi: 'जैविक (ऑर्गेनिक) प्रमाणपत्र', en: 'organic certificate' },
  gmp_iso: { hi: 'GMP / ISO प्रमाणपत्र', en: 'GMP / ISO certificate' },
  phytosanitary: { hi: 'फाइटोसैनिटरी प्रमाणपत्र', en: 'phytosanitary certificate' },
  halal: { hi: 'हलाल प्रमाणपत्र', en: 'halal certificate' },
};

export function exactProductReason(productName?: BilingualText): MatchReason {
  return {
    code: 'product_exact',
    text: productName
      ? { hi: `यही उत्पाद बनाते हैं (${productName.hi})`, en: `Makes this exact product (${productName.en})` }
      : { hi: 'यही उत्पाद बनाते हैं', en: 'Makes this exact product' },
  };
}

/** `askedForProduct`: the inquiry named a product, which this seller does not make; else it named only a kind. */
export function sameCategoryReason(askedForProduct: boolean, productName?: BilingualText): MatchReason {
  if (!askedForProduct) {
    return {
      code: 'product_same_category',
      text: { hi: 'इसी किस्म का उत्पाद बनाते हैं', en: 'Makes this kind of product' },
    };
  }
  return {
    code: 'product_same_category',
    text: productName
      ? {
          hi: `इसी किस्म का दूसरा उत्पाद बनाते हैं, ${productName.hi} नहीं`,
          en: `Makes another product of the same kind, not ${productName.en}`,
        }
      : {
          hi: 'इसी किस्म का दूसरा उत्पाद बनाते हैं, ठीक यही नहीं',
          en: 'Makes another product of the same kind, not this one',
        },
  };
}

export function capacityEnoughReason(capacityKg: number, quantityKg: number): MatchReason {
  const [capacity, quantity] = [weightText(capacityKg), weightText(quantityKg)];
  return {
    code: 'capacity_enough',
    text: {
      hi: `महीने में ${capacity.hi} बना सकते हैं, माँगे गए ${quantity.hi} के लिए काफ़ी`,
      en: `Can make ${capacity.en} a month, enough for the ${quantity.en} asked`,
    },
  };
}

export function capacityPartReason(capacityKg: number, quantityKg: number): MatchReason {
  const [capacity, quantity] = [weightText(capacityKg), weightText(quantityKg)];
  // Never "0%" for a seller who can make something: at least 1.
  const percent = Math.max(1, Math.floor((capacityKg / quantityKg) * 100));
  return {
    code: 'capacity_partial',
    text: {
      hi: `महीने में ${capacity.hi} बना सकते हैं, माँगे गए ${quantity.hi} का ${percent}%`,
      en: `Can make ${capacity.en} a month, ${percent}% of the ${quantity.en} asked`,
    },
  };
}

/** The inquiry states no quantity: the seller's capacity is shown, not weighed. */
export function capacityStatedReason(capacityKg: number): MatchReason {
  const capacity = weightText(capacityKg);
  return {
    code: 'capacity_stated',
    text: { hi: `महीने में ${capacity.hi} बना सकते हैं`, en: `Can make ${capacity.en} a month` },
  };
}

export function capacityUnknownReason(): MatchReason {
  return {
    code: 'capacity_unknown',
    text: { hi: 'महीने में कितना बना सकते हैं, यह नहीं बताया', en: 'Has not said how much they can make a month' },
  };
}

export function certificateHeldReason(certification: string): MatchReason {
  const name = certificateName(certification);
  return { code: 'certification_held', text: { hi: `माँगा गया ${name.hi} है`, en: `Has the ${name.en} asked for` } };
}

export function certificatesMissingReason(certifications: readonly string[]): MatchReason {
  const names = certifications.map(certificateName);
  return {
    code: 'certifications_missing',
    text: {
      hi: `माँगे गए प्रमाणपत्रों में से ये नहीं हैं: ${names.map((name) => name.hi).join(', ')}`,
      en: `Does not have: ${names.map((name) => name.en).join(', ')}`,
    },
  };
}

const EXPERIENCE_REASONS: Readonly<Record<ExportExperience, MatchReason>> = {
  direct: {
    code: 'export_direct',
    text: { hi: 'अपने IEC से सीधे निर्यात करते हैं', en: 'Exports directly, under their own IEC' },
  },
  indirect: {
    code: 'export_indirect',
    text: {
      hi: 'व्यापारी या निर्यातक के ज़रिए निर्यात के लिए माल बेचा है',
      en: 'Has sold for export through a merchant or exporter',
    },
  },
  none: { code: 'export_none', text: { hi: 'अभी तक निर्यात नहीं किया है', en: 'Has not exported yet' } },
};

export function experienceReason(experience: ExportExperience): MatchReason {
  return EXPERIENCE_REASONS[experience];
}

export function responsesReason(stats: SellerMatchStats): MatchReason {
  if (stats.alerts <= 0) {
    return {
      code: 'responses_none_yet',
      text: {
        hi: 'अभी तक कोई पूछताछ नहीं भेजी गई, इसलिए जवाबों का रिकॉर्ड नहीं है',
        en: 'Not sent an inquiry yet, so no record of replies',
      },
    };
  }
  const percent = Math.round(Math.min(1, stats.responses / stats.alerts) * 100);
  const speed =
    stats.meanResponseMs === undefined || stats.responses <= 0 ? undefined : durationText(stats.meanResponseMs);
  return {
    code: 'responses',
    text: {
      hi: `हाल की ${percent}% पूछताछ का जवाब दिया${speed ? `, औसतन ${speed.hi} में` : ''}`,
      en: `Replied to ${percent}% of recent inquiries${speed ? `, in ${speed.en} on average` : ''}`,
    },
  };
}

function certificateName(certification: string): BilingualText {
  return CERTIFICATE_NAMES[certification] ?? { hi: certification, en: certification };
}

const NUMBER = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 1 });

/** "50 MT" / "50 टन" from a tonne up, "500 kg" / "500 किलो" below: the units the district trades in. */
function weightText(kg: number): BilingualText {
  if (kg >= 1000) {
    const tonnes = NUMBER.format(kg / 1000);
    return { hi: `${tonnes} टन`, en: `${tonnes} MT` };
  }
  const kilos = NUMBER.format(kg);
  return { hi: `${kilos} किलो`, en: `${kilos} kg` };
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

function durationText(ms: number): BilingualText {
  if (ms < HOUR_MS) {
    const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
    return { hi: `${minutes} मिनट`, en: minutes === 1 ? '1 minute' : `${minutes} minutes` };
  }
  if (ms < 2 * DAY_MS) {
    const hours = Math.round(ms / HOUR_MS);
    return { hi: `${hours} घंटे`, en: hours === 1 ? '1 hour' : `${hours} hours` };
  }
  const days = Math.round(ms / DAY_MS);
  return { hi: `${days} दिन`, en: `${days} days` };
}

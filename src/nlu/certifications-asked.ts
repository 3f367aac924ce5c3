/**
 * The registrations and certificates a buyer asks the seller to have: "organic", "jaivik", "FSSAI", "APEDA",
 * "phyto", "halal", "ISO/GMP", "GI tag", "IEC". Ids are those of the sellers' certification records, so that the
 * officer can match an inquiry against who holds what.
 */
import { buildPhraseIndex, buildPhraseSet, rowsOf } from './inquiry-phrases.js';
import { asInquiryText, type InquiryText } from './inquiry-text.js';

export const CERTIFICATIONS = [
  'iec',
  'fssai',
  'apeda_rcmc',
  'gi',
  'organic',
  'gmp_iso',
  'phytosanitary',
  'halal',
] as const;
export type Certification = (typeof CERTIFICATIONS)[number];

const CERTIFICATION_PHRASES = buildPhraseIndex(
  rowsOf<Certification>({
    iec: 'iec | iec code | ie code | import export code | importer exporter code | आईईसी',
    fssai: 'fssai | fssai license | fssai licence | fssai certified | एफएसएसएआई',
    apeda_rcmc: 'apeda | rcmc | apeda rcmc | एपीडा | आरसीएमसी',
    gi: 'gi | gi tag | gi tagged | geographical indication | जीआई | जीआई टैग',
    organic: `organic | organically | organic certified | jaivik | jaivic | जैविक | ऑर्गेनिक | आर्गेनिक | npop |
      usda organic`,
    gmp_iso: 'gmp | who gmp | iso | iso certified | जीएमपी | आईएसओ',
    phytosanitary: `phyto | phytosanitary | phyto sanitary | phyto certificate | phytosanitary certificate | फाइटो |
      फाइटोसैनिटरी | फाइटो सेनेटरी | पादप स्वच्छता`,
    halal: 'halal | halaal | हलाल',
  }),
);

// "non-organic", "bina organic", "organic not required", "ISO nahi chahiye": named in order to be refused.
const REFUSALS_BEFORE = buildPhraseSet('non | bina | without | बिना | no need of | not | no');
const REFUSALS_AFTER = buildPhraseSet('not | nahi | nahin | नहीं | नही | na | no need');
// "organic not relevant", "FSSAI zaroori nahi": the refusal may come a word later.
const WORDS_TO_REFUSAL = 2;

/** The certifications the message asks for, each once, in order of mention. */
export function readCertifications(input: string | InquiryText): Certification[] {
  const { tokens } = asInquiryText(input);
  const asked: Certification[] = [];
  for (const { meaning, start, end } of CERTIFICATION_PHRASES.findAll(tokens)) {
    if (isRefused(tokens, start, end)) continue;
    if (!asked.includes(meaning)) asked.push(meaning);
  }
  return asked;
}

function isRefused(tokens: readonly string[], start: number, end: number): boolean {
  for (let from = Math.max(0, start - 3); from < start; from++) {
    if (REFUSALS_BEFORE.matchAt(tokens, from)?.end === start) return true;
  }
  for (let at = end; at < end + WORDS_TO_REFUSAL; at++) {
    if (REFUSALS_AFTER.matchAt(tokens, at)) return true;
  }
  return false;
}

import { describe, expect, it } from 'vitest';
import { type Certification, readCertifications } from '../../src/nlu/certifications-asked.js';

describe('readCertifications', () => {
  it.each<[string, Certification[]]>([
    ['organic sela chawal', ['organic']],
    ['kya aapke paas jaivik gehu hai', ['organic']],
    ['जैविक गेहूं चाहिए', ['organic']],
    ['ऑर्गेनिक सोयाबीन', ['organic']],
    ['FSSAI license hona chahiye', ['fssai']],
    ['APEDA registered exporter only', ['apeda_rcmc']],
    ['RCMC copy bhejo', ['apeda_rcmc']],
    ['phyto required', ['phytosanitary']],
    ['phytosanitary certificate chahiye', ['phytosanitary']],
    ['फाइटो सर्टिफिकेट', ['phytosanitary']],
    ['halal certified only', ['halal']],
    ['हलाल प्रमाणपत्र', ['halal']],
    ['ISO 22000 plant', ['gmp_iso']],
    ['WHO-GMP required', ['gmp_iso']],
    ['GI tag wala', ['gi']],
    ['IEC code bhejo', ['iec']],
    // In order of mention, once each.
    ['organic aur FSSAI ke saath, phyto bhi, organic zaroori', ['organic', 'fssai', 'phytosanitary']],
    ['halal + ISO + APEDA', ['halal', 'gmp_iso', 'apeda_rcmc']],
  ])('%s → %j', (text, certifications) => {
    expect(readCertifications(text)).toEqual(certifications);
  });

  it('leaves out what the buyer says is not needed', () => {
    expect(readCertifications('non-organic is fine')).toEqual([]);
    expect(readCertifications('bina organic ke bhi chalega')).toEqual([]);
    expect(readCertifications('organic not relevant')).toEqual([]);
    expect(readCertifications('ISO nahi chahiye, halal chahiye')).toEqual(['halal']);
  });

  it('names none in a message that asks for none', () => {
    for (const text of ['50 ton sela chawal', 'price kya hai', 'original documents', 'gift box', '']) {
      expect(readCertifications(text), text).toEqual([]);
    }
  });
});

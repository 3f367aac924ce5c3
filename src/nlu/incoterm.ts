/**
 * The Incoterms 2020 rule a buyer names, as the codes and the local trade names for them ("C&F", "CNF", "ex-mill").
 * "FOR" (free on rail, an Indian domestic term) is no Incoterm and is not read: "for" is an English word anyway.
 */
import { buildPhraseIndex, rowsOf } from './inquiry-phrases.js';
import { asInquiryText, type InquiryText } from './inquiry-text.js';

export const INCOTERMS = ['EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP'] as const;
export type Incoterm = (typeof INCOTERMS)[number];

/**
 * The rules whose named place is where the goods arrive ("CIF Jebel Ali", "DAP Kathmandu"); with E and F rules the
 * place is where the seller hands them over ("FOB Mundra").
 */
export const ARRIVAL_INCOTERMS: ReadonlySet<Incoterm> = new Set(['CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP']);

// Tokens keep "&" and "+", so "C&F" and "C+F" are three tokens; "ex-mill" loses its dash and is two. Hindi writes the
// codes by their letters' names, run together ("एफओबी") or apart ("एफ.ओ.बी." is three tokens), and the E-term
// names as said ("एक्स वर्क्स").
const INCOTERM_PHRASES = buildPhraseIndex(
  rowsOf<Incoterm>({
    EXW: `exw | ex works | exworks | ex work | ex mill | exmill | ex factory | exfactory | ex godown | ex warehouse |
      ex plant | एक्स मिल | एक्स फैक्ट्री | एक्स फैक्टरी | एक्स वर्क्स | एक्स वर्क | एक्सवर्क्स | एक्स गोदाम |
      ईएक्सडब्ल्यू`,
    FCA: 'fca | free carrier | एफसीए | एफ सी ए',
    FAS: 'fas | free alongside ship | एफएएस | एफ ए एस',
    FOB: 'fob | f o b | free on board | एफओबी | एफ ओ बी | फ्री ऑन बोर्ड',
    CFR: `cfr | cnf | c n f | c & f | c + f | c / f | c and f | candf | cost and freight | cost & freight | सीएनएफ |
      सी एन एफ | सी एंड एफ | सी & एफ | सी + एफ | सीएंडएफ | सीएफआर | सी एफ आर | कॉस्ट एंड फ्रेट`,
    CIF: 'cif | c i f | cost insurance and freight | cost insurance freight | सीआईएफ | सी आई एफ',
    CPT: 'cpt | carriage paid to | सीपीटी | सी पी टी',
    CIP: 'cip | carriage and insurance paid to | carriage insurance paid | सीआईपी | सी आई पी',
    DAP: 'dap | delivered at place | डीएपी | डी ए पी',
    DPU: 'dpu | delivered at place unloaded | डीपीयू | डी पी यू',
    DDP: 'ddp | delivered duty paid | डीडीपी | डी डी पी',
  }),
);

// "fas" is also Hinglish for "stuck" ("maal fas gaya"): as a code it must be written in capitals.
const CAPITALS_ONLY: ReadonlySet<string> = new Set(['fas']);

export interface IncotermReading {
  incoterm: Incoterm;
  start: number;
  end: number;
}

/** The first Incoterm the message names, or null. */
export function readIncoterm(input: string | InquiryText): Incoterm | null {
  const text = asInquiryText(input);
  for (let start = 0; start < text.tokens.length; start++) {
    const reading = readIncotermAt(text, start);
    if (reading) return reading.incoterm;
  }
  return null;
}

/** The Incoterm named at token `start`, if any. */
export function readIncotermAt(text: InquiryText, start: number): IncotermReading | undefined {
  const match = INCOTERM_PHRASES.matchAt(text.tokens, start);
  if (!match) return undefined;
  const token = text.tokens[start]!;
  if (CAPITALS_ONLY.has(token) && match.end === start + 1 && text.typed[start] !== token.toUpperCase()) {
    return undefined;
  }
  return { incoterm: match.meaning, start, end: match.end };
}

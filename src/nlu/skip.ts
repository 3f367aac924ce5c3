/** "Skip this question" and "that's all" in Hindi, Hinglish and English, for optional answers (photos). */
import { buildPhraseTable, phraseKey, wordSetOf } from './phrases.js';

const SKIP_PHRASES = {
  skip: `skip | skip it | no | none | nahi | nahin | nhi | na | done | finish | finished | thats all | that is all |
    bas | bas itna | ho gaya | ho gya | baad mein | baad me | later | no photo | no photos | photo nahi |
    नहीं | नही | छोड़ें | छोड़ो | छोड़ दें | बस | बस इतना | हो गया | बाद में | फ़ोटो नहीं | फोटो नहीं | कोई नहीं`,
};

const SKIP_FILLERS = wordSetOf('please pls plz ji sir kripya कृपया जी');
const SKIPS = buildPhraseTable(SKIP_PHRASES, SKIP_FILLERS);

export function isSkip(text: string): boolean {
  return SKIPS.get(phraseKey(text, SKIP_FILLERS)) === 'skip';
}

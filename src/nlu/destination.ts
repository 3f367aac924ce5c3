/**
 * The country an inquiry's goods are going to: named as a country ("Bangladesh", "बांग्लादेश", "saudia") or by a
 * city or port a buyer names instead ("CNF Chittagong", "दुबई के लिए", "Jebel Ali"). The country reader
 * (country.ts) leaves cities out, because a person in Dubai may buy for anywhere; in an inquiry a port or city is
 * where the goods go, which is what this reader answers.
 *
 * Indian ports and cities (Mundra, Nhava Sheva, Sagar...) are where goods leave from, never the destination:
 * "FOB Mundra" names no destination.
 */
import { countryMentions } from './country.js';
import { ARRIVAL_INCOTERMS, readIncotermAt } from './incoterm.js';
import { buildPhraseIndex, buildPhraseSet } from './inquiry-phrases.js';
import { asInquiryText, type InquiryText } from './inquiry-text.js';

export interface Destination {
  /** ISO 3166-1 alpha-2. */
  country: string;
}

const INDIA = 'IN';

// Ports and cities buyers name instead of their country: the main ports of the district's export markets, the land
// ports to Bangladesh and Nepal, and the cities importers write from. Hindi spellings of the main ones.
const FOREIGN_PLACES: Readonly<Record<string, string>> = {
  AE: `dubai | dubay | jebel ali | jebelali | jabel ali | jabal ali | sharjah | sharja | abu dhabi | abudhabi | ajman |
    khalifa port | दुबई | जेबेल अली | जेबल अली | जबल अली | शारजाह | शारजा | अबू धाबी | अबूधाबी | अजमान`,
  BD: `chittagong | chattogram | chatgaon | chitagong | ctg | dhaka | dacca | benapole | benapol | mongla | चटगांव |
    चिटगांव | चटगाम | चट्टोग्राम | ढाका | बेनापोल | मोंगला`,
  LK: 'colombo | कोलंबो | कोलम्बो',
  SA: 'jeddah | jedda | jiddah | dammam | riyadh | riyad | जेद्दा | जेद्दाह | जद्दा | दम्माम | रियाद | रियाध',
  QA: 'doha | hamad | hamad port | दोहा',
  OM: 'muscat | sohar | salalah | मस्कट | सोहर',
  KW: 'kuwait city | shuwaikh',
  NP: `kathmandu | kathmando | birgunj | birganj | biratnagar | bhairahawa | काठमांडू | काठमाण्डू | काठमांडौ |
    बीरगंज | वीरगंज | विराटनगर | बिराटनगर`,
  NL: 'rotterdam | रॉटरडैम | रोटरडम',
  BE: 'antwerp | antwerpen | एंटवर्प',
  DE: 'hamburg | हैम्बर्ग | हैमबर्ग',
  GB: 'felixstowe | london | लंदन',
  MY: 'port klang | klang | kuala lumpur | kualalumpur | पोर्ट क्लांग | क्वालालंपुर | कुआलालंपुर',
  ID: 'jakarta | tanjung priok | जकार्ता',
  VN: 'ho chi minh | ho chi minh city | hochiminh | hcmc | saigon | haiphong | hai phong | हो ची मिन्ह | हाइफोंग',
  KE: 'mombasa | nairobi | मोम्बासा | मोंबासा | नैरोबी',
  TZ: 'dar es salaam | dar es salam | daressalaam | dar salaam | दार एस सलाम | दार-एस-सलाम',
  NG: 'lagos | apapa | लागोस',
  ZA: 'durban | डरबन',
  US: `new york | newyork | los angeles | houston | न्यूयॉर्क | न्यू यॉर्क | लॉस एंजिल्स | ह्यूस्टन`,
  CA: 'toronto | vancouver | टोरंटो',
  AU: 'sydney | melbourne | सिडनी | मेलबर्न',
  IR: 'bandar abbas | bandarabbas | बंदर अब्बास',
  PK: 'karachi | कराची',
};

// Where Indian goods leave from: ports, ICDs and the cities of the district and the state. Listed so that a near
// spelling of a country ("kandla" and "kanada") is never read in their place.
const INDIAN_PLACES = `mundra | kandla | deendayal | nhava sheva | nhavasheva | jnpt | jnpa | mumbai | bombay | chennai |
  madras | vizag | visakhapatnam | kolkata | calcutta | haldia | tuticorin | thoothukudi | pipavav | hazira | icd |
  sagar | bhopal | indore | jabalpur | katni | damoh | delhi | new delhi | tughlakabad | ahmedabad | cochin | kochi |
  mangalore | krishnapatnam | paradip | kakinada | raxaul | petrapole | nagpur | pithampur | mandideep | मुंद्रा |
  कांडला | न्हावा शेवा | मुंबई | चेन्नई | कोलकाता | हल्दिया | तूतीकोरिन | सागर | भोपाल | इंदौर | जबलपुर | दिल्ली`;

const PLACES = buildPhraseIndex<string>([...Object.entries(FOREIGN_PLACES), [INDIA, INDIAN_PLACES]]);

// "to Dubai", "for UAE", "destination: Jebel Ali".
const CUES_BEFORE = buildPhraseSet(
  'to | for | destination | dest | destination port | port of discharge | port of destination | pod | into | गंतव्य',
);
// Hindi names the place first: "दुबई के लिए", "नेपाल को", "Dubai tak".
const CUES_AFTER = buildPhraseSet(
  'ke liye | ke lie | ke liya | ko | tak | bhejna | bhejni | bhejne | के लिए | के लिये | को | तक | भेजना | भेजने',
);
// Words that may stand between a cue and its place: "to the UAE", "for Jebel Ali port ke liye".
const FILLERS = buildPhraseSet('the | port | city | market | bazar | side | पोर्ट | बंदरगाह | बाजार | शहर');
const MAX_FILLERS = 2;

interface Place {
  country: string;
  start: number;
  end: number;
}

/** The destination country of an inquiry, or null when it names no foreign country, city or port. */
export function readDestination(input: string | InquiryText): Destination | null {
  const text = asInquiryText(input);
  const foreign = places(text.tokens).filter((place) => place.country !== INDIA);
  const [first] = foreign;
  if (!first) return null;
  const cued = foreign.length > 1 ? foreign.find((place) => hasCue(text, place)) : undefined;
  return { country: (cued ?? first).country };
}

/** Cities, ports and countries in order of mention; a city or port wins over a country name it overlaps. */
function places(tokens: readonly string[]): Place[] {
  const found: Place[] = PLACES.findAll(tokens).map(({ meaning, start, end }) => ({ country: meaning, start, end }));
  const isTaken = (start: number, end: number) => found.some((place) => start < place.end && place.start < end);
  const countries = countriesBetweenFigures(tokens).filter(({ start, end }) => !isTaken(start, end));
  return [...found, ...countries].sort((a, b) => a.start - b.start);
}

// A letter of either script: country names are made of words only.
const WORD_TOKEN = /^[\p{L}\p{M}]/u;

/**
 * Country names in each run of words. No name has a figure or a sign in it, so the runs between them hold every
 * name; and the figures of a message change with every message ("50 ton", "55 ton"), so leaving them out keeps the
 * country reader's memo of near spellings useful.
 */
function countriesBetweenFigures(tokens: readonly string[]): Place[] {
  const found: Place[] = [];
  for (let start = 0; start < tokens.length; ) {
    let end = start;
    while (end < tokens.length && WORD_TOKEN.test(tokens[end]!)) end++;
    const words = end > start ? tokens.slice(start, end) : [];
    for (const mention of countryMentions(words)) {
      found.push({ country: mention.country.code, start: start + mention.start, end: start + mention.end });
    }
    start = end + 1;
  }
  return found;
}

function hasCue(text: InquiryText, place: Place): boolean {
  const { tokens } = text;
  let after = place.end;
  for (let skipped = 0; skipped < MAX_FILLERS; skipped++) {
    const filler = FILLERS.matchAt(tokens, after);
    if (!filler) break;
    after = filler.end;
  }
  if (CUES_AFTER.matchAt(tokens, after)) return true;
  // A cue before: some cue (or an arrival Incoterm, "CIF Jebel Ali") ends where the place starts, fillers aside.
  for (let start = Math.max(0, place.start - 3 - MAX_FILLERS); start < place.start; start++) {
    const cueEnd = CUES_BEFORE.matchAt(tokens, start)?.end ?? arrivalIncotermEnd(text, start);
    if (cueEnd !== undefined && cueEnd <= place.start && onlyFillers(tokens, cueEnd, place.start)) return true;
  }
  return false;
}

function arrivalIncotermEnd(text: InquiryText, start: number): number | undefined {
  const reading = readIncotermAt(text, start);
  return reading && ARRIVAL_INCOTERMS.has(reading.incoterm) ? reading.end : undefined;
}

function onlyFillers(tokens: readonly string[], from: number, to: number): boolean {
  let at = from;
  for (let skipped = 0; at < to && skipped < MAX_FILLERS; skipped++) {
    const filler = FILLERS.matchAt(tokens, at);
    if (!filler) return false;
    at = filler.end;
  }
  return at === to;
}

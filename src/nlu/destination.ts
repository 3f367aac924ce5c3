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

// Ports and cities buyers name instead of their country: the main ports of the world's trade lanes and of the
// district's export markets, the land ports to Bangladesh, Nepal and Bhutan, and the cities importers write from.
// Hindi spellings of the main ones. One line a region; a country must be one country.ts knows.
const FOREIGN_PLACES: Readonly<Record<string, string>> = {
  // The Gulf, West Asia, Iran and Pakistan.
  AE: `dubai | dubay | jebel ali | jebelali | jabel ali | jabal ali | sharjah | sharja | abu dhabi | abudhabi | ajman |
    khalifa port | khalifa | fujairah | दुबई | जेबेल अली | जेबल अली | जबल अली | शारजाह | शारजा | अबू धाबी | अबूधाबी |
    अजमान | खलीफा`,
  SA: `jeddah | jedda | jiddah | dammam | riyadh | riyad | jubail | जेद्दा | जेद्दाह | जद्दा | दम्माम | रियाद | रियाध`,
  QA: 'doha | hamad | hamad port | दोहा',
  OM: 'muscat | sohar | salalah | duqm | मस्कट | सोहर | सलालाह | सलाला',
  KW: 'kuwait city | shuwaikh',
  BH: 'manama | मनामा',
  IQ: 'umm qasr | um qasr | umm qasar | basra | basrah | baghdad | erbil | उम्म कस्र | बसरा | बगदाद',
  JO: 'aqaba | amman | अकाबा | अम्मान',
  LB: 'beirut | बेरूत',
  YE: 'aden | hodeidah | hudaydah | mukalla',
  TR: 'istanbul | mersin | izmir | ankara | इस्तांबुल | मर्सिन | मेर्सिन',
  IR: 'bandar abbas | bandarabbas | tehran | chabahar | बंदर अब्बास | तेहरान | चाबहार',
  PK: 'karachi | port qasim | lahore | कराची',
  AF: 'kabul | kandahar | काबुल',
  // South Asia's neighbours.
  BD: `chittagong | chattogram | chatgaon | chitagong | ctg | dhaka | dacca | benapole | benapol | mongla | चटगांव |
    चिटगांव | चटगाम | चट्टोग्राम | ढाका | बेनापोल | मोंगला`,
  LK: 'colombo | कोलंबो | कोलम्बो',
  NP: `kathmandu | kathmando | birgunj | birganj | biratnagar | bhairahawa | काठमांडू | काठमाण्डू | काठमांडौ |
    बीरगंज | वीरगंज | विराटनगर | बिराटनगर`,
  BT: 'thimphu | phuentsholing | थिम्पू | फुंटशोलिंग',
  MV: 'malé | male | माले',
  MM: 'yangon | rangoon | यांगून | रंगून',
  // East and South-East Asia.
  TH: 'bangkok | laem chabang | बैंकॉक | बैंकाक',
  MY: 'port klang | klang | kuala lumpur | kualalumpur | penang | pasir gudang | पोर्ट क्लांग | क्वालालंपुर | कुआलालंपुर',
  ID: 'jakarta | tanjung priok | surabaya | जकार्ता',
  VN: `ho chi minh | ho chi minh city | hochiminh | hcmc | saigon | haiphong | hai phong | hanoi | हो ची मिन्ह | हाइफोंग |
    हनोई`,
  PH: 'manila | cebu | मनीला',
  CN: `shanghai | qingdao | guangzhou | shenzhen | ningbo | tianjin | xiamen | beijing | शंघाई | चिंगदाओ | ग्वांगझू |
    ग्वांगझोउ | बीजिंग`,
  KR: 'busan | pusan | seoul | incheon | बुसान | सियोल',
  JP: 'tokyo | yokohama | osaka | kobe | nagoya | टोक्यो | तोक्यो | योकोहामा | ओसाका',
  // Europe.
  NL: 'rotterdam | amsterdam | रॉटरडैम | रोटरडम',
  BE: 'antwerp | antwerpen | एंटवर्प',
  DE: 'hamburg | bremerhaven | frankfurt | berlin | munich | हैम्बर्ग | हैमबर्ग | फ्रैंकफर्ट | बर्लिन',
  GB: 'felixstowe | london | southampton | liverpool | लंदन',
  FR: 'le havre | marseille | marseilles | paris | ले हावरे | मार्सिले | पेरिस',
  IT: 'genoa | genova | naples | napoli | la spezia | जेनोआ | नेपल्स',
  ES: 'valencia | barcelona | algeciras | madrid | वालेंसिया | वेलेंसिया | बार्सिलोना',
  PL: 'gdansk | gdańsk | gdynia | warsaw | ग्दांस्क',
  GR: 'piraeus | athens | पिरियस | एथेंस',
  RU: `moscow | st petersburg | saint petersburg | novorossiysk | vladivostok | मॉस्को | मास्को | सेंट पीटर्सबर्ग |
    व्लादिवोस्तोक`,
  // Africa.
  EG: 'alexandria | cairo | port said | damietta | sokhna | अलेक्जेंड्रिया | काहिरा',
  MA: 'casablanca | tangier | tanger med | कैसाब्लांका | कासाब्लांका',
  TN: 'tunis | sfax | rades | ट्यूनिस',
  DZ: 'algiers | oran | अल्जीयर्स',
  KE: 'mombasa | nairobi | मोम्बासा | मोंबासा | नैरोबी',
  TZ: 'dar es salaam | dar es salam | daressalaam | dar salaam | zanzibar | दार एस सलाम | दार-एस-सलाम',
  SO: 'mogadishu | berbera | bosaso | मोगादिशु | मोगादिशू | बरबेरा',
  ET: 'addis ababa | अदीस अबाबा',
  NG: 'lagos | apapa | port harcourt | abuja | लागोस',
  BJ: 'cotonou | कोटोनू',
  TG: 'lomé | lome | लोमे',
  GH: 'tema | accra | takoradi | टेमा | अकरा',
  CI: 'abidjan | आबिदजान',
  SN: 'dakar',
  GN: 'conakry | कोनाक्री',
  AO: 'luanda | lobito | लुआंडा',
  MZ: 'maputo | beira | nacala | मापुटो',
  ZA: 'durban | cape town | johannesburg | डरबन | केप टाउन | जोहान्सबर्ग',
  MU: 'port louis | पोर्ट लुई',
  MG: 'toamasina | tamatave | antananarivo',
  // The Americas and Oceania.
  US: `new york | newyork | new jersey | newark | los angeles | long beach | houston | savannah | chicago | seattle |
    न्यूयॉर्क | न्यू यॉर्क | लॉस एंजिल्स | ह्यूस्टन | शिकागो`,
  CA: 'toronto | vancouver | montreal | टोरंटो | वैंकूवर | मॉन्ट्रियल',
  MX: 'manzanillo | veracruz | mexico city | मैक्सिको सिटी',
  JM: 'kingston',
  BR: 'santos | sao paulo | são paulo | rio de janeiro | साओ पाउलो',
  AR: 'buenos aires | ब्यूनस आयर्स',
  PE: 'callao | lima',
  CL: 'valparaiso | valparaíso',
  AU: 'sydney | melbourne | brisbane | fremantle | perth | adelaide | सिडनी | मेलबर्न',
  NZ: 'auckland | tauranga | ऑकलैंड',
};

// Names that are everyday words too: "male" is English, "chile" and "चिली" are how many write chilli ("रेड चिली"),
// "गिनी" is "counted". They name the place only when something points at it as one: "to Male", "CIF Male".
const CUED_ONLY = buildPhraseSet('male | माले | chile | चिली | गिनी');

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

/**
 * The destination country of an inquiry, or null when it names no foreign country, city or port. Of several places,
 * the one an arrival Incoterm names ("Dubai based trader ..., CIF Cotonou"): the contract's own word for where the
 * goods go; else the one a cue points at ("for Oman"); else the first.
 */
export function readDestination(input: string | InquiryText): Destination | null {
  const text = asInquiryText(input);
  const foreign = places(text).filter((place) => place.country !== INDIA);
  const [first] = foreign;
  if (!first) return null;
  if (foreign.length === 1) return { country: first.country };
  const named =
    foreign.find((place) => cueOf(text, place) === 'incoterm') ?? foreign.find((place) => hasCue(text, place));
  return { country: (named ?? first).country };
}

/**
 * Cities, ports and countries in order of mention; a city or port wins over a country name it overlaps. A name that
 * is also an everyday word counts only where a cue makes it a place.
 */
function places(text: InquiryText): Place[] {
  const { tokens } = text;
  const found: Place[] = PLACES.findAll(tokens).map(({ meaning, start, end }) => ({ country: meaning, start, end }));
  const isTaken = (start: number, end: number) => found.some((place) => start < place.end && place.start < end);
  const countries = countriesBetweenFigures(tokens).filter(({ start, end }) => !isTaken(start, end));
  return [...found, ...countries]
    .filter((place) => CUED_ONLY.matchAt(tokens, place.start)?.end !== place.end || hasCue(text, place))
    .sort((a, b) => a.start - b.start);
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
  return cueOf(text, place) !== undefined;
}

/** What marks a place as where the goods go: an arrival Incoterm before it ("CIF Jebel Ali"), another cue, or none. */
function cueOf(text: InquiryText, place: Place): 'incoterm' | 'word' | undefined {
  const { tokens } = text;
  let after = place.end;
  for (let skipped = 0; skipped < MAX_FILLERS; skipped++) {
    const filler = FILLERS.matchAt(tokens, after);
    if (!filler) break;
    after = filler.end;
  }
  let cue: 'word' | undefined = CUES_AFTER.matchAt(tokens, after) ? 'word' : undefined;
  // A cue before: some cue (or an arrival Incoterm) ends where the place starts, fillers aside.
  for (let start = Math.max(0, place.start - 3 - MAX_FILLERS); start < place.start; start++) {
    const word = CUES_BEFORE.matchAt(tokens, start)?.end;
    const incoterm = arrivalIncotermEnd(text, start);
    if (incoterm !== undefined && incoterm <= place.start && onlyFillers(tokens, incoterm, place.start)) {
      return 'incoterm';
    }
    if (word !== undefined && word <= place.start && onlyFillers(tokens, word, place.start)) cue = 'word';
  }
  return cue;
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

/**
 * Words grouped by what they ask for, in Hindi, Hinglish and English: "chahiye", "चाहिए", "need", "rqd" are all a
 * need; "packing credit", "LC", "ऋण" are all finance. The classifier sees the concept besides the word, so a word it
 * never saw in training still counts when its concept did. Phrases are compared by their cross-script key
 * (match-key.ts), so one spelling per word and script is enough.
 */
import { matchKeyWords } from './match-key.js';
import { phrasesOf } from './phrases.js';

const CONCEPT_PHRASES: Readonly<Record<string, string>> = {
  greet: `hi | hii | hiii | hello | helo | hey | namaste | namaskar | namaskaar | pranam | pranaam | salaam |
    salam | ram ram | jai shri ram | jai hind | good morning | good evening | good afternoon | suprabhat |
    नमस्ते | नमस्कार | प्रणाम | राम राम | जय श्री राम | सुप्रभात | हेलो | हाय | शुभ प्रभात`,
  menu: `menu | menyu | options | option | main menu | list of options | services | seva | features |
    what can you do | what all | kya kya | kar sakte | मेनू | विकल्प | सेवाएं | सेवा | सूची |
    मुख्य मेनू | क्या क्या`,
  help: `help | madad | sahayata | samajh | samjh | confused | stuck | guide | guidance | how to use |
    kaise use | how does this work | how this works | instructions | tarika | tareeka | मदद | सहायता |
    समझ | समझ नहीं | कैसे इस्तेमाल | तरीका`,
  language: `language | bhasha | english | angrezi | angreji | inglish | hindi | hindee | in english | in hindi |
    english mein | hindi mein | भाषा | अंग्रेजी | अंग्रेज़ी | इंग्लिश | हिंदी | हिन्दी`,
  register: `register | registration | registered | panjikaran | panjeekaran | enrol | enroll | onboard | sign up |
    signup | list my | listing | add my | add our | join as | seller | supplier | vendor | vikreta |
    become a seller | profile | पंजीकरण | रजिस्टर | रजिस्ट्रेशन | विक्रेता | सप्लायर | जुड़ना | जोड़ना |
    सूची में`,
  sell: `sell | selling | seller | sale | bechna | bechte | bechta | bechti | bech | manufacture |
    manufacturer | manufacturing | banate | banata | produce | producer | utpadan | factory | mill |
    unit | plant | processor | processing | hamari | hamara | humara | our | we make | बेचना | बेचते |
    बेचता | बनाते | उत्पादन | मिल | फैक्ट्री | इकाई | कारखाना | हमारी | हमारा`,
  need: `need | needed | want | wanted | require | required | requirement | rqd | reqd | looking for |
    looking | buy | buying | buyer | purchase | import | importer | order | quote | quotation | offer |
    chahiye | chaiye | chahie | chahiyen | chahte | kharid | kharidna | kharidenge | mangwana | lena hai |
    चाहिए | चाहिये | चाहते | खरीद | खरीदना | खरीदार | मंगवाना | ऑर्डर | आर्डर | कोटेशन`,
  price: `rate | rates | price | prices | bhav | bhaav | daam | dam | cost | kitne ka | kitna ka | per ton |
    pmt | भाव | दाम | कीमत | रेट | मूल्य`,
  question: `what is | what are | whats | how to | how do | how can | how much | kya hai | kya hota | kya hote |
    kaise | kaisa | kab | kaun | kyon | kyu | why | when | where | explain | tell me | batao | bataiye |
    batayein | bataye | jankari | jaankari | information | details | detail | क्या है | क्या होता | कैसे |
    कब | कौन | क्यों | बताइए | बताएं | बताओ | जानकारी`,
  finance: `loan | loans | credit | packing credit | pre shipment | post shipment | preshipment | postshipment |
    lc | letter of credit | bank | sbi | finance | financing | vitt | rin | karz | karza | interest |
    byaj | subsidy | subsidies | anudan | scheme | schemes | yojana | policy | niti | msme | incentive |
    incentives | protsahan | grant | ऋण | लोन | कर्ज | बैंक | वित्त | ब्याज | सब्सिडी | अनुदान | योजना |
    नीति | प्रोत्साहन`,
  compliance: `iec | rcmc | apeda | fssai | gi | gi tag | tagging | certificate | certification | certified |
    praman patra | pramanpatra | phytosanitary | phyto | documents | document | documentation | dastavez |
    license | licence | labelling | labeling | iso | halal | organic | certification | customs |
    प्रमाणपत्र | प्रमाण पत्र | दस्तावेज | लाइसेंस | जीआई टैग`,
  logistics: `post office | dak | dak ghar | india post | courier | shipping | shipment | ship | freight |
    logistics | transport | port | customs | clearance | ecommerce | e commerce | amazon | walmart |
    flipkart | online | listing | branding | digital marketing | packaging | डाक | डाकघर | पोस्ट ऑफिस |
    कूरियर | शिपिंग | माल ढुलाई | ऑनलाइन | ब्रांडिंग | पैकेजिंग`,
  export: `export | exports | exporter | exporting | niryat | निर्यात | निर्यातक | odop | district |
    sagar ka export`,
  event: `training | workshop | camp | shivir | prashikshan | demonstration | demo | next session | event |
    karyashala | seminar | webinar | प्रशिक्षण | कार्यशाला | शिविर | प्रदर्शन | सेमिनार`,
  group: `group | groups | grup | whatsapp group | samuh | invite | invitation | invite code | code | link |
    join | jodo | jod do | add me | add karo | ग्रुप | समूह | जोड़ दीजिए | जोड़ो | जुड़ना | आमंत्रण |
    कोड | लिंक`,
  spam: `congratulations | congrats | you have won | won | winner | prize | lottery | jackpot | claim | click |
    click the link | free gift | cashback | kyc | otp | paise double | double money | scheme link | earn daily |
    work from home | lucky draw | बधाई हो | इनाम | लॉटरी | जीत | क्लिक | लिंक खोलें | पैसे डबल`,
  daily: `weather | mausam | rain | barish | school | bijli | light | electricity | phone | mobile | recharge |
    battery | ghadi | watch | clock | gaadi | car | bike | road | rasta | traffic | shaadi | wedding | card |
    cricket | match | film | movie | song | gaana | joke | funny | mazak | news | election | vote | train | pnr |
    ticket | doctor | hospital | fever | मौसम | बारिश | स्कूल | बिजली | फ़ोन | फोन | रिचार्ज | बैटरी | घड़ी |
    गाड़ी | रास्ता | शादी | क्रिकेट | मैच | फिल्म | गाना | चुटकुला | खबर | चुनाव | ट्रेन | डॉक्टर | बुखार`,
  thanks: `thanks | thank you | thanku | thnx | ty | dhanyavad | dhanyawad | shukriya | ok | okay | okk |
    theek hai | thik hai | accha | acha | धन्यवाद | शुक्रिया | ठीक है | अच्छा`,
};

const MAX_PHRASE_WORDS = 4;

/** Phrase key → the concepts it belongs to (a word may belong to two: "sagar ka export" is export, "join" group). */
const CONCEPTS_BY_KEY: ReadonlyMap<string, readonly string[]> = (() => {
  const table = new Map<string, string[]>();
  for (const [concept, list] of Object.entries(CONCEPT_PHRASES)) {
    for (const phrase of phrasesOf(list)) {
      const key = matchKeyWords(phrase).join(' ');
      if (key === '') continue;
      const concepts = table.get(key) ?? [];
      if (!concepts.includes(concept)) concepts.push(concept);
      table.set(key, concepts);
    }
  }
  return table;
})();

/** The concepts a message's words and phrases belong to, each once, as `@concept` features. */
export function conceptsOf(words: readonly string[]): string[] {
  const found = new Set<string>();
  for (let start = 0; start < words.length; start++) {
    for (let length = 1; length <= MAX_PHRASE_WORDS && start + length <= words.length; length++) {
      for (const concept of CONCEPTS_BY_KEY.get(words.slice(start, start + length).join(' ')) ?? []) {
        found.add(`@${concept}`);
      }
    }
  }
  return [...found];
}

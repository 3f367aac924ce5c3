import { describe, expect, it } from 'vitest';
import { readDestination } from '../../src/nlu/destination.js';

const countryOf = (text: string) => readDestination(text)?.country ?? null;

describe('readDestination', () => {
  it.each<[string, string]>([
    // Countries, in the three scripts.
    ['50 MT to Bangladesh', 'BD'],
    ['export to bangladsh', 'BD'],
    ['नेपाल के लिए ५० टन', 'NP'],
    ['saudi arab bhejna hai', 'SA'],
    ['buyer from USA', 'US'],
    ['अमेरिका के लिए मूर्तियां', 'US'],
    // Cities and ports stand for their country.
    ['mujhe 50 ton sela chawal chahiye dubai ke liye', 'AE'],
    ['CIF Jebel Ali', 'AE'],
    ['C&F Sharjah', 'AE'],
    ['CNF Chittagong', 'BD'],
    ['Chattogram port', 'BD'],
    ['सोया खली 200 टन CNF चटगांव', 'BD'],
    ['चटगाँव', 'BD'],
    ['rice for Benapole border', 'BD'],
    ['ढाका', 'BD'],
    ['CIF Colombo', 'LK'],
    ['कोलंबो', 'LK'],
    ['CNF Dammam', 'SA'],
    ['jeddah port tak', 'SA'],
    ['जेद्दा', 'SA'],
    ['Doha', 'QA'],
    ['Hamad port', 'QA'],
    ['CFR Sohar', 'OM'],
    ['Kuwait city', 'KW'],
    ['काठमांडू', 'NP'],
    ['DAP Birgunj', 'NP'],
    ['destination Rotterdam', 'NL'],
    ['Antwerp', 'BE'],
    ['DDP Hamburg', 'DE'],
    ['Felixstowe', 'GB'],
    ['London buyer', 'GB'],
    ['Singapore', 'SG'],
    ['Port Klang', 'MY'],
    ['Kuala Lumpur', 'MY'],
    ['Jakarta', 'ID'],
    ['ship to Ho Chi Minh City', 'VN'],
    ['Haiphong', 'VN'],
    ['Mombasa', 'KE'],
    ['Dar es Salaam', 'TZ'],
    ['Dar-es-Salaam', 'TZ'],
    ['Djibouti', 'DJ'],
    ['send to Lagos', 'NG'],
    ['Apapa', 'NG'],
    ['Durban', 'ZA'],
    ['New York', 'US'],
    ['Houston', 'US'],
    ['Toronto', 'CA'],
    ['Melbourne', 'AU'],
    ['Bandar Abbas CFR', 'IR'],
    ['Karachi', 'PK'],
    // The world's trade ports and cities.
    ['Bangkok', 'TH'],
    ['CIF Laem Chabang', 'TH'],
    ['Frankfurt buyer', 'DE'],
    ['Moscow', 'RU'],
    ['CFR Yangon', 'MM'],
    ['रंगून', 'MM'],
    ['CIF Cotonou', 'BJ'],
    ['Lomé', 'TG'],
    ['CFR Lome', 'TG'],
    ['Tema port', 'GH'],
    ['Accra', 'GH'],
    ['Abidjan', 'CI'],
    ['Dakar', 'SN'],
    ['Conakry', 'GN'],
    ['Luanda', 'AO'],
    ['Maputo', 'MZ'],
    ['Malé', 'MV'],
    ['Thimphu', 'BT'],
    ['Manila', 'PH'],
    ['Busan', 'KR'],
    ['Tokyo', 'JP'],
    ['Yokohama', 'JP'],
    ['Shanghai', 'CN'],
    ['Qingdao', 'CN'],
    ['Guangzhou', 'CN'],
    ['Hong Kong', 'HK'],
    ['हांगकांग', 'HK'],
    ['Istanbul', 'TR'],
    ['CIF Mersin', 'TR'],
    ['Alexandria', 'EG'],
    ['Cairo', 'EG'],
    ['Casablanca', 'MA'],
    ['Tunis', 'TN'],
    ['Algiers', 'DZ'],
    ['CFR Umm Qasr', 'IQ'],
    ['Basra', 'IQ'],
    ['Aqaba', 'JO'],
    ['Amman', 'JO'],
    ['Beirut', 'LB'],
    ['Genoa', 'IT'],
    ['Naples', 'IT'],
    ['Valencia', 'ES'],
    ['Barcelona', 'ES'],
    ['Le Havre', 'FR'],
    ['Marseille', 'FR'],
    ['Gdansk', 'PL'],
    ['Piraeus', 'GR'],
    ['Sydney', 'AU'],
    ['Auckland', 'NZ'],
    ['Vancouver', 'CA'],
    ['Montreal', 'CA'],
    ['Santos', 'BR'],
    ['Buenos Aires', 'AR'],
    ['Callao', 'PE'],
    ['Valparaíso', 'CL'],
    ['Valparaiso', 'CL'],
    ['Manzanillo', 'MX'],
    ['Veracruz', 'MX'],
    ['Kingston', 'JM'],
    ['Port Louis', 'MU'],
    ['Toamasina', 'MG'],
    ['Mogadishu', 'SO'],
    ['Berbera', 'SO'],
    ['Aden', 'YE'],
    ['Salalah', 'OM'],
    ['Khalifa', 'AE'],
    // Hindi spellings of the main ones.
    ['बैंकॉक', 'TH'],
    ['मॉस्को', 'RU'],
    ['यांगून', 'MM'],
    ['शंघाई', 'CN'],
    ['इस्तांबुल', 'TR'],
    ['काहिरा', 'EG'],
    ['टोक्यो', 'JP'],
    ['कोटोनू के लिए', 'BJ'],
  ])('%s → %s', (text, country) => {
    expect(countryOf(text)).toBe(country);
  });

  it('never takes an Indian port or city for the destination', () => {
    for (const text of [
      'FOB Mundra',
      'Need 2 x 20ft containers of steam rice FOB Mundra',
      'FOB Kandla',
      'Nhava Sheva',
      'JNPT',
      'ex-mill Sagar',
      'FCA ICD Bhopal',
      'Indore',
      'Chennai port',
      'from India',
      'सागर से',
      'मुंद्रा',
    ]) {
      expect(countryOf(text), text).toBeNull();
    }
  });

  it('takes the place after "to", "for", "ke liye", "को", "tak", "destination" when several are named', () => {
    expect(countryOf('FOB Mundra to Colombo')).toBe('LK');
    expect(countryOf('from India to UAE')).toBe('AE');
    expect(countryOf('I am from Dubai, need rice for Oman')).toBe('OM');
    expect(countryOf('buyer in Hamburg, destination Rotterdam')).toBe('NL');
    expect(countryOf('Dubai aur Sharjah office, maal Muscat ke liye')).toBe('OM');
    expect(countryOf('दुबई की कंपनी, नेपाल को भेजना है')).toBe('NP');
    expect(countryOf('London office, Mombasa tak delivery')).toBe('KE');
    expect(countryOf('Singapore trader, CIF Jakarta')).toBe('ID');
  });

  it('takes the place an arrival Incoterm names over where the buyer is, in any script', () => {
    expect(countryOf('Dubai based trader, need 500 MT parboiled rice CIF Cotonou')).toBe('BJ');
    expect(countryOf('We are a Singapore company, price CFR Yangon')).toBe('MM');
    expect(countryOf('rate for our Dubai office, CIF Cotonou')).toBe('BJ');
    expect(countryOf('दुबई की कंपनी, सीआईएफ कोटोनू')).toBe('BJ');
    expect(countryOf('London office, DAP Kathmandu')).toBe('NP');
    // A departure term's place is no destination.
    expect(countryOf('Dubai trader, FOB Mundra')).toBe('AE');
    expect(countryOf('importer from Qatar')).toBe('QA');
  });

  it('takes a name that is also an everyday word for a place only where a cue makes it one', () => {
    expect(countryOf('male idols 50 pieces')).toBeNull();
    expect(countryOf('Male idols 50 pieces')).toBeNull();
    expect(countryOf('CIF Male')).toBe('MV');
    expect(countryOf('ship to Male')).toBe('MV');
    expect(countryOf('रेड चिली 5 टन')).toBeNull();
    expect(countryOf('green chile 5 ton')).toBeNull();
    expect(countryOf('चिली के लिए 5 टन')).toBe('CL');
    expect(countryOf('export to Chile')).toBe('CL');
    expect(countryOf('बोरियां गिनी नहीं')).toBeNull();
  });

  it('takes the first place when none is cued', () => {
    expect(countryOf('Dubai, Oman')).toBe('AE');
    expect(countryOf('Nepal ya Bangladesh')).toBe('NP');
  });

  it('names no destination in a message without a place', () => {
    for (const text of [
      '50 ton sela chawal',
      'dar kya hai',
      'rate for 50 MT',
      'price to be confirmed',
      'red chilli powder',
      'children toys',
      '',
    ]) {
      expect(countryOf(text), text).toBeNull();
    }
  });
});

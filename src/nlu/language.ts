/**
 * A first guess at the language a user writes in, used until they choose one. Devanagari is Hindi; Latin text is
 * Hinglish or English, told apart by common function words, because the content words ("rice", "menu", "price",
 * "export") are shared by both.
 */
import { detectScript, isDevanagariWord, normalizeText, tokenize } from './normalize.js';
import { wordSetOf } from './phrases.js';

export type Language = 'hi' | 'en';

// Words that are Hindi when written in Latin letters. Words that are also everyday English ("me", "do", "to", "is",
// "us", "main", "hi", "so") are in neither list: they prove nothing. So are words both languages use in a
// sentence ("please", "price", "rate", "ok").
const HINGLISH_WORDS = wordSetOf(
  `hai hain ho hoga hogi honge tha thi mujhe muje mujhko humein hume hamein humko hamko chahiye chahie chaiye chahte
  chahta chahti kya kyaa nahi nahin nhi nai na kaise kese kaisa kaisi karna karni karne karo karen karein kar kare kiya
  hum ham aap ap aapka aapki aapke tum tumhara ka ki ke ko mein mai mera meri mere hamara hamari humara humari namaste
  namaskar haan han haa ji kitna kitne kitni kab kahan kaha kaun kyun kyon kyu yeh ye woh wo vah bhai bhaiya sahab
  dhanyavad dhanyawad shukriya accha acha achha theek thik bhi aur lekin par se tak wala wali wale liye lie bata batao
  bataiye bataye batayein dijiye dena dedo sakta sakte sakti raha rahe rahi jaana jana jaye milega milegi milenge
  kripya madad sahayata bhav daam abhi aaj bahut bohot kuch kuchh sab sabhi apna apni apne unka uska iska bhejo bhejiye
  sahi galat chawal gehun maal wahan yahan`,
);

const ENGLISH_WORDS = wordSetOf(
  `i you we they he she it am are was were be been have has had want need would will can could should what how when
  where why which who my our your their this that these those of for with from and or but not in on at by about there
  any some know tell send buy sell looking interested require required get give much many available thank thanks good
  morning evening an a the`,
);

// A word in both lists would quietly count for neither language.
for (const word of HINGLISH_WORDS) {
  if (ENGLISH_WORDS.has(word)) throw new Error(`"${word}" is listed as both Hinglish and English`);
}

// A Devanagari word is stronger evidence than a Latin function word: nobody types Devanagari by accident.
const DEVANAGARI_WORD_WEIGHT = 2;
// The winning language must carry at least this share of the evidence; anything closer is a mixed message.
const WINNING_SHARE = 2 / 3;

/** 'hi' for Hindi or Hinglish, 'en' for English, undefined when the message is too short or mixed to tell. */
export function guessLanguage(text: string): Language | undefined {
  const script = detectScript(text);
  if (script === 'none') return undefined;
  if (script === 'devanagari') return 'hi';

  let hindi = 0;
  let english = 0;
  for (const token of tokenize(normalizeText(text))) {
    if (isDevanagariWord(token)) hindi += DEVANAGARI_WORD_WEIGHT;
    else if (HINGLISH_WORDS.has(token)) hindi += 1;
    else if (ENGLISH_WORDS.has(token)) english += 1;
  }
  // Someone who writes any Devanagari reads Hindi: a tie in a mixed-script message goes to Hindi.
  if (script === 'mixed' && hindi >= english) return 'hi';
  const total = hindi + english;
  if (total === 0) return undefined;
  if (hindi / total >= WINNING_SHARE) return 'hi';
  if (english / total >= WINNING_SHARE) return 'en';
  return undefined;
}

/** Yes/no answers in Hindi, Hinglish and English, including a bare thumbs-up. */
import { buildPhraseTable, phraseKey, wordSetOf } from './phrases.js';

type Answer = 'yes' | 'no';

const ANSWER_PHRASES: Record<Answer, string> = {
  yes: `yes | y | yeah | yep | yup | sure | ok | okay | okk | okey | correct | confirm | right | haan | han |
    ha | haa | haanji | haan ji | ji haan | ji han | ji | jee | bilkul | sahi | sahi hai | theek hai |
    thik hai | hnji | हाँ | हां | हा | हाँ जी | जी हाँ | जी | सही | सही है | ठीक है | बिल्कुल | ओके`,
  no: `no | n | nope | nah | not | nahi | nahin | nhi | nai | na | naa | ji nahi | ji nahin | nahi chahiye |
    galat | wrong | incorrect | नहीं | नही | ना | जी नहीं | नहीं चाहिए | गलत | no thanks | no thank you`,
};

// Courtesy words may surround an answer ("yes please", "haan ji"), but "ji" and "जी" are answers on their own, so
// only words that are never an answer are ignored.
const ANSWER_FILLERS = wordSetOf('please pls plz kindly sir kripya कृपया');

const ANSWERS_BY_PHRASE = buildPhraseTable(ANSWER_PHRASES, ANSWER_FILLERS);

const YES_EMOJI = /^(?:👍|✅|✔|☑|👌)+$/u;
const NO_EMOJI = /^(?:👎|❌|✖|🚫)+$/u;
// Skin tones and the emoji variation selector may follow an emoji without changing what it says.
const EMOJI_MODIFIERS = /\s|\p{Emoji_Modifier}|\uFE0F/gu;

/** true for a yes, false for a no, undefined for anything else (including "yes and no" or a sentence). */
export function parseYesNo(text: string): boolean | undefined {
  const answer = ANSWERS_BY_PHRASE.get(phraseKey(text, ANSWER_FILLERS));
  if (answer !== undefined) return answer === 'yes';
  const emoji = text.replace(EMOJI_MODIFIERS, '');
  if (YES_EMOJI.test(emoji)) return true;
  if (NO_EMOJI.test(emoji)) return false;
  return undefined;
}

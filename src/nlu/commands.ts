/**
 * Global commands: words that work at every step of every flow. A message is a command only when the command is
 * all it says (courtesy words aside), so that "mere timer ko roko" or "stop sending rice price" reach the flow
 * as ordinary text instead of unsubscribing the user.
 */
import { buildPhraseTable, POLITE_FILLERS, phraseKey } from './phrases.js';

export type GlobalCommand = 'menu' | 'help' | 'back' | 'cancel' | 'language' | 'stop' | 'start';

const COMMAND_PHRASES: Record<GlobalCommand, string> = {
  menu: `menu | main menu | home | menyu | mukhya menu | menu dikhao | मेनू | मेनु | मेन्यू | मेन्यु |
    मुख्य मेनू | मुख्य मेन्यू | मेन मेनू | मेनू दिखाओ | मेनू दिखाएं`,
  help: `help | help me | madad | madad karo | madad chahiye | sahayata | sahayta | मदद | मदद करो | मदद करें |
    मदद चाहिए | सहायता`,
  back: `back | go back | previous | peeche | pichhe | piche | peechhe | peeche jao | wapas | vapas |
    wapas jao | वापस | वापस जाओ | वापस जाएं | पीछे | पीछे जाओ | पीछे जाएं`,
  cancel: `cancel | cancle | cancel karo | cancel karein | cancel karen | radd | radd karo | रद्द | रद्द करो |
    रद्द करें | कैंसल | कैंसिल`,
  language: `language | change language | language change | bhasha | bhaasha | bhasha badlo | भाषा | भाषा बदलो |
    भाषा बदलें`,
  stop: `stop | stop all | unsubscribe | unsub | opt out | optout | band | band karo | band karein |
    band kar do | roko | rokein | roken | rok do | mat bhejo | message mat bhejo | messages mat bhejo |
    msg mat bhejo | stop karo | stop kar do | रोकें | रोको | रोक दो | बंद | बंद करो | बंद करें | बंद कर दो | स्टॉप |
    मत भेजो | मैसेज मत भेजो | संदेश मत भेजो | संदेश बंद करो`,
  start: `start | subscribe | resume | start karo | shuru | shuru karo | chalu | chalu karo | शुरू | शुरु |
    chalu kar do | start kar do | phir se chalu karo | शुरू करो | शुरू करें | चालू | चालू करो | चालू करें |
    चालू कर दो | स्टार्ट | फिर से शुरू करो`,
};

const COMMANDS_BY_PHRASE = buildPhraseTable(COMMAND_PHRASES, POLITE_FILLERS);

/** The global command a whole message stands for, or undefined when it says anything more than that. */
export function detectGlobalCommand(text: string): GlobalCommand | undefined {
  return COMMANDS_BY_PHRASE.get(phraseKey(text, POLITE_FILLERS));
}

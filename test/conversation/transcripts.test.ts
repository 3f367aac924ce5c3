/**
 * The shipped flows (flows/*.flow.yaml), one conversation each, written as the chat reads: what the user says, what
 * the bot's replies contain, and where the user stands at the end. Texts that matter (the menu, help, the STOP
 * confirmation) are spelled out in full, so that changing one is a decision the tests see.
 */
import { describe, expect, it } from 'vitest';
import { REPROMPTS, SYSTEM_TEXTS } from '../../src/conversation/system-texts.js';
import type { SessionState } from '../../src/conversation/turn.js';
import { chat, exactly, transcript } from '../support/transcript.js';

const NO_FLOW: SessionState = { answers: {}, retries: 0, history: [] };
const AT_MENU: SessionState = { flowId: 'main_menu', flowVersion: 2, stepId: 'choose', ...NO_FLOW };

const MENU = {
  hi: [
    'मुख्य मेनू: आप क्या करना चाहेंगे? नंबर लिखें या विकल्प चुनें।',
    '',
    '1. विक्रेता: पंजीकरण / प्रोफ़ाइल',
    '2. मदद और कमांड',
    '3. अधिकारी से बात करें',
    '4. भाषा बदलें',
    '5. सूचनाएँ बंद करें',
    '6. ख़रीदार: पूछताछ भेजें',
    '7. मेरी पूछताछ और भाव',
    '8. ग्रुप में पोस्ट करें',
  ].join('\n'),
  en: [
    'Main menu: what would you like to do? Reply with a number or pick an option.',
    '',
    '1. Seller: register / profile',
    '2. Help and commands',
    '3. Talk to an officer',
    '4. Change language',
    '5. Stop alerts',
    '6. Buyer: send an inquiry',
    '7. My inquiries and quotes',
    '8. Post to my group',
  ].join('\n'),
};

const LANGUAGE_CHOICE = {
  hi: 'अपनी भाषा चुनें / Choose your language:\n\n1. हिन्दी\n2. English (अंग्रेज़ी)',
  en: 'Choose your language / अपनी भाषा चुनें:\n\n1. हिन्दी (Hindi)\n2. English',
};

const WELCOME = {
  hi: "नमस्ते! मैं निर्यात सेतु हूँ: सागर ज़िले के 'एक ज़िला एक उत्पाद' (ODOP) निर्यात कार्यक्रम के बायर-सेलर ग्रुप का WhatsApp सहायक।",
  en: "Namaste! I am Niryat Setu, the WhatsApp assistant of the Buyer-Seller groups of Sagar district's One District One Product (ODOP) export programme.",
};

const WELCOME_BACK = { hi: 'नमस्ते! निर्यात सेतु में फिर से आपका स्वागत है।', en: 'Namaste! Welcome back to Niryat Setu.' };

const HELP = {
  hi: [
    'ये शब्द कभी भी काम करते हैं:',
    '• मेनू / menu: मुख्य मेनू',
    '• वापस / back: पिछला सवाल',
    '• रद्द / cancel: अभी की बातचीत रोकें',
    '• भाषा / language: भाषा बदलें',
    '• मदद / help: यह संदेश',
    '• रोकें / STOP: सभी प्रसारण और अलर्ट बंद',
    '• शुरू / START: प्रसारण और अलर्ट फिर से चालू',
    'विकल्प चुनने के लिए उसका नंबर (1 या १) या नाम लिखें।',
  ].join('\n'),
  en: [
    'These words work at any time:',
    '• menu / मेनू: the main menu',
    '• back / वापस: the previous question',
    '• cancel / रद्द: stop what is in progress',
    '• language / भाषा: change the language',
    '• help / मदद: this message',
    '• STOP / रोकें: stop all broadcasts and alerts',
    '• START / शुरू: resume broadcasts and alerts',
    'To pick an option, send its number (1 or १) or its name.',
  ].join('\n'),
};

const STOPPED = {
  hi: 'आपको अब निर्यात सेतु से कोई प्रसारण या अलर्ट नहीं मिलेगा। फिर से चालू करने के लिए START या शुरू लिखें। आप मेनू और सवाल-जवाब पहले की तरह इस्तेमाल कर सकते हैं।',
  en: 'You will no longer receive broadcasts or alerts from Niryat Setu. Send START to resume. You can still use the menu and ask questions.',
};

const STARTED = {
  hi: 'स्वागत है! प्रसारण और अलर्ट फिर से चालू हो गए हैं। इन्हें कभी भी बंद करने के लिए STOP या रोकें लिखें।',
  en: 'Welcome back! Broadcasts and alerts are on again. Send STOP at any time to stop them.',
};

const OFFICER = {
  ask: {
    hi: 'कृपया अपना सवाल या ज़रूरत एक संदेश में लिखें। DIC सागर की टीम यहीं जवाब देगी।',
    en: 'Please write your question or need in one message. The DIC Sagar team will reply here.',
  },
  thanks: {
    hi: 'धन्यवाद! आपका संदेश DIC सागर की टीम को भेज दिया गया है। जवाब इसी चैट में आएगा।',
    en: 'Thank you! Your message has gone to the DIC Sagar team. The reply will come in this chat.',
  },
};

const newUser = () => transcript({ user: { language: 'hi', languageChosen: false } });
const returning = (language: 'hi' | 'en') => transcript({ user: { language, languageChosen: true, name: 'Ramesh' } });

describe('greeting', () => {
  it('a new user who writes Hindi is welcomed in Hindi, picks a language and gets the menu', async () => {
    const t = newUser();
    await chat(t, [
      ['नमस्ते', [exactly(WELCOME.hi), exactly(LANGUAGE_CHOICE.hi)]],
      ['१', [exactly(MENU.hi)]],
    ]);
    // The interactive list the channel shows instead of the numbered text, where it can.
    expect(t.lastReplies[0]?.choices).toEqual([
      { id: 'seller', title: 'विक्रेता: पंजीकरण / प्रोफ़ाइल', description: 'अपना व्यवसाय और उत्पाद दर्ज करें' },
      { id: 'help', title: 'मदद और कमांड', description: 'बॉट कैसे काम करता है' },
      { id: 'officer', title: 'अधिकारी से बात करें', description: 'DIC सागर की टीम आपको जवाब देगी' },
      { id: 'language', title: 'भाषा बदलें' },
      { id: 'alerts_off', title: 'सूचनाएँ बंद करें', description: 'सभी प्रसारण और अलर्ट बंद' },
      { id: 'buyer', title: 'ख़रीदार: पूछताछ भेजें', description: 'मेल खाते विक्रेताओं से भाव पाएँ' },
      { id: 'my_inquiries', title: 'मेरी पूछताछ और भाव' },
      { id: 'group_post', title: 'ग्रुप में पोस्ट करें', description: 'जुड़ने के लिए: JOIN और कोड' },
    ]);
    expect(t.lastReplies[0]?.templateKey).toBe('main_menu');
    expect(t.user).toMatchObject({ language: 'hi', languageChosen: true });
    expect(t.session).toEqual(AT_MENU);
  });

  it('a new user who writes English is welcomed in English and may still pick Hindi', async () => {
    const t = newUser();
    await chat(t, [
      ['Good morning', [exactly(WELCOME.en), exactly(LANGUAGE_CHOICE.en)]],
      ['English', [exactly(MENU.en)]],
    ]);
    expect(t.user).toMatchObject({ language: 'en', languageChosen: true });
    expect(t.session).toEqual(AT_MENU);

    const u = newUser();
    await chat(u, [
      ['good morning', [WELCOME.en, LANGUAGE_CHOICE.en]],
      ['hindi', [exactly(MENU.hi)]],
    ]);
    expect(u.user).toMatchObject({ language: 'hi', languageChosen: true });
  });

  it('a new user who taps a language button gets it', async () => {
    const t = newUser();
    await chat(t, [
      ['hi', [WELCOME.hi, LANGUAGE_CHOICE.hi]],
      [{ text: 'English (अंग्रेज़ी)', choiceId: 'en' }, [exactly(MENU.en)]],
    ]);
    expect(t.user.language).toBe('en');
  });

  it('a new user who answers the language question with something else is asked again', async () => {
    const t = newUser();
    await chat(t, [
      ['namaste', [WELCOME.hi, LANGUAGE_CHOICE.hi]],
      ['marathi', [REPROMPTS.choice.hi, LANGUAGE_CHOICE.hi]],
      ['2', [MENU.en]],
    ]);
  });

  it.each(['hi', 'en'] as const)('a returning user (%s) is welcomed back in their language', async (language) => {
    const t = returning(language);
    await chat(t, [['Hello', [exactly(WELCOME_BACK[language]), exactly(MENU[language])]]]);
    expect(t.session).toEqual(AT_MENU);
    expect(t.lastResult?.userChanges).toEqual({});
  });

  it('a returning user whose conversation expired hears so, then the greeting', async () => {
    // The engine is handed the stored session and drops it: only a conversation that was in a flow "expired".
    const t = transcript({
      user: { language: 'en', languageChosen: true },
      session: { ...AT_MENU, stepId: 'describe_need', answers: { choose: 'officer' }, history: ['choose'] },
      sessionExpired: true,
    });
    await chat(t, [['hi', [exactly(SYSTEM_TEXTS.session_expired.en), WELCOME_BACK.en, MENU.en]]]);
    expect(t.session).toEqual(AT_MENU);
  });

  it('a message that starts nothing gets an apology and the menu', async () => {
    const t = returning('hi');
    await chat(t, [['aaj barish hogi kya', [exactly(SYSTEM_TEXTS.not_understood.hi), exactly(MENU.hi)]]]);
    expect(t.session).toEqual(AT_MENU);
  });
});

describe('language', () => {
  it('"language" switches a Hindi user to English for good', async () => {
    const t = returning('hi');
    await chat(t, [
      ['भाषा', [exactly(LANGUAGE_CHOICE.hi)]],
      ['2', [exactly('Done, I will reply in English from now on.'), exactly(MENU.en)]],
      ['मेनू', [exactly(MENU.en)]],
    ]);
    expect(t.user).toMatchObject({ language: 'en', languageChosen: true });
  });

  it('the menu option switches an English user to Hindi', async () => {
    const t = returning('en');
    await chat(t, [
      ['menu', [MENU.en]],
      ['Change language', [exactly(LANGUAGE_CHOICE.en)]],
      ['हिंदी', [exactly('ठीक है, अब मैं हिन्दी में जवाब दूँगा।'), exactly(MENU.hi)]],
    ]);
    expect(t.user).toMatchObject({ language: 'hi', languageChosen: true });
    expect(t.session).toEqual(AT_MENU);
  });
});

describe('main menu', () => {
  it.each([
    ['2', 'en'],
    ['२', 'hi'],
    ['Help and commands', 'en'],
    ['मदद और कमांड', 'hi'],
  ] as const)('"%s" (%s) shows help, and the conversation ends there', async (choice, language) => {
    const t = returning(language);
    await chat(t, [
      ['menu', [MENU[language]]],
      [choice, [exactly(HELP[language])]],
    ]);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('option 4 asks for the language', async () => {
    const t = returning('en');
    await chat(t, [
      ['menu', [MENU.en]],
      ['4', [exactly(LANGUAGE_CHOICE.en)]],
    ]);
    expect(t.session).toMatchObject({ flowId: 'language', stepId: 'choose_language' });
  });

  it('option 5 stops alerts, the menu choice kept as evidence', async () => {
    const t = returning('hi');
    await chat(t, [
      ['मेनू', [MENU.hi]],
      [{ text: 'सूचनाएँ बंद करें', choiceId: 'alerts_off' }, [exactly(STOPPED.hi)]],
    ]);
    expect(t.user.optedOut).toBe(true);
    expect(t.events).toEqual([{ type: 'consent', kind: 'opt_out', evidence: 'सूचनाएँ बंद करें' }]);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('an answer that is no option gets the re-prompt and the menu again', async () => {
    const t = returning('en');
    await chat(t, [
      ['menu', [MENU.en]],
      ['12', [exactly(REPROMPTS.choice.en), exactly(MENU.en)]],
    ]);
    expect(t.session).toEqual({ ...AT_MENU, retries: 1 });
  });
});

describe('talk to an officer', () => {
  it.each(['hi', 'en'] as const)('hands the question over with a handoff event (%s)', async (language) => {
    const t = returning(language);
    const question = 'Sela chawal UAE bhejna hai, APEDA registration kaise karein?';
    await chat(t, [
      ['menu', [MENU[language]]],
      ['3', [exactly(OFFICER.ask[language])]],
      [question, [exactly(OFFICER.thanks[language])]],
    ]);
    expect(t.events).toEqual([
      {
        type: 'handoff',
        flowId: 'main_menu',
        stepId: 'hand_over',
        topic: 'officer_request',
        question,
        answers: { choose: 'officer', need: question },
      },
    ]);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('"back" from the question returns to the menu, and the next answer is a menu choice', async () => {
    const t = returning('en');
    await chat(t, [
      ['menu', [MENU.en]],
      ['adhikari', [OFFICER.ask.en]],
      ['back', [exactly(MENU.en)]],
      ['2', [exactly(HELP.en)]],
    ]);
    expect(t.events).toEqual([]);
  });

  it('"cancel" from the question hands nothing over', async () => {
    const t = returning('hi');
    await chat(t, [
      ['मेनू', [MENU.hi]],
      ['अधिकारी से बात करें', [OFFICER.ask.hi]],
      ['रद्द', [exactly(SYSTEM_TEXTS.cancelled.hi)]],
    ]);
    expect(t.events).toEqual([]);
    expect(t.session).toEqual(NO_FLOW);
  });
});

describe('help', () => {
  it.each([
    ['help', 'en'],
    ['मदद', 'hi'],
    ['madad karo', 'hi'],
  ] as const)('"%s" lists the commands in full (%s)', async (word, language) => {
    const t = returning(language);
    await chat(t, [[word, [exactly(HELP[language])]]]);
    expect(t.session).toEqual(NO_FLOW);
  });
});

describe('stop', () => {
  it.each([
    ['STOP', 'en'],
    ['UNSUBSCRIBE', 'en'],
    ['रोकें', 'hi'],
    ['बंद', 'hi'],
  ] as const)('"%s" stops every broadcast and alert at once (%s)', async (word, language) => {
    const t = returning(language);
    await chat(t, [[word, [exactly(STOPPED[language])]]]);
    expect(t.user.optedOut).toBe(true);
    expect(t.events).toEqual([{ type: 'consent', kind: 'opt_out', evidence: word }]);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('works in the middle of a question, and the menu still works after', async () => {
    const t = returning('en');
    await chat(t, [
      ['menu', [MENU.en]],
      ['3', [OFFICER.ask.en]],
      ['stop', [exactly(STOPPED.en)]],
      ['menu', [exactly(MENU.en)]],
    ]);
    expect(t.user.optedOut).toBe(true);
    expect(t.events.filter((event) => event.type === 'handoff')).toEqual([]);
  });
});

describe('start', () => {
  it.each([
    ['START', 'en'],
    ['शुरू', 'hi'],
  ] as const)('"%s" resumes broadcasts and alerts, then shows the menu (%s)', async (word, language) => {
    const t = transcript({ user: { language, languageChosen: true, optedOut: true } });
    await chat(t, [[word, [exactly(STARTED[language]), exactly(MENU[language])]]]);
    expect(t.user.optedOut).toBe(false);
    expect(t.events).toEqual([{ type: 'consent', kind: 'opt_in', evidence: word }]);
    expect(t.session).toEqual(AT_MENU);
  });

  it('STOP then START: two consent events, in order', async () => {
    const t = returning('hi');
    await chat(t, [
      ['STOP', [STOPPED.hi]],
      ['START', [STARTED.hi, MENU.hi]],
    ]);
    expect(t.events.map((event) => event.type === 'consent' && event.kind)).toEqual(['opt_out', 'opt_in']);
    expect(t.user.optedOut).toBe(false);
  });
});

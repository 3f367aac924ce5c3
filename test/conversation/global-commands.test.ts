/**
 * Words that work at every step of every flow (menu, help, back, cancel, language, STOP, START), written in English,
 * Devanagari or Hinglish; words that only look like them; and the reply language, guessed until the user picks one.
 * On the fixture flows of test/fixtures/flows-engine.
 */
import { describe, expect, it } from 'vitest';
import { REPROMPTS, SYSTEM_TEXTS } from '../../src/conversation/system-texts.js';
import type { SessionState, UserView } from '../../src/conversation/turn.js';
import { FIXTURE_ACTIONS, FIXTURE_FLOWS } from '../fixtures/flows-engine/actions.js';
import { chat, engineDeps, exactly, transcript, waitingAt } from '../support/transcript.js';

const deps = engineDeps(FIXTURE_FLOWS, FIXTURE_ACTIONS);

const EN = { language: 'en', languageChosen: true } as const;
const HI = { language: 'hi', languageChosen: true } as const;
const NO_FLOW: SessionState = { answers: {}, retries: 0, history: [] };
const TEST_MENU = { en: 'Test menu:\n\n1. Questions\n2. Help', hi: 'टेस्ट मेनू:\n\n1. सवाल\n2. मदद' };
const LANGUAGE_PROMPT = {
  en: 'Choose your language / भाषा चुनें:\n\n1. हिन्दी (Hindi)\n2. English',
  hi: 'भाषा चुनें / Choose your language:\n\n1. हिन्दी\n2. English (अंग्रेज़ी)',
};

/** Halfway through the questions flow: two answers given, one wrong try at the third question. */
const MID_FLOW = waitingAt(deps, 'inputs', 'quantity', {
  answers: { name: 'Ramesh', capacity: 1200 },
  history: ['name', 'capacity'],
  retries: 1,
});

const SITUATIONS = [
  ['with nothing in progress', undefined],
  ['mid-flow', MID_FLOW],
] as const;

function user(situation: SessionState | undefined, who: Partial<UserView> = EN) {
  return transcript({ deps, user: who, ...(situation ? { session: situation } : {}) });
}

describe.each(SITUATIONS)('commands that open a flow, %s', (_name, situation) => {
  it.each(['menu', 'मेनू', 'menu dikhao', 'Menu please'])('"%s" opens the main menu', async (word) => {
    const t = user(situation);
    expect(await t.send(word)).toEqual([TEST_MENU.en]);
    expect(t.session).toEqual({ flowId: 'main_menu', flowVersion: 1, stepId: 'choose', ...NO_FLOW });
  });

  it.each(['help', 'मदद', 'madad chahiye'])('"%s" shows help and ends what was in progress', async (word) => {
    const t = user(situation, HI);
    expect(await t.send(word)).toEqual(['टेस्ट मदद।']);
    expect(t.session).toEqual(NO_FLOW);
  });

  it.each(['language', 'भाषा बदलें', 'bhasha badlo'])('"%s" asks for the language', async (word) => {
    const t = user(situation);
    expect(await t.send(word)).toEqual([LANGUAGE_PROMPT.en]);
    expect(t.session).toMatchObject({ flowId: 'language', stepId: 'choose_language', answers: {} });
    expect(await t.send('१')).toEqual(['भाषा: हिन्दी।']);
    expect(t.user).toMatchObject({ language: 'hi', languageChosen: true });
  });

  it.each(['STOP', 'Stop.', 'stop please', 'रोकें', 'बंद', 'बंद करो', 'unsubscribe', 'UNSUBSCRIBE', 'band karo'])(
    '"%s" opts out, with the words as evidence',
    async (word) => {
      const t = user(situation);
      expect(await t.send(word)).toEqual(['Alerts stopped.']);
      expect(t.lastResult?.userChanges).toEqual({ optedOut: true });
      expect(t.events).toEqual([{ type: 'consent', kind: 'opt_out', evidence: word }]);
      expect(t.session).toEqual(NO_FLOW);
    },
  );

  it.each(['START', 'शुरू', 'shuru karo', 'chalu'])('"%s" opts back in, with the words as evidence', async (word) => {
    const t = user(situation, { ...HI, optedOut: true });
    expect(await t.send(word)).toEqual(['अलर्ट चालू।']);
    expect(t.lastResult?.userChanges).toEqual({ optedOut: false });
    expect(t.events).toEqual([{ type: 'consent', kind: 'opt_in', evidence: word }]);
  });
});

describe('words that only look like STOP', () => {
  it.each(['mere timer ko roko', 'sela chawal nahi chahiye', 'band chawal', 'stop sending rice price'])(
    '"%s" mid-flow is the answer to the question, not an opt-out',
    async (text) => {
      const t = transcript({ deps, user: EN, session: waitingAt(deps, 'inputs', 'name') });
      expect(await t.send(text)).toEqual(['How many kg a month?']);
      expect(t.session?.answers).toEqual({ name: text });
      expect(t.user.optedOut).toBe(false);
      expect(t.events).toEqual([]);
    },
  );

  it.each(['mere timer ko roko', 'sela chawal nahi chahiye', 'band chawal'])(
    '"%s" with nothing in progress is not understood, not an opt-out',
    async (text) => {
      const t = transcript({ deps, user: HI });
      expect(await t.send(text)).toEqual([SYSTEM_TEXTS.not_understood.hi, TEST_MENU.hi]);
      expect(t.user.optedOut).toBe(false);
      expect(t.events).toEqual([]);
    },
  );
});

describe('back', () => {
  it.each(['back', 'वापस', 'peeche jao'])(
    '"%s" returns to the previous question, its tries reset, and takes the new answer there',
    async (word) => {
      const t = user(MID_FLOW);
      expect(await t.send(word)).toEqual(['How many kg a month?']);
      expect(t.session).toMatchObject({ stepId: 'capacity', retries: 0, history: ['name'] });
      expect(await t.send('1.5 lakh')).toEqual(['What quantity?']);
      expect(t.session).toMatchObject({
        stepId: 'quantity',
        answers: { name: 'Ramesh', capacity: 150000 },
        history: ['name', 'capacity'],
      });
    },
  );

  it('goes back one question at a time, down to the first', async () => {
    const t = user(MID_FLOW, HI);
    await chat(t, [
      ['वापस', ['महीने में कितने किलो?']],
      ['वापस', ['आपका नाम?']],
      ['वापस', [exactly(SYSTEM_TEXTS.nothing_to_go_back_to.hi), 'आपका नाम?']],
      ['सुरेश', ['महीने में कितने किलो?']],
    ]);
    expect(t.session).toMatchObject({ stepId: 'capacity', answers: { name: 'सुरेश' }, history: ['name'] });
  });

  it('at the first question says there is nothing to go back to and asks it again', async () => {
    const t = user(waitingAt(deps, 'inputs', 'name', { retries: 1 }));
    expect(await t.send('back')).toEqual([SYSTEM_TEXTS.nothing_to_go_back_to.en, 'Your name?']);
    expect(t.session).toMatchObject({ flowId: 'inputs', stepId: 'name', history: [] });
  });

  it('re-asks a choice question with its options', async () => {
    const t = user(
      waitingAt(deps, 'inputs', 'certs', {
        answers: { product: 'sela' },
        history: ['name', 'capacity', 'quantity', 'product'],
      }),
    );
    expect(await t.send('back')).toEqual(['Which product?\n\n1. Sela rice\n2. Basmati rice\n3. Wheat']);
    expect(t.lastReplies[0]?.choices?.map((choice) => choice.id)).toEqual(['sela', 'basmati', 'wheat']);
    expect(await t.send('3')).toEqual(['Which certificates?\n\n1. IEC\n2. FSSAI\n3. APEDA']);
    expect(t.session?.answers.product).toBe('wheat');
  });

  it('does not cross into the flow the user came from', async () => {
    const t = user(waitingAt(deps, 'jump_a', 'where', { answers: { first: 'alpha' }, history: ['first'] }));
    await t.send('2');
    expect(await t.send('back')).toEqual([SYSTEM_TEXTS.nothing_to_go_back_to.en, "B's question?"]);
  });

  it('with nothing in progress says so', async () => {
    const t = user(undefined);
    expect(await t.send('back')).toEqual([SYSTEM_TEXTS.nothing_to_go_back_to.en]);
    expect(t.session).toEqual(NO_FLOW);
  });
});

describe('cancel', () => {
  it.each(['cancel', 'रद्द करें', 'radd karo'])('"%s" mid-flow ends the flow and forgets its answers', async (word) => {
    const t = user(MID_FLOW, HI);
    expect(await t.send(word)).toEqual([SYSTEM_TEXTS.cancelled.hi]);
    expect(t.session).toEqual(NO_FLOW);
    expect(t.events).toEqual([]);
  });

  it('with nothing in progress says there is nothing to cancel', async () => {
    const t = user(undefined);
    expect(await t.send('cancel')).toEqual([SYSTEM_TEXTS.nothing_to_cancel.en]);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('after a flow ended there is nothing to cancel', async () => {
    const t = user(MID_FLOW);
    await t.send('cancel');
    expect(await t.send('cancel')).toEqual([SYSTEM_TEXTS.nothing_to_cancel.en]);
  });
});

describe('a tapped button whose title reads like a command', () => {
  const atOrder = (who: Partial<UserView> = EN) => user(waitingAt(deps, 'buttons', 'order'), who);

  it('is an answer, not a command', async () => {
    const t = atOrder();
    // A choice renders as its option's title in the reader's language.
    expect(await t.send('Cancel', { choiceId: 'cancel_order' })).toEqual(['Chosen: Cancel']);
    const u = atOrder(HI);
    expect(await u.send('वापस', { choiceId: 'go_back' })).toEqual(['चुना: वापस']);
  });

  it('typed instead of tapped, it is the command', async () => {
    const t = atOrder();
    expect(await t.send('Cancel')).toEqual([SYSTEM_TEXTS.cancelled.en]);
    const u = atOrder(HI);
    expect(await u.send('वापस')).toEqual([SYSTEM_TEXTS.nothing_to_go_back_to.hi, expect.stringContaining('ऑर्डर')]);
  });
});

describe('the reply language', () => {
  const newUser = () => transcript({ deps, user: { language: 'hi', languageChosen: false } });

  it('is English for a user who writes English in Latin script', async () => {
    const t = newUser();
    expect(await t.send('I want to sell my rice')).toEqual([SYSTEM_TEXTS.not_understood.en, TEST_MENU.en]);
    expect(t.user).toMatchObject({ language: 'en', languageChosen: false });
  });

  it('is Hindi for a user who writes Devanagari', async () => {
    const t = transcript({ deps, user: { language: 'en', languageChosen: false } });
    expect(await t.send('मुझे चावल बेचना है')).toEqual([SYSTEM_TEXTS.not_understood.hi, TEST_MENU.hi]);
    expect(t.user.language).toBe('hi');
  });

  it('is Hindi for a user who writes Hinglish', async () => {
    const t = transcript({ deps, user: { language: 'en', languageChosen: false } });
    expect(await t.send('mujhe chawal bechna hai')).toEqual([SYSTEM_TEXTS.not_understood.hi, TEST_MENU.hi]);
    expect(t.user.language).toBe('hi');
  });

  it('follows each message until one is chosen; a message that proves nothing keeps the last guess', async () => {
    const t = newUser();
    await chat(t, [
      ['Please tell me about export', [SYSTEM_TEXTS.not_understood.en, exactly(TEST_MENU.en)]],
      ['1', ['Your name?']],
      ['mera naam Ramesh hai', ['महीने में कितने किलो?']],
      ['बहुत', [REPROMPTS.number.hi, 'महीने में कितने किलो?']],
      ['I do not know', [REPROMPTS.number.en, 'How many kg a month?']],
      ['500', ['What quantity?']],
    ]);
  });

  it('once chosen, stays fixed whatever script the user writes in', async () => {
    const t = newUser();
    await chat(t, [
      ['मुझे भाषा बदलनी है', [SYSTEM_TEXTS.not_understood.hi, TEST_MENU.hi]],
      ['भाषा', [LANGUAGE_PROMPT.hi]],
      ['English', ['Language: English.']],
      ['मुझे चावल बेचना है', [SYSTEM_TEXTS.not_understood.en, TEST_MENU.en]],
      ['mujhe yeh nahi chahiye', [REPROMPTS.choice.en, TEST_MENU.en]],
    ]);
    expect(t.user).toMatchObject({ language: 'en', languageChosen: true });

    const u = transcript({ deps, user: HI });
    expect(await u.send('I want to sell my rice')).toEqual([SYSTEM_TEXTS.not_understood.hi, TEST_MENU.hi]);
    expect(u.lastResult?.userChanges).toEqual({});
  });
});

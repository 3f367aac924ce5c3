/**
 * The flow engine, one step type and one input type at a time, on the fixture flows of test/fixtures/flows-engine.
 * Each test is a short transcript: where the user is, what they send, what the bot says and what the session holds.
 */
import { describe, expect, it } from 'vitest';
import { MAX_STEPS_PER_TURN } from '../../src/conversation/engine.js';
import type { AskStep, Language } from '../../src/conversation/flow-schema.js';
import { REPROMPTS, SYSTEM_TEXTS } from '../../src/conversation/system-texts.js';
import type { SessionState, UserView } from '../../src/conversation/turn.js';
import { FIXTURE_ACTIONS, FIXTURE_FLOWS } from '../fixtures/flows-engine/actions.js';
import { chat, engineDeps, exactly, type MessageExtras, transcript, waitingAt } from '../support/transcript.js';

const deps = engineDeps(FIXTURE_FLOWS, FIXTURE_ACTIONS);

const EN = { language: 'en', languageChosen: true } as const;
const HI = { language: 'hi', languageChosen: true } as const;
const NO_FLOW: SessionState = { answers: {}, retries: 0, history: [] };
const APOLOGY = SYSTEM_TEXTS.something_went_wrong;
const TEST_MENU = { en: 'Test menu:\n\n1. Questions\n2. Help', hi: 'टेस्ट मेनू:\n\n1. सवाल\n2. मदद' };

/** A transcript whose user is already waiting at ask step `flowId.stepId`. */
function at(flowId: string, stepId: string, user: Partial<UserView> = EN, session: Partial<SessionState> = {}) {
  return transcript({ deps, user, session: waitingAt(deps, flowId, stepId, session) });
}

/** A transcript of a user with nothing in progress. */
function idle(user: Partial<UserView> = EN) {
  return transcript({ deps, user });
}

function askStep(flowId: string, stepId: string): AskStep {
  const step = deps.flows.step(flowId, stepId);
  if (step?.type !== 'ask') throw new Error(`${flowId}.${stepId} is no ask step`);
  return step;
}

const prompt = (stepId: string, language: Language) => askStep('inputs', stepId).prompt[language];

describe('message steps', () => {
  it('run one after another in one turn, and the end step ends the flow', async () => {
    const t = idle();
    expect(await t.send('messages')).toEqual(['First.', 'Second, you wrote: messages', 'Last.']);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('speak the user’s language', async () => {
    const t = idle(HI);
    expect(await t.send('संदेश')).toEqual(['पहला।', 'दूसरा, आपने लिखा: संदेश', 'आखिरी।']);
  });
});

describe('ask steps', () => {
  it('send the prompt and wait: the session remembers the flow, its version and the step', async () => {
    const t = idle();
    expect(await t.send('inputs')).toEqual(['Your name?']);
    expect(t.session).toEqual({ flowId: 'inputs', flowVersion: 1, stepId: 'name', ...NO_FLOW });
  });

  it('store a valid answer under the step id, remember the step for "back", and ask the next question', async () => {
    const t = at('inputs', 'name');
    expect(await t.send('  Ramesh Patel ')).toEqual(['How many kg a month?']);
    expect(t.session).toEqual({
      flowId: 'inputs',
      flowVersion: 1,
      stepId: 'capacity',
      answers: { name: 'Ramesh Patel' },
      retries: 0,
      history: ['name'],
    });
  });

  it('store under `save` when the step names it', async () => {
    const t = at('profile', 'ask_name');
    await t.send('Ramesh');
    expect(t.session?.answers).toMatchObject({ name: 'Ramesh' });
    expect(t.session?.answers).not.toHaveProperty('ask_name');
  });

  describe('text', () => {
    it('is stored trimmed, in any script', async () => {
      const t = at('inputs', 'name');
      await t.send(' सुरेश कुमार ');
      expect(t.session?.answers.name).toBe('सुरेश कुमार');
    });

    it('shorter than minLength re-prompts; longer than maxLength says the limit', async () => {
      const t = at('inputs', 'name');
      expect(await t.send('R')).toEqual([REPROMPTS.text.en, 'Your name?']);
      expect(await t.send('R'.repeat(41))).toEqual(['Please keep the answer under 40 characters.', 'Your name?']);
    });
  });

  describe('number', () => {
    it.each([
      ['1200', 1200],
      ['1,200', 1200],
      ['१,२००', 1200],
      ['1,20,000', 120000],
      ['1.5 lakh', 150000],
      ['डेढ़ लाख', 150000],
      ['lagbhag 500', 500],
    ])('"%s" is stored as the number %d', async (text, value) => {
      const t = at('inputs', 'capacity');
      await t.send(text);
      expect(t.session?.answers.capacity).toBe(value);
      expect(t.session?.stepId).toBe('quantity');
    });

    it('outside min and max says the range, in the user’s language', async () => {
      const t = at('inputs', 'capacity', HI);
      expect(await t.send('5 lakh')).toEqual(['संख्या 1–200000 के बीच होनी चाहिए।', prompt('capacity', 'hi')]);
      expect(t.session).toMatchObject({ stepId: 'capacity', retries: 1, answers: {} });
    });
  });

  describe('quantity', () => {
    it.each([
      ['50 ton', { value: 50, unit: 'MT' }],
      ['५० टन', { value: 50, unit: 'MT' }],
      ['200 quintal', { value: 200, unit: 'quintal' }],
      ['2.5 MT', { value: 2.5, unit: 'MT' }],
    ])('"%s" is stored as {value, unit}', async (text, quantity) => {
      const t = at('inputs', 'quantity');
      await t.send(text);
      expect(t.session?.answers.quantity).toEqual(quantity);
    });

    it('a unit the step does not take, or no unit at all, gets a precise re-prompt', async () => {
      const t = at('inputs', 'quantity');
      expect(await t.send('50 kg')).toEqual(['The unit must be one of: MT, quintal.', 'What quantity?']);
      expect(await t.send('50')).toEqual(['50 of what? Add the unit, e.g. "50 MT".', 'What quantity?']);
    });
  });

  describe('choice', () => {
    const offered = {
      en: 'Which product?\n\n1. Sela rice\n2. Basmati rice\n3. Wheat',
      hi: 'कौन सा उत्पाद?\n\n1. सेला चावल\n2. बासमती चावल\n3. गेहूँ',
    };

    it('is asked as numbered text, with the options as choices for buttons or a list', async () => {
      const t = at('inputs', 'quantity');
      expect(await t.send('50 ton')).toEqual([offered.en]);
      expect(t.lastReplies[0]?.choices).toEqual([
        { id: 'sela', title: 'Sela rice' },
        { id: 'basmati', title: 'Basmati rice' },
        { id: 'wheat', title: 'Wheat' },
      ]);
      const u = at('inputs', 'quantity', HI);
      expect(await u.send('50 ton')).toEqual([offered.hi]);
    });

    it.each([
      ['2', EN, {}, 'basmati'],
      ['२', HI, {}, 'basmati'],
      ['option 3', EN, {}, 'wheat'],
      ['Basmati rice', HI, {}, 'basmati'],
      ['सेला चावल', EN, {}, 'sela'],
      ['parboiled rice', HI, {}, 'sela'],
      ['gehun', EN, {}, 'wheat'],
      ['basmti rice', EN, {}, 'basmati'],
      ['Wheat', EN, { choiceId: 'wheat' }, 'wheat'],
      ['गेहूँ', HI, { choiceId: 'wheat' }, 'wheat'],
    ] as const)('"%s" (user %o, %o) chooses %s', async (text, user, extras: MessageExtras, id) => {
      const t = at('inputs', 'product', user);
      await t.send(text, extras);
      expect(t.session?.answers.product).toBe(id);
      expect(t.session?.stepId).toBe('certs');
    });

    it('a button payload wins over the text the channel reports with it', async () => {
      const t = at('inputs', 'product');
      await t.send('Sela rice', { choiceId: 'basmati' });
      expect(t.session?.answers.product).toBe('basmati');
    });

    it('a number beyond the options, or a reply that fits none, re-prompts with the options again', async () => {
      const t = at('inputs', 'product');
      expect(await t.send('4')).toEqual([REPROMPTS.choice.en, offered.en]);
      expect(await t.send('makka')).toEqual([REPROMPTS.choice.en, offered.en]);
      expect(t.session).toMatchObject({ stepId: 'product', retries: 2, answers: {} });
    });
  });

  describe('multi_choice', () => {
    it.each([
      ['1, 3', ['iec', 'apeda']],
      ['१ ३', ['iec', 'apeda']],
      ['FSSAI aur IEC', ['fssai', 'iec']],
      ['apeda', ['apeda']],
      ['2, 2, fssai', ['fssai']],
    ])('"%s" is stored as the option ids %o', async (text, ids) => {
      const t = at('inputs', 'certs');
      await t.send(text);
      expect(t.session?.answers.certs).toEqual(ids);
    });

    it('a part that names no option is quoted back, in the user’s language', async () => {
      const t = at('inputs', 'certs', HI);
      expect(await t.send('1, xyz')).toEqual([
        '"xyz" विकल्पों में नहीं है।',
        'कौन से प्रमाणपत्र?\n\n1. IEC\n2. FSSAI\n3. APEDA',
      ]);
    });
  });

  describe('yes_no', () => {
    it.each([
      ['haan', {}, true],
      ['हाँ जी', {}, true],
      ['👍', {}, true],
      ['No', {}, false],
      ['नहीं', {}, false],
      ['Yes', { choiceId: 'yes' }, true],
      ['Nahi', { choiceId: 'no' }, false],
    ] as const)('"%s" (%o) is stored as %s', async (text, extras: MessageExtras, value) => {
      const t = at('inputs', 'exporter');
      await t.send(text, extras);
      expect(t.session?.answers.exporter).toBe(value);
      expect(t.session?.stepId).toBe('country');
    });
  });

  describe('country', () => {
    it.each([
      ['UAE', 'AE'],
      ['बांग्लादेश', 'BD'],
      ['amerika', 'US'],
    ])('"%s" is stored as its ISO code', async (text, country) => {
      const t = at('inputs', 'country');
      await t.send(text);
      expect(t.session?.answers.country).toBe(country);
    });
  });

  describe('media', () => {
    it('stores the attachments, with or without a caption', async () => {
      const attachments = [
        { url: 'https://media.example/1.jpg', contentType: 'image/jpeg' },
        { url: 'https://media.example/2.pdf', contentType: 'application/pdf' },
      ];
      const t = at('inputs', 'photo');
      expect(await t.send('', { attachments })).toEqual(['Share the warehouse location.']);
      expect(t.session?.answers.photo).toEqual(attachments);

      const u = at('inputs', 'photo');
      await u.send('hamara chawal', { attachments: attachments.slice(0, 1) });
      expect(u.session?.answers.photo).toEqual(attachments.slice(0, 1));
    });
  });

  describe('location', () => {
    it('stores the shared location', async () => {
      const location = { latitude: 23.8388, longitude: 78.7378, label: 'Godown', address: 'Sagar, MP' };
      const t = at('inputs', 'place');
      await t.send('', { location });
      expect(t.session).toMatchObject({ stepId: 'confirm', answers: { place: location } });
    });
  });
});

describe('invalid answers', () => {
  // One answer that does not fit, per input type; each gets that type's re-prompt.
  const INVALID = [
    ['name', 'x'],
    ['capacity', 'bahut saara'],
    ['quantity', 'thoda sa'],
    ['product', 'makka'],
    ['certs', 'kuch nahi'],
    ['exporter', 'shayad'],
    ['country', 'Dubai'],
    ['photo', 'abhi nahi hai'],
    ['place', 'Sagar ke paas'],
  ] as const;

  it('cover every input type', () => {
    const inputs = new Set(INVALID.map(([stepId]) => askStep('inputs', stepId).input));
    expect([...inputs].sort()).toEqual(Object.keys(REPROMPTS).sort());
  });

  describe.each(['hi', 'en'] as const)('in %s', (language) => {
    it.each(INVALID)('%s: "%s" gets the input type’s re-prompt, then the question again', async (stepId, text) => {
      const step = askStep('inputs', stepId);
      const t = at('inputs', stepId, { language, languageChosen: true });
      const replies = await t.send(text);
      expect(replies).toHaveLength(2);
      expect(replies[0]).toBe(REPROMPTS[step.input][language]);
      expect(replies[1]?.startsWith(step.prompt[language])).toBe(true);
      expect(t.session).toMatchObject({ flowId: 'inputs', stepId, retries: 1, answers: {}, history: [] });
    });
  });

  it('are re-prompted in the language the answer is written in, while none is chosen', async () => {
    const t = at('inputs', 'capacity', { language: 'hi', languageChosen: false });
    expect(await t.send('I do not know yet')).toEqual([REPROMPTS.number.en, prompt('capacity', 'en')]);
  });

  it('get the flow’s own re-prompt when the step has one', async () => {
    const t = at('retry', 'agree');
    expect(await t.send('shayad')).toEqual(['Just yes or no.', 'Do you agree?']);
  });

  it('after the retry limit follow onFail, with a fresh count at the next question', async () => {
    const t = at('retry', 'agree');
    await chat(t, [
      ['maybe', ['Just yes or no.', 'Do you agree?']],
      ['maybe not', ['Never mind, moving on.', 'How many?']],
    ]);
    expect(t.session).toMatchObject({ flowId: 'retry', stepId: 'count', retries: 0, answers: {} });
  });

  it('after the retry limit without onFail say so and end the flow', async () => {
    const t = at('retry', 'count', HI);
    await chat(t, [
      ['bahut', [REPROMPTS.number.hi, 'कितने?']],
      ['bahut saare', [exactly(SYSTEM_TEXTS.too_many_tries.hi)]],
    ]);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('count per question: a valid answer resets the count', async () => {
    const t = at('retry', 'agree');
    await t.send('maybe');
    expect(t.session?.retries).toBe(1);
    expect(await t.send('yes')).toEqual(['How many?']);
    expect(t.session).toMatchObject({ stepId: 'count', retries: 0, answers: { agree: true } });
    expect(await t.send('many')).toEqual([REPROMPTS.number.en, 'How many?']);
    expect(t.session?.retries).toBe(1);
  });
});

describe('branch steps', () => {
  it.each([
    ['1', 'rice', 'Rice: see APEDA.'],
    ['2', 'wheat', 'Grain: see FSSAI.'],
    ['3', 'pulses', 'Grain: see FSSAI.'],
    ['4', 'stone', 'Handicraft: see EPCH.'],
  ])('"%s" (%s) takes the first case that holds, else the default', async (text, _kind, reply) => {
    const t = at('branching', 'kind');
    expect(await t.send(text)).toEqual([reply, 'Thank you.']);
  });

  it('`exists` looks at the value: a user with a name is thanked by name', async () => {
    expect(await at('branching', 'kind', { ...EN, name: 'Ramesh' }).send('1')).toEqual([
      'Rice: see APEDA.',
      'Thank you, Ramesh.',
    ]);
    expect(await at('branching', 'kind', { ...HI, name: 'रमेश' }).send('1')).toEqual([
      'चावल: APEDA देखें।',
      'धन्यवाद, रमेश।',
    ]);
  });

  it('`equals` compares booleans: the loop flow is no loop for a user who opted out', async () => {
    const t = idle({ ...EN, optedOut: true });
    expect(await t.send('loop')).toEqual(['Tick']);
    expect(t.events).toEqual([]);
  });
});

describe('action steps', () => {
  it('save the output, apply the user changes at once, and record the events', async () => {
    const t = at('profile', 'ask_name');
    expect(await t.send('Ramesh')).toEqual(['Thank you Ramesh! Your number is S-0042.', 'Is that right?']);
    expect(t.session?.answers).toEqual({
      name: 'Ramesh',
      saved: { id: 'S-0042', inputs: { name: 'Ramesh', source: 'whatsapp', count: 3 } },
    });
    expect(t.lastResult?.userChanges).toEqual({ name: 'Ramesh' });
    expect(t.lastResult?.events).toEqual([
      {
        type: 'consent',
        kind: 'share_contact',
        evidence: 'name: Ramesh',
        key: expect.stringMatching(/^test:SM\d+#profile\.save_profile$/),
      },
    ]);
  });

  it('render the user changes in Hindi too', async () => {
    const t = at('profile', 'ask_name', HI);
    expect(await t.send('रमेश')).toEqual(['धन्यवाद रमेश! आपका नंबर S-0042 है।', 'सही है?']);
  });

  it('that fail follow onError, without a failure event', async () => {
    const t = idle();
    expect(await t.send('failing')).toEqual(['Prices are not available right now.']);
    expect(t.events).toEqual([]);
    expect(t.session).toEqual(NO_FLOW);
  });

  it.each(['en', 'hi'] as const)(
    'that fail without onError end the flow with an apology and a flow_failed event (%s)',
    async (language) => {
      const t = idle({ language, languageChosen: true });
      const replies = await t.send('failhard');
      expect(replies).toEqual([language === 'en' ? 'Checking…' : 'देख रहे हैं…', APOLOGY[language]]);
      expect(t.events).toEqual([
        { type: 'flow_failed', flowId: 'failing_hard', stepId: 'fetch', reason: 'catalog service unavailable' },
      ]);
      expect(t.session).toEqual(NO_FLOW);
    },
  );
});

describe('handoff steps', () => {
  it('record the question and the answers so far, thank the user and end the flow', async () => {
    const t = at('officer', 'product');
    await chat(t, [
      ['Sela rice', ['Your question?']],
      ['What is the FOB price to Dubai?', [exactly('Your question went to an officer.')]],
    ]);
    expect(t.events).toEqual([
      {
        type: 'handoff',
        flowId: 'officer',
        stepId: 'hand_over',
        topic: 'export_query',
        question: 'What is the FOB price to Dubai?',
        answers: { product: 'Sela rice', question: 'What is the FOB price to Dubai?' },
      },
    ]);
    expect(t.session).toEqual(NO_FLOW);
  });
});

describe('end steps', () => {
  it('without text end the flow silently', async () => {
    const t = idle();
    expect(await t.send('silent')).toEqual(['That is all.']);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('leave nothing waiting: the next message starts afresh', async () => {
    const t = idle(HI);
    await t.send('silent');
    expect(await t.send('kuch aur')).toEqual([SYSTEM_TEXTS.not_understood.hi, TEST_MENU.hi]);
  });
});

describe('goto and cross-flow jumps', () => {
  it('a goto step moves on without a word', async () => {
    const t = idle();
    await chat(t, [
      ['jump', ['A, first question?']],
      ['alpha', [exactly('Where to?\n\n1. Stay\n2. To B\n3. Via a message')]],
    ]);
    expect(t.session).toMatchObject({ flowId: 'jump_a', stepId: 'where', answers: { first: 'alpha' } });
    expect(await t.send('1')).toEqual(['A done: alpha']);
  });

  it.each([
    ['2', ['Now in B.', "B's question?"]],
    ['3', ['Going to B.', 'Now in B.', "B's question?"]],
  ])('option "%s" starts the other flow with fresh answers and history', async (text, replies) => {
    const t = at('jump_a', 'where', EN, { answers: { first: 'alpha' }, history: ['first'] });
    expect(await t.send(text)).toEqual(replies);
    expect(t.session).toEqual({ flowId: 'jump_b', flowVersion: 1, stepId: 'b_question', ...NO_FLOW });
    expect(await t.send('beta')).toEqual(['B done: beta']);
  });
});

describe('the step cap', () => {
  it(`fails a turn that runs more than ${MAX_STEPS_PER_TURN} steps: one apology, a flow_failed event`, async () => {
    const t = idle();
    expect(await t.send('loop')).toEqual([APOLOGY.en]);
    expect(t.events).toEqual([
      {
        type: 'flow_failed',
        flowId: 'loop',
        stepId: 'tick',
        reason: `more than ${MAX_STEPS_PER_TURN} steps in one turn, at step 'tick'`,
      },
    ]);
    expect(t.session).toEqual(NO_FLOW);
    expect(await t.send('messages')).toEqual(['First.', 'Second, you wrote: messages', 'Last.']);
  });

  it('stops two flows that start each other', async () => {
    const t = idle(HI);
    expect(await t.send('ping')).toEqual([APOLOGY.hi]);
    expect(t.events).toEqual([
      {
        type: 'flow_failed',
        flowId: 'ping',
        stepId: 'go',
        reason: `more than ${MAX_STEPS_PER_TURN} steps in one turn, at step 'go'`,
      },
    ]);
  });
});

describe('flow versions', () => {
  const stale = (session: Partial<SessionState>): SessionState => ({
    flowId: 'versioned',
    stepId: 'second',
    flowVersion: 1,
    answers: { first: 'old answer' },
    retries: 1,
    history: ['first'],
    ...session,
  });
  const restarted = { flowId: 'versioned', flowVersion: 2, stepId: 'first', ...NO_FLOW };

  it('a session saved under an older version restarts the flow instead of taking the answer', async () => {
    const t = transcript({ deps, user: EN, session: stale({}) });
    expect(await t.send('my answer')).toEqual([SYSTEM_TEXTS.flow_changed.en, 'New first question?']);
    expect(t.session).toEqual(restarted);
  });

  it('a session at a step the flow no longer has restarts it', async () => {
    const t = transcript({ deps, user: HI, session: stale({ flowVersion: 2, stepId: 'old_step' }) });
    expect(await t.send('मेरा जवाब')).toEqual([SYSTEM_TEXTS.flow_changed.hi, 'नया पहला सवाल?']);
    expect(t.session).toEqual(restarted);
  });

  it('a session in a flow that is gone goes to the main menu', async () => {
    const t = transcript({ deps, user: EN, session: stale({ flowId: 'retired' }) });
    expect(await t.send('2')).toEqual([SYSTEM_TEXTS.flow_changed.en, TEST_MENU.en]);
    expect(t.session).toMatchObject({ flowId: 'main_menu', stepId: 'choose' });
  });

  it('"back" in a stale session restarts too', async () => {
    const t = transcript({ deps, user: EN, session: stale({}) });
    expect(await t.send('back')).toEqual([SYSTEM_TEXTS.flow_changed.en, 'New first question?']);
  });

  it('a session at the current version resumes', async () => {
    const t = transcript({ deps, user: EN, session: stale({ flowVersion: 2 }) });
    expect(await t.send('my answer')).toEqual([]);
    expect(t.session).toEqual(NO_FLOW);
  });
});

describe('template variables', () => {
  const photo = { url: 'https://media.example/rice.jpg', contentType: 'image/jpeg' };
  const godown = { latitude: 23.8388, longitude: 78.7378 };

  it('render answers in English: numbers, quantities, countries by their English name, options by their title', async () => {
    const t = idle();
    await chat(t, [
      ['inputs', ['Your name?']],
      ['Ramesh', ['How many kg a month?']],
      ['1.5 lakh', ['What quantity?']],
      ['50 ton', ['Which product?']],
      ['2', ['Which certificates?']],
      ['1, 2', ['Do you export?']],
      ['haan', ['To which country?']],
      ['UAE', ['Send a photo of the product.']],
      [{ text: '', attachments: [photo] }, ['Share the warehouse location.']],
      [
        { text: '', location: godown },
        [
          exactly(
            'Ramesh: 150000 kg a month, 50 MT now, country: United Arab Emirates. ' +
              'Product: Basmati rice; certificates: IEC, FSSAI; exporter: Yes; 1 photo.',
          ),
          'Is this right?',
        ],
      ],
    ]);
    expect(t.session?.answers).toEqual({
      name: 'Ramesh',
      capacity: 150000,
      quantity: { value: 50, unit: 'MT' },
      product: 'basmati',
      certs: ['iec', 'fssai'],
      exporter: true,
      country: 'AE',
      photo: [photo],
      place: godown,
    });
    expect(t.session?.history).toEqual([
      'name',
      'capacity',
      'quantity',
      'product',
      'certs',
      'exporter',
      'country',
      'photo',
      'place',
    ]);
    expect(await t.send('yes')).toEqual(['All done.']);
    expect(t.session).toEqual(NO_FLOW);
  });

  it('render answers in Hindi: countries by their Hindi name, quantities with their Hindi unit', async () => {
    const t = idle(HI);
    await chat(t, [
      ['सवाल', ['आपका नाम?']],
      ['रमेश', ['महीने में कितने किलो?']],
      ['१,२००', ['कितनी मात्रा?']],
      ['२०० क्विंटल', ['कौन सा उत्पाद?']],
      ['सेला चावल', ['कौन से प्रमाणपत्र?']],
      ['१ ३', ['क्या आप निर्यात करते हैं?']],
      ['नहीं', ['किस देश में?']],
      ['बांग्लादेश', ['उत्पाद की फ़ोटो भेजें।']],
      [{ text: '', attachments: [photo] }, ['गोदाम की लोकेशन भेजें।']],
      [
        { text: '', location: godown },
        [
          exactly(
            'रमेश: 1200 किलो/माह, अभी 200 क्विंटल, देश: बांग्लादेश। ' +
              'उत्पाद: सेला चावल; प्रमाणपत्र: IEC, APEDA; निर्यातक: नहीं; 1 फ़ोटो।',
          ),
          'क्या यह सही है?',
        ],
      ],
    ]);
    expect(t.session?.answers).toMatchObject({
      capacity: 1200,
      quantity: { value: 200, unit: 'quintal' },
      product: 'sela',
      certs: ['iec', 'apeda'],
      exporter: false,
      country: 'BD',
    });
  });

  it('render {{user.name}} as the user is after this turn’s changes', async () => {
    expect(await at('profile', 'ask_name', { ...EN, name: 'Old name' }).send('Suresh')).toContain(
      'Thank you Suresh! Your number is S-0042.',
    );
  });
});

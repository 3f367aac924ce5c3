/**
 * The actions' contract (src/conversation/actions/action.ts): an action is handed answers as they are stored, not
 * as rendered text; an idempotency key that is the same when a turn runs again and different for every other step
 * run; and the question the user just answered, for consent. People are shown words, never ids.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { runTurn } from '../../src/conversation/engine.js';
import type { SessionState } from '../../src/conversation/turn.js';
import { capturedRuns, FIXTURE_ACTIONS, FIXTURE_FLOWS } from '../fixtures/flows-engine/actions.js';
import { engineDeps, TEST_NOW, transcript, waitingAt } from '../support/transcript.js';

const deps = engineDeps(FIXTURE_FLOWS, FIXTURE_ACTIONS);

/** A user who answered everything but the last question of the `typed` flow. */
async function atLastQuestion(language: 'hi' | 'en') {
  const t = transcript({ deps, user: { language, languageChosen: true } });
  await t.send('typed');
  await t.send('2.5 lakh kg');
  await t.send('1, 2');
  await t.send(language === 'hi' ? 'बांग्लादेश' : 'UAE');
  return t;
}

describe('the action contract', () => {
  beforeEach(() => {
    capturedRuns.length = 0;
  });

  it('hands stored answers to the action as values, and renders the rest as text', async () => {
    const t = await atLastQuestion('en');
    expect(await t.send('yes')).toEqual(['2,50,000 kg to United Arab Emirates; IEC, FSSAI; Yes']);
    const [first] = capturedRuns;
    expect(first?.inputs).toEqual({
      qty: { value: 250_000, unit: 'kg' },
      certs: ['iec', 'fssai'],
      dest: 'AE',
      ok: true,
      runs: undefined,
      line: '2,50,000 kg to United Arab Emirates, IEC, FSSAI, Yes',
    });
  });

  it('renders answers in Hindi as a Hindi reader reads them', async () => {
    const t = await atLastQuestion('hi');
    expect(await t.send('हाँ')).toEqual(['2,50,000 किलो बांग्लादेश को; आईईसी, एफएसएसएआई; हाँ']);
    expect(capturedRuns[0]?.inputs.dest).toBe('BD');
  });

  it('gives every step run its own idempotency key, and the same keys to a turn run again', async () => {
    const t = await atLastQuestion('en');
    const session = structuredClone(t.session) as SessionState;
    const context = { user: t.user, session, input: { text: 'yes', attachments: [] }, now: TEST_NOW };

    await runTurn(deps, { ...context, messageKey: 'whatsapp:SM0001' });
    const firstRun = capturedRuns.map((run) => run.context.idempotencyKey);
    expect(firstRun).toEqual(['whatsapp:SM0001#typed.capture', 'whatsapp:SM0001#typed.capture#2']);

    // The same message again, as after a crash before the session was saved: the same keys.
    capturedRuns.length = 0;
    await runTurn(deps, { ...context, messageKey: 'whatsapp:SM0001' });
    expect(capturedRuns.map((run) => run.context.idempotencyKey)).toEqual(firstRun);

    // Another message: other keys.
    capturedRuns.length = 0;
    await runTurn(deps, { ...context, messageKey: 'whatsapp:SM0002' });
    expect(capturedRuns[0]?.context.idempotencyKey).toBe('whatsapp:SM0002#typed.capture');
  });

  it('tells the action which question was answered, as the user read it, and in which words', async () => {
    const t = await atLastQuestion('hi');
    await t.send('ji haan');
    expect(capturedRuns[0]?.context).toMatchObject({
      language: 'hi',
      answered: { stepId: 'ask_ok', question: 'पक्का?', words: 'ji haan' },
      now: TEST_NOW,
    });
  });

  it('tells every action run later in the same turn the question answered in it', async () => {
    const t = transcript({
      deps,
      session: waitingAt(deps, 'typed', 'ask_ok', { answers: { qty: { value: 1, unit: 'MT' } } }),
    });
    await t.send('yes');
    expect(capturedRuns[0]?.context.answered?.stepId).toBe('ask_ok');
    expect(capturedRuns[1]?.context.answered?.stepId).toBe('ask_ok');
  });
});

/**
 * STOP and START. Opting out stops every broadcast and alert at once; the words the user sent are kept with the
 * time as evidence, as WhatsApp's opt-in rules ask.
 */
import type { Action } from './action.js';

export const optOut: Action = {
  name: 'opt_out',
  description: 'Stops all broadcasts and alerts for this user and records the opt-out.',
  run: (_inputs, { input }) => ({
    ok: true,
    userChanges: { optedOut: true },
    events: [{ type: 'consent', kind: 'opt_out', evidence: input.text || input.choiceId || 'STOP' }],
  }),
};

export const optIn: Action = {
  name: 'opt_in',
  description: 'Resumes broadcasts and alerts for this user and records the opt-in.',
  run: (_inputs, { input }) => ({
    ok: true,
    userChanges: { optedOut: false },
    events: [{ type: 'consent', kind: 'opt_in', evidence: input.text || input.choiceId || 'START' }],
  }),
};

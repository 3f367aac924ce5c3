/**
 * STOP and START. Opting out stops every broadcast and alert at once; the words the user sent are kept with the
 * time as evidence, as WhatsApp's opt-in rules ask.
 */
import { type ActionDefinition, defineAction } from '../conversation/actions/action.js';

function consentAction(
  name: string,
  description: string,
  kind: 'opt_in' | 'opt_out',
  fallbackEvidence: string,
): ActionDefinition<unknown> {
  return defineAction({
    name,
    description,
    create:
      () =>
      (_inputs, { input }) => ({
        ok: true,
        userChanges: { optedOut: kind === 'opt_out' },
        events: [{ type: 'consent', kind, evidence: input.text || input.choiceId || fallbackEvidence }],
      }),
  });
}

export const optOut = consentAction(
  'opt_out',
  'Stops all broadcasts and alerts for this user and records the opt-out.',
  'opt_out',
  'STOP',
);

export const optIn = consentAction(
  'opt_in',
  'Resumes broadcasts and alerts for this user and records the opt-in.',
  'opt_in',
  'START',
);

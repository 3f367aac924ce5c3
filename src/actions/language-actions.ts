import { defineAction } from '../conversation/actions/action.js';

/** Fixes the user's language (`with: { language: hi | en }`); until then it is guessed from each message. */
export const setLanguage = defineAction<unknown>({
  name: 'set_language',
  description: "Sets the user's language for good. with: language (hi or en)",
  create: () => (inputs) => {
    const language = inputs.language;
    if (language !== 'hi' && language !== 'en') return { ok: false, reason: `unknown language '${String(language)}'` };
    return { ok: true, userChanges: { language, languageChosen: true } };
  },
});

/**
 * What the engine itself says, outside any flow: re-prompts per input type, the "cancelled" and "nothing to go
 * back to" answers, apologies. Every text in Hindi and English, like every flow text.
 */
import type { Intent } from '../nlu/intent.js';
import type { InputType, LocalizedText } from './flow-schema.js';

export const SYSTEM_TEXTS = {
  cancelled: {
    hi: 'ठीक है, यह बातचीत रद्द कर दी गई। मुख्य मेनू के लिए "मेनू" लिखें।',
    en: 'OK, cancelled. Send "menu" to see the main menu.',
  },
  nothing_to_cancel: {
    hi: 'अभी कोई बातचीत चल नहीं रही है। मुख्य मेनू के लिए "मेनू" लिखें।',
    en: 'Nothing is in progress. Send "menu" to see the main menu.',
  },
  nothing_to_go_back_to: {
    hi: 'इससे पहले का कोई सवाल नहीं है।',
    en: 'There is no earlier question to go back to.',
  },
  flow_changed: {
    hi: 'इस बातचीत में बदलाव हुआ है, इसलिए हम शुरू से शुरू कर रहे हैं।',
    en: 'This conversation has been updated, so we are starting it again.',
  },
  session_expired: {
    hi: 'पिछली बातचीत बहुत देर से रुकी थी, इसलिए हम नए सिरे से शुरू कर रहे हैं।',
    en: 'Your earlier conversation was idle for too long, so we are starting afresh.',
  },
  not_understood: {
    hi: 'माफ़ कीजिए, मैं यह समझ नहीं पाया।',
    en: 'Sorry, I did not understand that.',
  },
  too_many_tries: {
    hi: 'यह जवाब कई बार समझ नहीं आया। हम इसे अभी रोक रहे हैं; फिर से शुरू करने के लिए "मेनू" लिखें या "मदद" लिखें।',
    en: 'I could not understand the answer after several tries, so I have stopped here. Send "menu" to start again or "help" for help.',
  },
  something_went_wrong: {
    hi: 'माफ़ कीजिए, हमारी ओर से कुछ गड़बड़ हुई। कृपया थोड़ी देर बाद "मेनू" लिखें।',
    en: 'Sorry, something went wrong on our side. Please send "menu" again in a little while.',
  },
  resuming: {
    hi: 'आप पिछली बार यहीं रुके थे, वहीं से आगे बढ़ते हैं। (नए सिरे से शुरू करने के लिए "रद्द" लिखें।)',
    en: 'You stopped here last time, so let us carry on from there. (Send "cancel" to start afresh.)',
  },
  switch_offer_other: {
    hi: 'यह इस सवाल का जवाब नहीं लगता, बल्कि कोई और अनुरोध। क्या मैं पहले उसे लूँ? आपके अब तक के जवाब सुरक्षित हैं।',
    en: 'That does not look like an answer to my question but like another request. Shall I take that up first? Your answers so far are kept.',
  },
  switch_yes: { hi: 'हाँ, पहले वह', en: 'Yes, that first' },
  switch_no: { hi: 'नहीं, जवाब देता हूँ', en: 'No, I will answer' },
  choose_by_number: {
    hi: 'नंबर या विकल्प का नाम लिखकर जवाब दें।',
    en: 'Reply with the number or the name of an option.',
  },
} satisfies Record<string, LocalizedText>;

export type SystemTextKey = keyof typeof SYSTEM_TEXTS;

/** Said before the prompt again when an answer does not fit the question's input type. */
export const REPROMPTS: Record<InputType, LocalizedText> = {
  text: { hi: 'कृपया जवाब लिखकर भेजें।', en: 'Please type your answer.' },
  number: { hi: 'कृपया एक संख्या लिखें, जैसे 25 या २५।', en: 'Please send a number, for example 25.' },
  quantity: {
    hi: 'कृपया मात्रा और इकाई लिखें, जैसे "50 टन" या "200 क्विंटल"।',
    en: 'Please send a quantity with its unit, for example "50 MT" or "200 quintal".',
  },
  choice: { hi: 'यह विकल्पों में से नहीं है।', en: 'That is not one of the options.' },
  multi_choice: {
    hi: 'एक या अधिक विकल्प चुनें, जैसे "1, 3"।',
    en: 'Choose one or more options, for example "1, 3".',
  },
  yes_no: { hi: 'कृपया "हाँ" या "नहीं" में जवाब दें।', en: 'Please answer "yes" or "no".' },
  country: {
    hi: 'यह देश पहचान में नहीं आया। देश का नाम लिखें, जैसे "UAE" या "बांग्लादेश"।',
    en: 'I did not recognise that country. Please write its name, for example "UAE" or "Bangladesh".',
  },
  media: { hi: 'कृपया एक फ़ोटो या फ़ाइल भेजें।', en: 'Please send a photo or a file.' },
  location: {
    hi: 'कृपया WhatsApp में 📎 → लोकेशन से अपनी लोकेशन भेजें।',
    en: 'Please share a location with WhatsApp’s 📎 → Location.',
  },
};

/** Said when an answer reads as another request: what it looks like, and the offer to take it up first. */
export const SWITCH_OFFERS: Readonly<Partial<Record<Intent, LocalizedText>>> = {
  post_inquiry: {
    hi: 'यह एक खरीद पूछताछ लगती है। क्या मैं पहले उसे लूँ? इस सवाल के आपके जवाब सुरक्षित रहेंगे।',
    en: 'That looks like an inquiry to buy. Shall I take it up first? Your answers to this question are kept.',
  },
  faq: {
    hi: 'यह निर्यात से जुड़ा एक सवाल लगता है। क्या मैं पहले उसे लूँ? इस सवाल के आपके जवाब सुरक्षित रहेंगे।',
    en: 'That looks like a question about exporting. Shall I take it up first? Your answers to this question are kept.',
  },
  register_seller: {
    hi: 'लगता है आप विक्रेता के रूप में पंजीकरण करना चाहते हैं। क्या पहले वह करें?',
    en: 'It sounds like you want to register as a seller. Shall we do that first?',
  },
  join_group: {
    hi: 'लगता है आप किसी ग्रुप से जुड़ना चाहते हैं। क्या पहले वह करें?',
    en: 'It sounds like you want to join a group. Shall we do that first?',
  },
};

/**
 * A reply longer than one WhatsApp message (1600 characters through Twilio) reaches the user as several messages,
 * each within the limit, in order, together saying exactly what the flow says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { type FlowDir, projectFlowsWith } from '../support/flow-dirs.js';
import { uniquePhone } from '../support/phones.js';

const TWILIO_LIMIT = 1600;

/** Numbered paragraphs, so that order and completeness can be read back from the parts. */
function guide(title: string, paragraph: string): string {
  const paragraphs = Array.from({ length: 36 }, (_, i) => `[${String(i + 1).padStart(2, '0')}] ${paragraph}`);
  return [title, ...paragraphs].join('\n\n');
}

const EXPORT_GUIDE = {
  hi: guide(
    'निर्यात की पूरी जानकारी',
    'IEC, RCMC और FSSAI के काग़ज़ तैयार रखें; पैकिंग, लेबलिंग और फ़ाइटोसैनिटरी प्रमाणपत्र के बारे में DIC सागर से पूछें। निर्यात ऋण के लिए बैंक से बात करें।',
  ),
  en: guide(
    'Everything about exporting',
    'Keep your IEC, RCMC and FSSAI papers ready; ask DIC Sagar about packing, labelling and phytosanitary certificates. Talk to your bank about export credit.',
  ),
};

const LONG_FLOW = {
  specVersion: 1,
  flow: 'export_guide',
  description: 'Test-only: one answer far longer than a WhatsApp message.',
  version: 1,
  triggers: { keywords: ['guide', 'गाइड'] },
  start: 'answer',
  steps: [{ id: 'answer', type: 'end', text: EXPORT_GUIDE }],
};

describe('replies longer than one message', () => {
  let flows: FlowDir;
  let bot: TestBot;
  beforeAll(async () => {
    flows = projectFlowsWith({ 'export_guide.flow.json': LONG_FLOW });
    bot = await startTestBot({}, { flowsDir: flows.path });
  });
  afterAll(async () => {
    await bot?.stop();
    flows?.remove();
  });

  /** A new user; for English, one who chose English and left the main menu, so the next message starts a flow. */
  async function userReadingIn(language: 'hi' | 'en'): Promise<{ phone: string; earlierReplies: number }> {
    const phone = uniquePhone();
    if (language === 'hi') return { phone, earlierReplies: 0 };
    for (const says of ['hi', '2', 'cancel']) await bot.sendWhatsApp(phone, says);
    return { phone, earlierReplies: (await bot.repliesTo(phone, 4)).length };
  }

  it.each([
    ['hi', 'गाइड', EXPORT_GUIDE.hi],
    ['en', 'guide', EXPORT_GUIDE.en],
  ] as const)('splits the answer in %s into ordered parts within the limit', async (language, says, text) => {
    expect(text.length).toBeGreaterThan(2 * TWILIO_LIMIT);
    const { phone, earlierReplies } = await userReadingIn(language);

    await bot.sendWhatsApp(phone, says);
    await bot.settle();

    const parts = bot.sentTo(phone).slice(earlierReplies);
    expect(parts.length).toBeGreaterThanOrEqual(Math.ceil(text.length / TWILIO_LIMIT));
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(TWILIO_LIMIT);
    // Split at paragraph breaks, sent in order: putting the parts back together gives the flow's text.
    expect(parts.join('\n\n')).toBe(text);
    const stored = await bot.runtime.models.outbound.find({ to: phone }).sort({ createdAt: 1, part: 1 }).lean();
    expect(stored.slice(earlierReplies).map((record) => record.part)).toEqual(parts.map((_, i) => i));
  });
});

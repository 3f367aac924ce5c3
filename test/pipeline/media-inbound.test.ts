/**
 * A photo sent on WhatsApp (MediaUrl0 / MediaContentType0) reaches a flow's `input: media` question as an
 * attachment; text sent to that question is asked for again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { type FlowDir, projectFlowsWith } from '../support/flow-dirs.js';
import { uniquePhone } from '../support/phones.js';

const PHOTO_FLOW = `specVersion: 1
flow: product_photo
description: "Test-only: asks for a product photo and echoes what arrived: how many, then each attachment's type and URL."
version: 1
triggers:
  keywords: [photo, फ़ोटो]
start: ask_photo
steps:
  - id: ask_photo
    type: ask
    input: media
    prompt:
      hi: "अपने उत्पाद की एक फ़ोटो भेजें।"
      en: "Send a photo of your product."
    save: photo
    next: received
  - id: received
    type: end
    text:
      hi: "फ़ोटो मिल गई: {{answers.photo}}\\n{{answers.photo.0.contentType}} {{answers.photo.0.url}}\\n{{answers.photo.1.contentType}} {{answers.photo.1.url}}"
      en: "Photo received: {{answers.photo}}\\n{{answers.photo.0.contentType}} {{answers.photo.0.url}}\\n{{answers.photo.1.contentType}} {{answers.photo.1.url}}"
`;

const MEDIA_URL = 'https://api.twilio.com/2010-04-01/Accounts/AC00/Messages/MM00/Media/ME0123456789abcdef';

describe('media from WhatsApp', () => {
  let flows: FlowDir;
  let bot: TestBot;
  beforeAll(async () => {
    flows = projectFlowsWith({ 'product_photo.flow.yaml': PHOTO_FLOW });
    bot = await startTestBot({}, { flowsDir: flows.path });
  });
  afterAll(async () => {
    await bot?.stop();
    flows?.remove();
  });

  it('hands the photo to the media question as an attachment', async () => {
    const phone = uniquePhone();
    await bot.sendWhatsApp(phone, 'फ़ोटो');
    expect((await bot.repliesTo(phone, 1))[0]).toBe('अपने उत्पाद की एक फ़ोटो भेजें।');

    const response = await bot.sendWhatsApp(phone, '', { media: [{ url: MEDIA_URL, contentType: 'image/jpeg' }] });
    expect(response.status).toBe(200);
    const replies = await bot.repliesTo(phone, 2);
    // The answer reads as a count; its parts, reached by index, show what was stored.
    expect(replies[1]?.split('\n').slice(0, 2)).toEqual(['फ़ोटो मिल गई: 1 फ़ोटो', `image/jpeg ${MEDIA_URL}`]);
  });

  it('asks again when text arrives instead of a photo, then takes the photo with its caption', async () => {
    const phone = uniquePhone();
    await bot.sendWhatsApp(phone, 'फ़ोटो');
    await bot.repliesTo(phone, 1);

    await bot.sendWhatsApp(phone, 'कल भेजूँगा');
    const reprompt = await bot.repliesTo(phone, 3);
    expect(reprompt.slice(1)).toEqual(['कृपया एक फ़ोटो या फ़ाइल भेजें।', 'अपने उत्पाद की एक फ़ोटो भेजें।']);

    const pdf = `${MEDIA_URL}pdf`;
    await bot.sendWhatsApp(phone, 'rate list', {
      media: [
        { url: pdf, contentType: 'application/pdf' },
        { url: MEDIA_URL, contentType: 'image/png' },
      ],
    });
    const replies = await bot.repliesTo(phone, 4);
    expect(replies[3]?.split('\n')).toEqual([
      'फ़ोटो मिल गई: 2 फ़ाइल', // a PDF is no photo
      `application/pdf ${pdf}`,
      `image/png ${MEDIA_URL}`,
    ]);
  });
});

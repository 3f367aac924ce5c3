import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, StatusUpdate, WebhookRequest } from '../../src/channels/channel.js';
import { encodeForm, redirectTwilioUrl } from '../../src/channels/twilio/http-client.js';
import { createTwilioChannel } from '../../src/channels/twilio/twilio-channel.js';
import { parseRetryAfter } from '../../src/channels/twilio/twilio-errors.js';
import { ConfigError, InvalidInboundError, SendError } from '../../src/errors.js';
import { signedInboundRequest, whatsappInboundParams } from '../../scripts/twilio-local/inbound.js';
import { startTwilioLocal, type TwilioLocal } from '../../scripts/twilio-local/server.js';

const ACCOUNT_SID = `AC${'c3'.repeat(16)}`;
const AUTH_TOKEN = 'channel-test-token-42';
const SENDER = 'whatsapp:+14155238886';
const USER = '+919812345678';
const WEBHOOK_URL = 'https://bot.example.in/webhooks/twilio/inbound?region=sagar';

let local: TwilioLocal;
let channel: Channel;

beforeAll(async () => {
  local = await startTwilioLocal({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, callbackDelayMs: 5 });
  channel = createTwilioChannel({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    from: SENDER,
    apiBaseUrl: local.url,
  });
});
afterAll(() => local.close());
afterEach(() => local.clear());

async function sendError(promise: Promise<unknown>): Promise<SendError> {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

/** A webhook as the express layer would hand it over: parsed form fields and lower-case headers. */
function webhookFrom(url: string, signed: { headers: Record<string, string>; body: string }): WebhookRequest {
  return {
    url,
    headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value])),
    body: Object.fromEntries(new URLSearchParams(signed.body)),
  };
}

describe('send', () => {
  it('creates the message through the SDK and returns its SID', async () => {
    const result = await channel.send({ to: USER, text: 'Aapka sawal mil gaya' });
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(result.status).toBe('queued');
    expect(local.messages).toEqual([
      expect.objectContaining({
        sid: result.providerId,
        from: SENDER,
        to: `whatsapp:${USER}`,
        body: 'Aapka sawal mil gaya',
        mediaUrl: [],
        statusCallback: undefined,
      }),
    ]);
  });

  it('sends media URLs with the text', async () => {
    await channel.send({
      to: USER,
      text: 'Photo',
      mediaUrls: ['https://cdn.example/a.jpg', 'https://cdn.example/b.jpg'],
    });
    expect(local.messages[0]?.mediaUrl).toEqual(['https://cdn.example/a.jpg', 'https://cdn.example/b.jpg']);
  });

  it('sends a template as ContentSid and JSON ContentVariables, without a body', async () => {
    const contentSid = `HX${'ab'.repeat(16)}`;
    await channel.send({
      to: USER,
      text: 'fallback text',
      template: { contentSid, variables: { 1: 'Ramesh', 2: 'Sagar haldi' } },
    });
    expect(local.messages[0]).toMatchObject({
      contentSid,
      contentVariables: JSON.stringify({ 1: 'Ramesh', 2: 'Sagar haldi' }),
      body: undefined,
    });
  });

  it('uses the Messaging Service and the status callback URL when configured', async () => {
    const serviceSid = `MG${'de'.repeat(16)}`;
    const viaService = createTwilioChannel({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: undefined,
      messagingServiceSid: serviceSid,
      statusCallbackUrl: 'http://127.0.0.1:9/unreachable',
      apiBaseUrl: local.url,
    });
    const result = await viaService.send({ to: USER, text: 'hi' });
    // Twilio answers 'accepted' while a Messaging Service holds the message.
    expect(result.status).toBe('queued');
    expect(local.messages[0]).toMatchObject({
      from: undefined,
      messagingServiceSid: serviceSid,
      statusCallback: 'http://127.0.0.1:9/unreachable',
    });
  });

  it('appends our reference to the status callback URL, keeping the configured URL as it is', async () => {
    const reporting = (statusCallbackUrl: string) =>
      createTwilioChannel({
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        from: SENDER,
        statusCallbackUrl,
        apiBaseUrl: local.url,
      });
    // Broadcast causes may hold a phone number: '+' must reach us as '+', not as a space.
    const reference = 'out-broadcast_7-+919812345678-0';
    await reporting('http://127.0.0.1:9/webhooks/whatsapp/status').send({ to: USER, text: 'a', reference });
    await reporting('http://127.0.0.1:9/status?region=sagar%20mp').send({ to: USER, text: 'b', reference });
    await reporting('http://127.0.0.1:9/webhooks/whatsapp/status').send({ to: USER, text: 'c' });
    expect(local.messages.map((message) => message.statusCallback)).toEqual([
      'http://127.0.0.1:9/webhooks/whatsapp/status?ref=out-broadcast_7-%2B919812345678-0',
      'http://127.0.0.1:9/status?region=sagar%20mp&ref=out-broadcast_7-%2B919812345678-0',
      'http://127.0.0.1:9/webhooks/whatsapp/status',
    ]);
  });

  it('delivers a burst of concurrent sends over a bounded set of kept-alive connections', async () => {
    const recipients = Array.from({ length: 300 }, (_, i) => `+9198${String(i).padStart(8, '0')}`);
    const results = await Promise.all(recipients.map((to) => channel.send({ to, text: 'burst' })));
    expect(new Set(results.map((r) => r.providerId)).size).toBe(300);
    await expect(local.waitForMessages(300, { timeoutMs: 1_000 })).resolves.toHaveLength(300);
  });

  it('refuses a configuration without sender', () => {
    expect(() =>
      createTwilioChannel({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: undefined, apiBaseUrl: local.url }),
    ).toThrow(ConfigError);
  });
});

describe('send errors', () => {
  it.each([
    [21211, 400],
    [21610, 400],
    [21408, 400],
    [21614, 400],
    [63003, 400],
    [63016, 400],
    [63024, 400],
    [21617, 400],
    [20404, 404],
  ])('code %i (HTTP %i) is permanent', async (code, status) => {
    local.failNext(USER, { code, status });
    const error = await sendError(channel.send({ to: USER, text: 'x' }));
    expect(error).toMatchObject({ channel: 'whatsapp', providerCode: code, retryable: false, code: 'SEND_FAILED' });
    expect(error.message).toContain(`HTTP ${status} code ${code}`);
    expect(error.context).toEqual({ channel: 'whatsapp', providerCode: code, retryable: false });
  });

  it.each([
    [20429, 429],
    [63018, 429],
    [30001, 400],
    [20500, 500],
    [20503, 503],
  ])('code %i (HTTP %i) is retryable', async (code, status) => {
    local.failNext(USER, { code, status });
    const error = await sendError(channel.send({ to: USER, text: 'x' }));
    expect(error).toMatchObject({ providerCode: code, retryable: true });
  });

  it('passes Retry-After of a 429 on as retryAfterMs, and leaves it undefined when absent', async () => {
    local.failNext(USER, { code: 20429, status: 429, retryAfterSeconds: 2 });
    expect(await sendError(channel.send({ to: USER, text: 'x' }))).toMatchObject({
      retryable: true,
      retryAfterMs: 2000,
    });

    local.failNext(USER, { code: 20429, status: 429 });
    expect((await sendError(channel.send({ to: USER, text: 'x' }))).retryAfterMs).toBeUndefined();
  });

  it('keeps each concurrent send’s Retry-After apart', async () => {
    const other = '+919800000001';
    local.failNext(USER, { code: 20429, status: 429, retryAfterSeconds: 1 });
    local.failNext(other, { code: 20429, status: 429, retryAfterSeconds: 7 });
    const [first, second] = await Promise.all([
      sendError(channel.send({ to: USER, text: 'x' })),
      sendError(channel.send({ to: other, text: 'x' })),
    ]);
    expect([first.retryAfterMs, second.retryAfterMs]).toEqual([1000, 7000]);
  });

  it('treats a network error (no HTTP status) as retryable', async () => {
    const closed = await startTwilioLocal({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const unreachableUrl = closed.url;
    await closed.close();
    const offline = createTwilioChannel({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: SENDER,
      apiBaseUrl: unreachableUrl,
    });
    const error = await sendError(offline.send({ to: USER, text: 'x' }));
    expect(error).toMatchObject({ providerCode: undefined, retryable: true });
    expect(error.message).toMatch(/no HTTP response.*ECONNREFUSED/);
  });

  it('reports wrong credentials as Twilio’s 401 / 20003, permanent', async () => {
    const wrong = createTwilioChannel({
      accountSid: ACCOUNT_SID,
      authToken: 'not-the-token',
      from: SENDER,
      apiBaseUrl: local.url,
    });
    const error = await sendError(wrong.send({ to: USER, text: 'x' }));
    expect(error).toMatchObject({ providerCode: 20003, retryable: false });
    expect(error.cause).toMatchObject({ status: 401 });
    expect(local.messages).toHaveLength(0);
  });
});

describe('verify', () => {
  const params = whatsappInboundParams({ from: USER, to: SENDER, body: 'namaste', accountSid: ACCOUNT_SID });

  it('accepts a request signed the way Twilio signs', () => {
    const signed = signedInboundRequest({ webhookUrl: WEBHOOK_URL, authToken: AUTH_TOKEN, params });
    expect(channel.verify(webhookFrom(WEBHOOK_URL, signed))).toBe(true);
  });

  it('rejects a tampered body, another URL, a missing header and another token', () => {
    const signed = signedInboundRequest({ webhookUrl: WEBHOOK_URL, authToken: AUTH_TOKEN, params });
    const request = webhookFrom(WEBHOOK_URL, signed);
    expect(channel.verify({ ...request, body: { ...request.body, Body: 'namaste!' } })).toBe(false);
    expect(channel.verify({ ...request, body: { ...request.body, Extra: '1' } })).toBe(false);
    expect(channel.verify({ ...request, url: WEBHOOK_URL.replace('sagar', 'damoh') })).toBe(false);
    expect(channel.verify({ ...request, headers: {} })).toBe(false);
    expect(channel.verify({ ...request, url: 'not a url' })).toBe(false);
    const foreign = signedInboundRequest({ webhookUrl: WEBHOOK_URL, authToken: 'someone-else', params });
    expect(channel.verify(webhookFrom(WEBHOOK_URL, foreign))).toBe(false);
  });

  it('verifies Twilio’s published check value', () => {
    // The published vector has Caller/From +14158675309 (shared/REFERENCE.md's +12349013030 does not verify).
    const published = createTwilioChannel({ accountSid: ACCOUNT_SID, authToken: '12345', from: SENDER });
    const request: WebhookRequest = {
      url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
      headers: { 'X-Twilio-Signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=' },
      body: {
        CallSid: 'CA1234567890ABCDE',
        Caller: '+14158675309',
        Digits: '1234',
        From: '+14158675309',
        To: '+18005551212',
      },
    };
    expect(published.verify(request)).toBe(true);
    expect(published.verify({ ...request, body: { ...request.body, Digits: '1235' } })).toBe(false);
  });
});

describe('status callbacks', () => {
  let receiver: Server;
  let callbackUrl: string;
  const callbacks: WebhookRequest[] = [];

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => {
        body += chunk;
      });
      request.on('end', () => {
        const { port } = receiver.address() as AddressInfo;
        callbacks.push({
          url: `http://127.0.0.1:${port}${request.url ?? '/'}`,
          headers: request.headers,
          body: Object.fromEntries(new URLSearchParams(body)),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/twilio/status?v=1`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it('arrive signed, verify with the channel and parse into status updates', async () => {
    const reporting = createTwilioChannel({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: SENDER,
      statusCallbackUrl: callbackUrl,
      apiBaseUrl: local.url,
    });
    const reference = 'out-whatsapp_SMabc-+91-0';
    const { providerId } = await reporting.send({ to: USER, text: 'track me', reference });
    await expect.poll(() => callbacks.length, { timeout: 2_000 }).toBe(4);

    const updates: StatusUpdate[] = [];
    for (const callback of callbacks) {
      expect(callback.url).toBe(`${callbackUrl}&ref=${encodeURIComponent(reference)}`);
      expect(reporting.verify(callback)).toBe(true);
      updates.push(reporting.parseStatus(callback));
    }
    expect(updates.map((u) => [u.providerId, u.reference, u.status])).toEqual([
      [providerId, reference, 'queued'],
      [providerId, reference, 'sent'],
      [providerId, reference, 'delivered'],
      [providerId, reference, 'read'],
    ]);
    const tampered = callbacks[0]!;
    expect(reporting.verify({ ...tampered, body: { ...tampered.body, MessageStatus: 'failed' } })).toBe(false);
    // The reference is signed with the URL: another message's id does not verify.
    expect(reporting.verify({ ...tampered, url: tampered.url.replace('SMabc', 'SMxyz') })).toBe(false);
    expect(reporting.verify({ ...tampered, url: callbackUrl })).toBe(false);
  });
});

describe('parseInbound', () => {
  it('normalizes a full WhatsApp field set with media and a button reply', () => {
    const params = whatsappInboundParams({
      from: USER,
      to: SENDER,
      body: 'Haan, bhejiye',
      accountSid: ACCOUNT_SID,
      messageSid: `MM${'12'.repeat(16)}`,
      profileName: 'Sunita Patel',
      buttonPayload: 'order_confirm',
      buttonText: 'Haan',
      media: [
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1', contentType: 'image/jpeg' },
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME2', contentType: 'application/pdf' },
      ],
    });
    const before = Date.now();
    const message = channel.parseInbound({
      url: WEBHOOK_URL,
      headers: {},
      body: { ...params, OriginalRepliedMessageSid: `SM${'9'.repeat(32)}`, SomethingNew: 'accepted' },
    });
    expect(message).toEqual({
      channel: 'whatsapp',
      messageId: `MM${'12'.repeat(16)}`,
      from: USER,
      to: '+14155238886',
      profileName: 'Sunita Patel',
      text: 'Haan, bhejiye',
      choiceId: 'order_confirm',
      attachments: [
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME1', contentType: 'image/jpeg' },
        { url: 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM/Media/ME2', contentType: 'application/pdf' },
      ],
      receivedAt: expect.any(Date),
    });
    expect(message.receivedAt.getTime()).toBeGreaterThanOrEqual(before);
  });

  it('reads a shared location', () => {
    const params = whatsappInboundParams({
      from: USER,
      to: SENDER,
      body: '',
      accountSid: ACCOUNT_SID,
      location: { latitude: 23.8388, longitude: 78.7378, address: 'Katra Bazaar, Sagar', label: 'Dukan' },
    });
    const message = channel.parseInbound({ url: WEBHOOK_URL, headers: {}, body: params });
    expect(message.location).toEqual({
      latitude: 23.8388,
      longitude: 78.7378,
      address: 'Katra Bazaar, Sagar',
      label: 'Dukan',
    });
    expect(message.attachments).toEqual([]);
    expect(message.choiceId).toBeUndefined();
  });

  it('throws InvalidInboundError without MessageSid or From, or with a malformed address', () => {
    const params = whatsappInboundParams({ from: USER, to: SENDER, body: 'x', accountSid: ACCOUNT_SID });
    const parse = (body: Record<string, unknown>) => () =>
      channel.parseInbound({ url: WEBHOOK_URL, headers: {}, body });
    const { MessageSid: _sid, ...withoutSid } = params;
    const { From: _from, ...withoutFrom } = params;
    expect(parse(withoutSid)).toThrow(InvalidInboundError);
    expect(parse(withoutFrom)).toThrow(InvalidInboundError);
    expect(parse({ ...params, From: 'whatsapp:12345' })).toThrow(InvalidInboundError);
    expect(parse({ ...params, Latitude: 'north' })).toThrow(InvalidInboundError);
  });
});

describe('parseStatus', () => {
  const status = (body: Record<string, unknown>) => channel.parseStatus({ url: WEBHOOK_URL, headers: {}, body });

  it('reads MessageStatus, falls back to SmsStatus and keeps ErrorCode', () => {
    expect(status({ MessageSid: 'SM1', MessageStatus: 'undelivered', ErrorCode: '63016' })).toMatchObject({
      providerId: 'SM1',
      status: 'undelivered',
      errorCode: 63016,
    });
    expect(status({ MessageSid: 'SM1', SmsStatus: 'delivered' })).toMatchObject({ status: 'delivered' });
    expect(status({ MessageSid: 'SM1', MessageStatus: 'accepted' }).status).toBe('queued');
    expect(status({ MessageSid: 'SM1', MessageStatus: 'sent' }).reference).toBeUndefined();
  });

  it('reads our reference from the callback URL', () => {
    const update = channel.parseStatus({
      url: 'https://bot.example.in/webhooks/whatsapp/status?ref=out-whatsapp_SM9-%2B91-2',
      headers: {},
      body: { MessageSid: 'SM9', MessageStatus: 'delivered' },
    });
    expect(update).toMatchObject({ providerId: 'SM9', reference: 'out-whatsapp_SM9-+91-2', status: 'delivered' });
  });

  it('refuses callbacks it cannot place', () => {
    expect(() => status({ MessageStatus: 'sent' })).toThrow(InvalidInboundError);
    expect(() => status({ MessageSid: 'SM1' })).toThrow(InvalidInboundError);
    expect(() => status({ MessageSid: 'SM1', MessageStatus: 'received' })).toThrow(InvalidInboundError);
  });
});

describe('http client helpers', () => {
  it('moves any *.twilio.com URL under the base URL, keeping path and query', () => {
    const base = new URL('http://127.0.0.1:4010/prefix/');
    expect(redirectTwilioUrl('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?x=1', base).href).toBe(
      'http://127.0.0.1:4010/prefix/2010-04-01/Accounts/AC1/Messages.json?x=1',
    );
    expect(redirectTwilioUrl('https://api.dublin.ie1.twilio.com/v1/x', base).href).toBe(
      'http://127.0.0.1:4010/prefix/v1/x',
    );
    expect(redirectTwilioUrl('https://example.com/v1/x', base).href).toBe('https://example.com/v1/x');
  });

  it('form-encodes arrays as repeated keys, as the SDK does', () => {
    expect(encodeForm({ To: 'whatsapp:+91 98', MediaUrl: ['a', 'b'], Skip: undefined })).toBe(
      'To=whatsapp%3A%2B91+98&MediaUrl=a&MediaUrl=b',
    );
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

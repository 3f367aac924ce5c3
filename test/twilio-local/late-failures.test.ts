/**
 * Late failures of the local Twilio server: a create that Twilio accepts (201) and whose status callbacks then end
 * in `failed` or `undelivered` with an `ErrorCode`, as most WhatsApp failures arrive.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedirectingHttpClient } from '../../src/channels/twilio/http-client.js';
import { startTwilioLocal, type TwilioLocal } from '../../scripts/twilio-local/server.js';

const ACCOUNT_SID = `AC${'b2'.repeat(16)}`;
const AUTH_TOKEN = 'local-auth-token-late';
const SENDER = 'whatsapp:+14155238886';
const USER = 'whatsapp:+919812345678';
const OTHER_USER = 'whatsapp:+919800000000';
const CALLBACK_DELAY_MS = 5;
// Long enough for any callback that would follow the last one (delivered, read) to have arrived.
const QUIET_MS = CALLBACK_DELAY_MS * 20;

interface ReceivedCallback {
  params: Record<string, string>;
  signatureValid: boolean;
}

let local: TwilioLocal;
let receiver: Server;
let callbackUrl: string;
const received: ReceivedCallback[] = [];
// The HTTP status of the SDK's last API call, as the project's http client saw it.
let lastStatusCode: number | undefined;

/** A stand-in for the bot's status-callback route: records each callback and whether its signature checks out. */
function startReceiver(): Promise<Server> {
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(body));
      const header = request.headers['x-twilio-signature'];
      const signature = (Array.isArray(header) ? header[0] : header) ?? '';
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${request.url ?? '/'}`;
      received.push({ params, signatureValid: twilio.validateRequest(AUTH_TOKEN, signature, url, params) });
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  local = await startTwilioLocal({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    callbackDelayMs: CALLBACK_DELAY_MS,
  });
  receiver = await startReceiver();
  callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/twilio/status?shop=sagar`;
});
afterAll(async () => {
  await local.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});
afterEach(() => {
  local.clear();
  received.length = 0;
});

function sdkClient() {
  const httpClient = new RedirectingHttpClient({
    baseUrl: local.url,
    onResponse: (response) => {
      lastStatusCode = response.statusCode;
    },
  });
  return twilio(ACCOUNT_SID, AUTH_TOKEN, { httpClient });
}

function send(to = USER, body = 'Namaste') {
  return sdkClient().messages.create({ from: SENDER, to, body, statusCallback: callbackUrl });
}

function callbacksFor(sid: string): ReceivedCallback[] {
  return received.filter((callback) => callback.params.MessageSid === sid);
}

/** The statuses posted for `sid`, once `last` has arrived and nothing more followed for a while. */
async function settledStatuses(sid: string, last: string): Promise<string[]> {
  await expect
    .poll(() => callbacksFor(sid).map((callback) => callback.params.MessageStatus), { timeout: 3_000 })
    .toContain(last);
  await delay(QUIET_MS);
  return callbacksFor(sid).map((callback) => callback.params.MessageStatus ?? '');
}

function postControl(body: unknown) {
  return fetch(`${local.url}/_local/fail`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('failAfterAccept', () => {
  it('accepts the create with 201 and ends its signed callbacks with undelivered and the ErrorCode', async () => {
    local.failAfterAccept(USER, { code: 63016 });
    const created = await send();

    // The create looked like any other: the failure is not the create's.
    expect(lastStatusCode).toBe(201);
    expect(created.status).toBe('queued');
    expect(created.errorCode).toBeNull();
    expect(local.messages).toEqual([expect.objectContaining({ sid: created.sid, to: USER, failedWith: 63016 })]);

    expect(await settledStatuses(created.sid, 'undelivered')).toEqual(['queued', 'sent', 'undelivered']);
    const callbacks = callbacksFor(created.sid);
    for (const callback of callbacks) expect(callback.signatureValid).toBe(true);
    expect(callbacks.at(-1)?.params).toMatchObject({
      MessageStatus: 'undelivered',
      SmsStatus: 'undelivered',
      ErrorCode: '63016',
      ErrorMessage: 'Failed to send freeform message because you are outside the allowed window.',
      ChannelStatusMessage: 'Failed to send freeform message because you are outside the allowed window.',
      ChannelPrefix: 'whatsapp',
      AccountSid: ACCOUNT_SID,
      To: USER,
      From: SENDER,
    });
    // The statuses before the failure carry no error.
    for (const callback of callbacks.slice(0, -1)) expect(callback.params.ErrorCode).toBeUndefined();
  });

  it("goes straight from queued to failed when status is 'failed', with the given message", async () => {
    local.failAfterAccept('+919812345678', { code: 63003, status: 'failed', message: 'Not a WhatsApp user' });
    const created = await send();

    expect(await settledStatuses(created.sid, 'failed')).toEqual(['queued', 'failed']);
    const last = callbacksFor(created.sid).at(-1);
    expect(last?.signatureValid).toBe(true);
    expect(last?.params).toMatchObject({
      ErrorCode: '63003',
      ErrorMessage: 'Not a WhatsApp user',
      ChannelStatusMessage: 'Not a WhatsApp user',
    });
  });

  it('honours times: the next create to the number is delivered normally, other numbers never fail', async () => {
    // A bare +E164 rule matches creates to 'whatsapp:+E164'.
    local.failAfterAccept('+919812345678', { code: 30001, times: 2 });
    const first = await send(USER, 'one');
    const second = await send(USER, 'two');
    const third = await send(USER, 'three');
    const other = await send(OTHER_USER, 'other');

    expect(local.messages.map((message) => message.failedWith)).toEqual([30001, 30001, undefined, undefined]);
    for (const failing of [first, second]) {
      expect(await settledStatuses(failing.sid, 'undelivered')).toEqual(['queued', 'sent', 'undelivered']);
      expect(callbacksFor(failing.sid).at(-1)?.params.ErrorCode).toBe('30001');
    }
    for (const delivered of [third, other]) {
      expect(await settledStatuses(delivered.sid, 'read')).toEqual(['queued', 'sent', 'delivered', 'read']);
      expect(callbacksFor(delivered.sid).some((callback) => 'ErrorCode' in callback.params)).toBe(false);
    }
    expect(received.every((callback) => callback.signatureValid)).toBe(true);
  });

  it('lets an immediate failure rule decide first, without using up the late one', async () => {
    local.failNext(USER, { code: 20429, status: 429 });
    local.failAfterAccept(USER, { code: 63018 });

    await expect(send()).rejects.toMatchObject({ status: 429, code: 20429 });
    const created = await send();
    expect(await settledStatuses(created.sid, 'undelivered')).toEqual(['queued', 'sent', 'undelivered']);
    expect(callbacksFor(created.sid).at(-1)?.params.ErrorCode).toBe('63018');
  });

  it('uses up the rule even when the create asks for no status callback', async () => {
    local.failAfterAccept(USER, { code: 63016 });
    await sdkClient().messages.create({ from: SENDER, to: USER, body: 'no callback' });
    const next = await send();
    expect(local.messages.map((message) => message.failedWith)).toEqual([63016, undefined]);
    expect(await settledStatuses(next.sid, 'read')).toEqual(['queued', 'sent', 'delivered', 'read']);
  });
});

describe('failAlwaysAfterAccept', () => {
  it('fails every create to a number that is not on WhatsApp until clear()', async () => {
    local.failAlwaysAfterAccept(USER, { code: 63003, status: 'failed' });
    const sids: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) sids.push((await send()).sid);
    for (const sid of sids) {
      expect(await settledStatuses(sid, 'failed')).toEqual(['queued', 'failed']);
      expect(callbacksFor(sid).at(-1)?.params.ErrorCode).toBe('63003');
    }

    local.clear();
    const afterClear = await send();
    expect(await settledStatuses(afterClear.sid, 'read')).toEqual(['queued', 'sent', 'delivered', 'read']);
    expect(local.messages.map((message) => [message.sid, message.failedWith])).toEqual([[afterClear.sid, undefined]]);
  });
});

describe('clear()', () => {
  it('forgets a pending late-failure rule', async () => {
    local.failAfterAccept(USER, { code: 63016, times: 5 });
    local.clear();
    const created = await send();
    expect(await settledStatuses(created.sid, 'read')).toEqual(['queued', 'sent', 'delivered', 'read']);
    expect(local.messages[0]?.failedWith).toBeUndefined();
  });
});

describe('control API: POST /_local/fail with after: accept', () => {
  it('makes the next create fail late, then accepts normally', async () => {
    const response = await postControl({ to: USER, after: 'accept', code: 63024, status: 'failed' });
    expect(response.status).toBe(204);

    const failing = await send();
    const delivered = await send();
    expect(await settledStatuses(failing.sid, 'failed')).toEqual(['queued', 'failed']);
    expect(callbacksFor(failing.sid).at(-1)?.params).toMatchObject({
      ErrorCode: '63024',
      ChannelStatusMessage: 'Invalid message recipient',
    });
    expect(await settledStatuses(delivered.sid, 'read')).toEqual(['queued', 'sent', 'delivered', 'read']);

    const listed = (await (await fetch(`${local.url}/_local/messages`)).json()) as Array<Record<string, unknown>>;
    expect(listed.map((message) => message.failedWith)).toEqual([63024, undefined]);
  });

  it('takes times and always, defaulting to undelivered', async () => {
    expect((await postControl({ to: '+919812345678', after: 'accept', code: 30001, times: 2 })).status).toBe(204);
    expect((await postControl({ to: OTHER_USER, after: 'accept', code: 63003, always: true })).status).toBe(204);

    for (let attempt = 0; attempt < 3; attempt += 1) {
      await send(USER);
      await send(OTHER_USER);
    }
    const byNumber = (to: string) => local.messages.filter((m) => m.to === to).map((m) => m.failedWith);
    expect(byNumber(USER)).toEqual([30001, 30001, undefined]);
    expect(byNumber(OTHER_USER)).toEqual([63003, 63003, 63003]);
    const first = local.messages[0];
    expect(await settledStatuses(first?.sid ?? '', 'undelivered')).toEqual(['queued', 'sent', 'undelivered']);

    // DELETE /_local/messages is the route's clear(): it forgets the always rule too.
    expect((await fetch(`${local.url}/_local/messages`, { method: 'DELETE' })).status).toBe(204);
    await send(OTHER_USER);
    expect(local.messages[0]?.failedWith).toBeUndefined();
  });

  it('refuses malformed late-failure rules', async () => {
    const refusals = [
      { to: USER, after: 'accept', code: 63016, status: 400 },
      { to: USER, after: 'accept', code: 63016, status: 'delivered' },
      { to: USER, after: 'accept', code: 63016, retryAfterSeconds: 3 },
      { to: USER, after: 'later', code: 63016, status: 400 },
      { to: USER, after: 'accept' },
    ];
    for (const body of refusals) {
      const response = await postControl(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toEqual({ error: expect.any(String) });
    }
    // The immediate form still works as before, with or without an explicit after: 'create'.
    expect((await postControl({ to: USER, after: 'create', code: 21211, status: 400 })).status).toBe(204);
    await expect(send()).rejects.toMatchObject({ status: 400, code: 21211 });
  });
});

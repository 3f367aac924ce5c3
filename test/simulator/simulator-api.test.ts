import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../../src/channels/simulator/simulator-transcript.js';
import { startTestBot, type TestBot } from '../support/bot.js';

/** The simulator's event stream as the page reads it; `next` waits for the first entry (new or past) that matches. */
interface EventStream {
  next(match: (entry: TranscriptEntry) => boolean, timeoutMs?: number): Promise<TranscriptEntry>;
  close(): void;
}

async function openEvents(baseUrl: string): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/simulator/api/events`, { signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const entries: TranscriptEntry[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => {
    connected = resolve;
  });
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (event.startsWith(': connected')) connected();
          for (const line of event.split('\n')) {
            if (line.startsWith('data: ')) entries.push(JSON.parse(line.slice(6)) as TranscriptEntry);
          }
          for (const wake of waiters) wake();
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  // The server subscribes before it answers; the comment it writes first says the stream is live.
  await ready;
  return {
    next(match, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = entries.find(match);
          if (!found) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no matching simulator event within ${timeoutMs} ms; got ${JSON.stringify(entries)}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}

describe('simulator API', () => {
  let bot: TestBot;
  let base: string;
  let events: EventStream;
  beforeAll(async () => {
    bot = await startTestBot();
    base = bot.runtime.url!;
    events = await openEvents(base);
  });
  afterAll(async () => {
    events?.close();
    await bot?.stop();
  });

  const post = (body: unknown) =>
    fetch(`${base}/simulator/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const chat = async (phone: string) => {
    const response = await fetch(`${base}/simulator/api/chats/${encodeURIComponent(phone)}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { entries: TranscriptEntry[] }).entries;
  };

  it('serves the page, its script and its stylesheet with the right content types', async () => {
    const page = await fetch(`${base}/simulator`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/i);
    const html = await page.text();
    expect(html).toContain('src="/simulator/assets/simulator.js"');
    expect(html).toContain('href="/simulator/assets/simulator.css"');
    expect(html).toContain('संदेश लिखें / Type a message');

    const script = await fetch(`${base}/simulator/assets/simulator.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(await script.text()).toContain('new EventSource(');

    const style = await fetch(`${base}/simulator/assets/simulator.css`);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);

    expect((await fetch(`${base}/simulator/assets/missing.js`)).status).toBe(404);
  });

  it('accepts a message and streams the bot’s replies, which the chat then holds in order', async () => {
    const phone = '+919800000101';
    const response = await post({ from: phone, text: 'नमस्ते' });
    expect(response.status).toBe(202);
    const { id, at } = (await response.json()) as { id: string; at: string };
    expect(id).toMatch(/^SMI[0-9a-f]{32}$/);
    expect(new Date(at).toISOString()).toBe(at);

    const inbound = await events.next((entry) => entry.id === id);
    expect(inbound).toMatchObject({ phone, direction: 'in', text: 'नमस्ते', at });
    const question = await events.next((entry) => entry.phone === phone && entry.text.includes('अपनी भाषा चुनें'));
    expect(question.direction).toBe('out');
    expect(question.choices?.map((choice) => [choice.id, choice.title])).toEqual([
      ['hi', 'हिन्दी'],
      ['en', 'English (अंग्रेज़ी)'],
    ]);

    const entries = await chat(phone);
    expect(entries.map((entry) => [entry.direction, entry.text.split('\n')[0]])).toEqual([
      ['in', 'नमस्ते'],
      ['out', expect.stringContaining('नमस्ते! मैं निर्यात सेतु हूँ')],
      ['out', 'अपनी भाषा चुनें / Choose your language:'],
    ]);
  });

  it('treats a tapped choice by its id and answers with the main menu as a list', async () => {
    const phone = '+919800000102';
    await post({ from: phone, text: 'hi' });
    await events.next((entry) => entry.phone === phone && entry.choices?.[0]?.id === 'hi');

    // The title alone would not say "English"; the choice id does.
    const response = await post({ from: phone, text: 'हिन्दी', choiceId: 'en' });
    expect(response.status).toBe(202);
    const menu = await events.next((entry) => entry.phone === phone && entry.text.startsWith('Main menu'));
    expect(menu.choices).toHaveLength(8);
    expect(menu.choices?.[0]).toEqual({
      id: 'seller',
      title: 'Seller: register / profile',
      description: 'Register your business and products',
    });
    expect(menu.choices?.[1]).toEqual({ id: 'help', title: 'Help and commands', description: 'How the bot works' });
  });

  it('keeps each phone’s chat to itself and forgets it on DELETE', async () => {
    const phone = '+919800000103';
    const { id } = (await (await post({ from: phone, text: 'hi' })).json()) as { id: string };
    await events.next((entry) => entry.phone === phone && entry.direction === 'out' && entry.choices !== undefined);
    const entries = await chat(phone);
    expect(entries[0]?.id).toBe(id);
    expect(entries.every((entry) => entry.phone === phone)).toBe(true);

    const deleted = await fetch(`${base}/simulator/api/chats/${encodeURIComponent(phone)}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await chat(phone)).toEqual([]);
  });

  it.each([
    ['no number', { text: 'hi' }],
    ['a number without +', { from: '919800000001', text: 'hi' }],
    ['a number starting with 0', { from: '+0919800000', text: 'hi' }],
    ['letters', { from: '+91abcdefghij', text: 'hi' }],
    ['a number too short', { from: '+91980', text: 'hi' }],
  ])('rejects %s with 400 and says what a phone number looks like', async (_case, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_message',
      detail: expect.stringContaining('from must be a phone number like +919812345678'),
    });
  });

  it.each([
    ['missing', { from: '+919800000104' }],
    ['empty', { from: '+919800000104', text: '' }],
    ['only spaces', { from: '+919800000104', text: '   \n' }],
  ])('rejects %s text with 400', async (_case, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid_message',
      detail: expect.stringContaining('text is required'),
    });
    expect(await chat('+919800000104')).toEqual([]);
  });

  it('rejects a body that is not JSON with 400', async () => {
    const response = await fetch(`${base}/simulator/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"from": "+9198',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'bad_request' });
  });
});

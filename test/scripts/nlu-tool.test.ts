/**
 * The `nlu` tool's contract, which other tools depend on: one JSON object per input line, these keys in this order,
 * null for what was not found, and nothing else on standard output.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function runNlu(input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'nlu'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

describe('npm run --silent nlu', () => {
  it('prints one JSON object per line, in the stable format', async () => {
    const { stdout, code } = await runNlu(
      [
        'mujhe 50 ton sela chawal chahiye dubai ke liye',
        'सोया खली 200 टन CNF चटगांव, $480 PMT, जनवरी तक',
        'packing credit kya hai?',
        'STOP',
        'mere timer ko roko',
      ].join('\n'),
    );
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const [inquiry, hindi, faq, stop, lookAlike] = lines.map((line) => JSON.parse(line));

    expect(Object.keys(inquiry)).toEqual(['text', 'lang', 'intent', 'confidence', 'inquiry', 'faq']);
    expect(inquiry.faq).toBeNull();
    expect(Object.keys(inquiry.inquiry)).toEqual([
      'product',
      'quantity',
      'destination',
      'incoterm',
      'price',
      'deliveryBy',
    ]);
    expect(inquiry).toMatchObject({
      text: 'mujhe 50 ton sela chawal chahiye dubai ke liye',
      lang: 'hinglish',
      intent: 'post_inquiry',
      inquiry: {
        product: { id: 'parboiled_rice', category: 'rice' },
        quantity: { value: 50, unit: 'MT', kg: 50_000 },
        destination: { country: 'AE' },
        incoterm: null,
        price: null,
        deliveryBy: null,
      },
    });
    expect(inquiry.confidence).toBeGreaterThan(0.5);
    expect(inquiry.confidence).toBeLessThanOrEqual(1);

    expect(hindi).toMatchObject({
      lang: 'hi',
      intent: 'post_inquiry',
      inquiry: {
        product: { id: 'soybean_meal', category: 'soybean-meal' },
        quantity: { value: 200, unit: 'MT', kg: 200_000 },
        destination: { country: 'BD' },
        incoterm: 'CFR',
        price: { amount: 480, currency: 'USD', per: 'MT' },
      },
    });
    expect(hindi.inquiry.deliveryBy).toMatch(/^\d{4}-01-31$/);

    expect(faq).toEqual({
      text: 'packing credit kya hai?',
      lang: 'hinglish',
      intent: 'faq',
      confidence: faq.confidence,
      inquiry: null,
      // The entry the bot answers with.
      faq: { id: 'packing-credit', topic: 'export-finance', confidence: faq.faq.confidence },
    });
    expect(faq.faq.confidence).toBeGreaterThanOrEqual(0.3);
    expect(stop).toEqual({ text: 'STOP', lang: 'en', intent: 'stop', confidence: 1, inquiry: null, faq: null });
    expect(lookAlike.intent).not.toBe('stop');
  }, 60_000);
});

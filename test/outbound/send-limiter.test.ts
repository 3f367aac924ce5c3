/** The send worker's limiter windows: no sliding second above the rate, the windows long enough to keep most of it. */
import { describe, expect, it } from 'vitest';
import { sendLimiter } from '../../src/outbound/send-worker.js';

/** The most jobs any one second can start: every window it touches (the first and last in part), each full. */
const busiestSecond = ({ max, duration }: { max: number; duration: number }) => max * (Math.ceil(1_000 / duration) + 1);

describe('sendLimiter', () => {
  it.each([2, 3, 5, 10, 20, 30, 40, 60, 80, 100, 150, 200, 400])('at %i/s never lets a second go above it', (rate) => {
    expect(busiestSecond(sendLimiter(rate))).toBeLessThanOrEqual(rate);
  });

  it.each([20, 40, 80, 100, 200, 400])('at %i/s keeps over 85% of the rate before the windows’ own cost', (rate) => {
    const { max, duration } = sendLimiter(rate);
    expect((1_000 * max) / duration).toBeGreaterThan(0.85 * rate);
  });

  it('gives Twilio’s default WhatsApp rate 8 jobs per 112 ms', () => {
    expect(sendLimiter(80)).toEqual({ max: 8, duration: 112 });
  });
});

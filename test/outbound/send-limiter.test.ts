/** The send worker's limiter windows: every sliding second within the rate, the average close to it. */
import { describe, expect, it } from 'vitest';
import { sendLimiter } from '../../src/outbound/send-worker.js';

/** The most jobs any one second can start: the windows it touches, each full. */
const busiestSecond = ({ max, duration }: { max: number; duration: number }) =>
  max * (Math.floor(1_000 / duration) + 1);
const average = ({ max, duration }: { max: number; duration: number }) => (1_000 * max) / duration;

describe('sendLimiter', () => {
  it.each([40, 60, 80, 100, 200, 400])('at %i/s never lets a second go above the rate, and keeps 95% of it', (rate) => {
    const limiter = sendLimiter(rate);
    expect(busiestSecond(limiter)).toBeLessThanOrEqual(rate);
    expect(average(limiter)).toBeGreaterThanOrEqual(0.95 * rate);
  });

  it('gives Twilio’s default WhatsApp rate two jobs per 26 ms', () => {
    expect(sendLimiter(80)).toEqual({ max: 2, duration: 26 });
  });

  it.each([1, 2, 5, 10, 20, 30])('at a low rate (%i/s) keeps the average, a second seeing at most one more', (rate) => {
    const limiter = sendLimiter(rate);
    expect(average(limiter)).toBeGreaterThanOrEqual(0.95 * rate);
    expect(busiestSecond(limiter)).toBeLessThanOrEqual(rate + 1);
  });
});

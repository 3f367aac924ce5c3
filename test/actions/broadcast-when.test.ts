/** How officers write when a broadcast should go, read in India's time. */
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/actions/broadcast-when.js';

// 30 November 2026, 10:00 in India (04:30 UTC).
const NOW = new Date('2026-11-30T04:30:00Z');

describe('parseWhen', () => {
  it.each(['now', 'abhi', 'अभी', 'Turant'])('reads %s as now', (text) => {
    expect(parseWhen(text, NOW)?.schedule).toEqual({ kind: 'now' });
  });

  it.each([
    ['5/12 10:00', '2026-12-05T04:30:00.000Z'],
    ['05-12-2026 10:30', '2026-12-05T05:00:00.000Z'],
    ['2026-12-05 16:00', '2026-12-05T10:30:00.000Z'],
    ['5/12 4 pm', '2026-12-05T10:30:00.000Z'],
    ['5.12.26 9 baje', '2026-12-05T03:30:00.000Z'],
    ['30/11 11:00', '2026-11-30T05:30:00.000Z'],
  ])('reads %s as a time in India', (text, utc) => {
    const parsed = parseWhen(text, NOW);
    expect(parsed?.schedule.kind).toBe('at');
    expect(parsed?.schedule.kind === 'at' && parsed.schedule.at.toISOString()).toBe(utc);
  });

  it('says the date and time back as written in each language', () => {
    expect(parseWhen('5/12 10:00', NOW)?.label).toEqual({ hi: '5/12/2026 को 10:00 बजे', en: 'on 5/12/2026 at 10:00' });
  });

  it.each([
    ['daily 9:00', '0 9 * * *', 'रोज़ 9:00 बजे', 'every day at 9:00'],
    ['roz 9 baje', '0 9 * * *', 'रोज़ 9:00 बजे', 'every day at 9:00'],
    ['रोज़ 18:30', '30 18 * * *', 'रोज़ 18:30 बजे', 'every day at 18:30'],
    ['every monday 10:00', '0 10 * * 1', 'हर सोमवार 10:00 बजे', 'every Monday at 10:00'],
    ['har shukravar 11', '0 11 * * 5', 'हर शुक्रवार 11:00 बजे', 'every Friday at 11:00'],
    ['हर रविवार 8:15', '15 8 * * 0', 'हर रविवार 8:15 बजे', 'every Sunday at 8:15'],
  ])('reads %s as a recurring schedule', (text, cron, hi, en) => {
    expect(parseWhen(text, NOW)).toEqual({ schedule: { kind: 'recurring', cron }, label: { hi, en } });
  });

  it.each(['kal subah', '30/11 9:00', '32/12 10:00', '5/13 10:00', '5/12 25:00', 'every someday 10:00', ''])(
    'does not read %s (unclear, impossible or past)',
    (text) => {
      expect(parseWhen(text, NOW)).toBeUndefined();
    },
  );
});

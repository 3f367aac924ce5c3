/**
 * The understanding goals on the held-out labelled sets (test/fixtures/nlu/, never used for training). The figures
 * per language are in the README (`npm run nlu:eval` prints them with the mistakes that remain).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type EvalReport, evaluate, share } from '../../scripts/lib/nlu-eval.js';
import { loadUnderstander } from '../../src/understanding.js';

describe('understanding on the labelled sets', () => {
  let report: EvalReport;
  beforeAll(() => {
    report = evaluate(loadUnderstander());
  });

  it('has at least 200 labelled inquiries and 200 intent examples, about a third per language', () => {
    expect(report.intents.overall.total).toBeGreaterThanOrEqual(200);
    expect(report.inquiries.byField.product.total).toBeGreaterThanOrEqual(200);
    for (const lang of ['hi', 'hinglish', 'en']) {
      expect(report.intents.byLang[lang]?.total).toBeGreaterThanOrEqual(60);
      expect(report.inquiries.byField.product.byLang[lang]?.total).toBeGreaterThanOrEqual(60);
    }
  });

  it('reads intents right at least 95% of the time, and never an ordinary message as stop or start', () => {
    expect(report.intents.falseOptOuts).toEqual([]);
    expect(share(report.intents.overall)).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    ['category', 0.97],
    ['quantity', 0.95],
    ['destination', 0.95],
    ['incoterm', 0.97],
  ] as const)('extracts the %s right at least %s of the time', (field, goal) => {
    expect(share(report.inquiries.byField[field])).toBeGreaterThanOrEqual(goal);
  });
});

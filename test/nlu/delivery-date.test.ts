import { describe, expect, it } from 'vitest';
import { readDeliveryBy } from '../../src/nlu/delivery-date.js';

// Monday 30 November 2026, 10:00 in India.
const now = new Date('2026-11-30T10:00:00+05:30');
const by = (text: string, at: Date = now) => readDeliveryBy(text, at);

describe('readDeliveryBy', () => {
  it.each<[string, string]>([
    // A day and a month: the next such date.
    ['by 15 Jan', '2027-01-15'],
    ['delivery by 15th January', '2027-01-15'],
    ['Jan 15', '2027-01-15'],
    ['15 dec tak', '2026-12-15'],
    ['by 30 nov', '2026-11-30'],
    ['15 जनवरी तक', '2027-01-15'],
    ['15th of January 2028', '2028-01-15'],
    ['by 30th December', '2026-12-30'],
    ['15 तारीख तक', '2026-12-15'],
    // A span from today.
    ['within 30 days', '2026-12-30'],
    ['30 din mein', '2026-12-30'],
    ['30 दिन में', '2026-12-30'],
    ['within 2 weeks', '2026-12-14'],
    ['do hafte mein', '2026-12-14'],
    ['2 हफ्ते में', '2026-12-14'],
    ['within a week', '2026-12-07'],
    ['30 din se pehle', '2026-12-30'],
    ['15 दिन के अंदर', '2026-12-15'],
    ['ek mahine mein', '2026-12-30'],
    ['delivery in 45 days', '2027-01-14'],
    // Next month, this month, next week.
    ['next month', '2026-12-31'],
    ['agle mahine', '2026-12-31'],
    ['अगले महीने तक', '2026-12-31'],
    ['is mahine', '2026-11-30'],
    ['next week', '2026-12-13'],
    // A month: its last day, in the next such month.
    ['by March', '2027-03-31'],
    ['March shipment', '2027-03-31'],
    ['मार्च तक', '2027-03-31'],
    ['जनवरी तक', '2027-01-31'],
    ['by February', '2027-02-28'],
    ['November shipment', '2026-11-30'],
    ['December end', '2026-12-31'],
    ['दिसंबर के अंत तक', '2026-12-31'],
    ['end of December', '2026-12-31'],
    ['mid January', '2027-01-15'],
    ['first week of March', '2027-03-07'],
    ['March 2028', '2028-03-31'],
    ['by May', '2027-05-31'],
    ['May end tak', '2027-05-31'],
    // In digits, day first.
    ['15/01/2027', '2027-01-15'],
    ['15-01-27', '2027-01-15'],
    ['15.01.2027', '2027-01-15'],
    ['2027-02-10', '2027-02-10'],
    // The latest date named is the deadline.
    ['sample in 7 days, bulk by March', '2027-03-31'],
    ['Jan-Feb shipment', '2027-02-28'],
  ])('%s → %s', (text, date) => {
    expect(by(text)).toBe(date);
  });

  it('counts from the date in India, not in UTC', () => {
    // 20:00 UTC on 31 December is already 1 January in India.
    const newYear = new Date('2026-12-31T20:00:00Z');
    expect(by('within 10 days', newYear)).toBe('2027-01-11');
    expect(by('by 15 Jan', newYear)).toBe('2027-01-15');
    expect(by('December end', newYear)).toBe('2027-12-31');
    expect(by('next month', newYear)).toBe('2027-02-28');
  });

  it('ends a month-long span on the last day of a shorter month', () => {
    expect(by('within 1 month', new Date('2027-01-31T10:00:00+05:30'))).toBe('2027-02-28');
  });

  it.each([
    // Urgency sets no date.
    'urgent',
    'ASAP',
    'jaldi chahiye',
    'तुरंत चाहिए',
    // Spans of payment or validity are not deliveries.
    'payment 30 days credit',
    'LC 90 days',
    '30 din ka udhar',
    'payment within 15 days',
    'validity 7 days',
    // Time gone by.
    '2 din pehle order kiya',
    '6 mahine se kaam kar rahe hain',
    // "may" and "mai" are words before they are months.
    'we may need 50 MT',
    'mai 50 ton lunga',
    // Figures that are not dates.
    '20 ton',
    '₹3200/qtl',
    '32/64',
    '',
  ])('%s → null', (text) => {
    expect(by(text)).toBeNull();
  });

  it('keeps the delivery span apart from a payment span', () => {
    expect(by('delivery within 30 days, payment LC 90 days')).toBe('2026-12-30');
    expect(by('30 days credit, delivery in 2 weeks')).toBe('2026-12-14');
  });
});

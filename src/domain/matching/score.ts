/**
 * How well one seller fits one inquiry, as points out of 100 with the reasons an officer reads. Pure: the same
 * needs, profile and stats always give the same score.
 */
import type { InquiryNeeds, SellerMatchProfile, SellerMatchStats } from './match-profile.js';
import {
  capacityEnoughReason,
  capacityPartReason,
  capacityStatedReason,
  capacityUnknownReason,
  certificateHeldReason,
  certificatesMissingReason,
  exactProductReason,
  experienceReason,
  type MatchReason,
  responsesReason,
  sameCategoryReason,
} from './match-reasons.js';

// The weights, in points; a perfect seller scores 100. The product comes first: a buyer who asks for parboiled rice
// wants parboiled rice. The 30 points between making the very product and only its kind are more than any other
// single factor gives, so a same-kind seller outranks an exact one only by being better on several counts at once
// (a basmati miller with the capacity, the certificates and export experience, against a parboiled miller with
// none), and never when they are otherwise equal.
export const EXACT_PRODUCT_POINTS = 50;
export const SAME_CATEGORY_POINTS = 20;
// Whether they can make the quantity: the next thing a buyer asks, and the commonest reason a lead goes nowhere.
export const CAPACITY_POINTS = 15;
// The certificates the buyer asked for, shared out among them: a shipment of food without the FSSAI licence asked
// for cannot leave, but a seller can often get one in time, so they weigh less than the product.
export const CERTIFICATION_POINTS = 15;
// Direct exporters know the paperwork; sellers who sold through a merchant half-know it.
export const EXPORT_EXPERIENCE_POINTS = 10;
// Sellers who leave alerts unanswered, or answer late, make leads that go nowhere: they lose up to 10 points. The
// factor only takes away. A seller never alerted keeps full credit, and so does one with a good record: were a good
// record worth more than no record, the first sellers alerted (and answering) would rise above everyone not yet
// alerted and be sent every later inquiry, and the others would never get the chance to answer one.
export const RESPONSE_RATE_POINTS = 7;
export const RESPONSE_SPEED_POINTS = 3;

// A seller whose capacity is not stated may make any amount; half-way between nothing and enough would reward not
// saying, so it gets less than that (about a third of the asked quantity's worth).
export const UNKNOWN_CAPACITY_SHARE = 0.3;
const EXPERIENCE_SHARE = { none: 0, indirect: 0.5, direct: 1 } as const;

// A seller who answers half the alerts they get keeps the whole reply credit: not every inquiry suits every mill.
// The rate is smoothed as if every seller had already answered 2 of 4 alerts: one unanswered alert (a seller
// travelling for a day) costs a little, a habit costs a lot, and a seller never alerted stands exactly at 50%.
const EXPECTED_RESPONSE_RATE = 0.5;
const PRIOR_ALERTS = 4;
// Replies within 4 hours keep the whole speed credit (the same working day); after two days the buyer has moved on.
// In between the credit falls with the logarithm of the wait: 8 hours is much worse than 4, 40 hardly worse than 30.
const PROMPT_REPLY_MS = 4 * 60 * 60_000;
const LATE_REPLY_MS = 48 * 60 * 60_000;

export interface SellerScore {
  /** Points out of 100, rounded to hundredths. */
  score: number;
  reasons: MatchReason[];
}

/** The seller's score for this inquiry, or null when they make neither the product nor anything of its kind. */
export function scoreSeller(
  needs: InquiryNeeds,
  profile: SellerMatchProfile,
  stats: SellerMatchStats,
): SellerScore | null {
  return scorerFor(needs).score(profile, stats);
}

/** Scores many sellers against one inquiry, working out what the inquiry asks once. */
export interface Scorer {
  score(profile: SellerMatchProfile, stats: SellerMatchStats): SellerScore | null;
  /**
   * The score alone, for ranking many candidates of whom only a few are shown: it builds no reason, and no object
   * or closure beyond one small record, so a thousand candidates cost little.
   */
  points(profile: SellerMatchProfile, stats: SellerMatchStats): number | null;
}

export function scorerFor(needs: InquiryNeeds): Scorer {
  const asked = [...new Set(needs.certifications)];
  const points = (profile: SellerMatchProfile, stats: SellerMatchStats): number | null => {
    const fit = productFit(needs, profile);
    if (fit === null) return null;
    const sum =
      (fit.exact ? EXACT_PRODUCT_POINTS : SAME_CATEGORY_POINTS) +
      capacityShare(needs.quantityKg, fit.capacityKg) * CAPACITY_POINTS +
      certificationShare(asked, profile) * CERTIFICATION_POINTS +
      EXPERIENCE_SHARE[profile.exportExperience] * EXPORT_EXPERIENCE_POINTS +
      responseRateShare(stats) * RESPONSE_RATE_POINTS +
      responseSpeedShare(stats) * RESPONSE_SPEED_POINTS;
    return Math.round(sum * 100) / 100;
  };
  return {
    points,
    score(profile, stats) {
      const score = points(profile, stats);
      const fit = productFit(needs, profile);
      if (score === null || fit === null) return null;
      const reasons = [
        fit.exact ? exactProductReason(needs.productName) : sameKindReason(needs),
        ...capacityReasons(needs.quantityKg, fit.capacityKg),
        ...certificationReasons(asked, profile),
        experienceReason(profile.exportExperience),
        responsesReason(stats),
      ];
      return { score, reasons };
    },
  };
}

interface ProductFit {
  /** Makes the very product asked for; else only a product of its category. */
  exact: boolean;
  /** The monthly capacity of the products that fit; undefined when none is stated. */
  capacityKg: number | undefined;
}

function productFit(needs: InquiryNeeds, profile: SellerMatchProfile): ProductFit | null {
  let exact = false;
  let sameKind = false;
  let exactKg: number | undefined;
  // Of several products of the kind, the one they make most of is the best guess of what they could switch to.
  let sameKindKg: number | undefined;
  for (const product of profile.products) {
    if (needs.productId !== undefined && product.productId === needs.productId) {
      exact = true;
      exactKg = larger(exactKg, product.capacityKgPerMonth);
    } else if (needs.category !== undefined && product.category === needs.category) {
      sameKind = true;
      sameKindKg = larger(sameKindKg, product.capacityKgPerMonth);
    }
  }
  if (exact) return { exact, capacityKg: exactKg };
  return sameKind ? { exact, capacityKg: sameKindKg } : null;
}

/** The larger capacity; zero or a broken figure says nothing about what they can make, so counts as not stated. */
function larger(known: number | undefined, kg: number | undefined): number | undefined {
  if (kg === undefined || !Number.isFinite(kg) || kg <= 0) return known;
  return known === undefined || kg > known ? kg : known;
}

function sameKindReason(needs: InquiryNeeds): MatchReason {
  return sameCategoryReason(needs.productId !== undefined, needs.productName);
}

/** Without a quantity there is nothing to weigh against: every seller gets the same. */
function capacityShare(quantityKg: number | undefined, capacityKg: number | undefined): number {
  if (quantityKg === undefined || quantityKg <= 0 || capacityKg === undefined) return UNKNOWN_CAPACITY_SHARE;
  // A month's capacity short of the order may still deliver it over a few months, or with others: partial credit.
  return Math.min(1, capacityKg / quantityKg);
}

function capacityReasons(quantityKg: number | undefined, capacityKg: number | undefined): MatchReason[] {
  if (quantityKg === undefined || quantityKg <= 0) {
    // The officer still sees what each can make.
    return capacityKg === undefined ? [] : [capacityStatedReason(capacityKg)];
  }
  if (capacityKg === undefined) return [capacityUnknownReason()];
  return [
    capacityKg >= quantityKg
      ? capacityEnoughReason(capacityKg, quantityKg)
      : capacityPartReason(capacityKg, quantityKg),
  ];
}

/** The share of the certificates asked for that the seller has; 0 for everyone when none was asked. */
function certificationShare(asked: readonly string[], profile: SellerMatchProfile): number {
  if (asked.length === 0) return 0;
  let held = 0;
  for (const certification of asked) if (profile.certifications.includes(certification)) held++;
  return held / asked.length;
}

function certificationReasons(asked: readonly string[], profile: SellerMatchProfile): MatchReason[] {
  const held = asked.filter((certification) => profile.certifications.includes(certification));
  const missing = asked.filter((certification) => !held.includes(certification));
  return [...held.map(certificateHeldReason), ...(missing.length > 0 ? [certificatesMissingReason(missing)] : [])];
}

/** The share of the reply-rate credit kept: 1 at a smoothed rate of 50% or more, falling to 0 at none. */
function responseRateShare({ alerts, responses }: SellerMatchStats): number {
  const smoothed = (responses + EXPECTED_RESPONSE_RATE * PRIOR_ALERTS) / (Math.max(0, alerts) + PRIOR_ALERTS);
  return clamp(smoothed / EXPECTED_RESPONSE_RATE);
}

/** The share of the speed credit kept: 1 for prompt replies and for no replies yet, 0 for replies after 2 days. */
function responseSpeedShare({ meanResponseMs }: SellerMatchStats): number {
  if (meanResponseMs === undefined || meanResponseMs <= PROMPT_REPLY_MS) return 1;
  return clamp(1 - Math.log(meanResponseMs / PROMPT_REPLY_MS) / Math.log(LATE_REPLY_MS / PROMPT_REPLY_MS));
}

function clamp(share: number): number {
  return Math.min(1, Math.max(0, share));
}

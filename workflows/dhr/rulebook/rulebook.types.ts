import type { DeadlineKind, HoldKind, HoldScope } from '@dhr/workflows/dhr/contract';
// The pure time library, imported by path: `@dhr/clocks` is the whole clocks lib
// (persistence included), which a workflow definition must not pull in.
import type { Duration, EscalationRule } from '../../../libs/clocks/src/time';

export type { Duration, EscalationRule };

/** Who a clock's reminders go to, per the table in docs/dhr-process.md ("The clocks"). */
export const CLOCK_OWNERS = [
  'csp_chair_coordinator', // decision to commission: CSP chair / coordinator
  'coordinator',
  'agency', // the agency contact of the clock's agency
  'chair_coordinator', // independent chair / coordinator
  'family_liaison',
] as const;
export type ClockOwner = (typeof CLOCK_OWNERS)[number];

export interface ClockRule {
  /**
   * Default length from the start event. Zero for `action`: an action-plan item
   * always comes with its own due date. Event payloads may give an explicit due date
   * for the kinds "set per request/review" (scoping_return, imr, family_response).
   */
  readonly length: Duration;
  readonly owner: ClockOwner;
  /** Offsets before the due time, sorted longest first (e.g. 14, 7, 1 days). */
  readonly reminders: readonly Duration[];
  readonly escalation: EscalationRule;
}

/**
 * The set of clock rules a review runs under. A review keeps the rulebook (by id) it
 * started under unless migrated; a later guidance (e.g. the 2024 DARDR draft) ships
 * as another rulebook with its own id.
 */
export interface Rulebook {
  readonly id: string;
  readonly description?: string;
  /**
   * The London time of day a deadline falls due on its date ("17:00": the end of the
   * working day). Computed deadlines of whole days and due dates given as a date use it.
   * null: a deadline falls due exactly when its length runs out (test and demo rulebooks).
   */
  readonly dueTime: string | null;
  /** The London time of day (working days only) the daily overdue digest goes out. */
  readonly digestTime: string;
  /** What a hold of each kind holds when PUT_ON_HOLD names no scope. */
  readonly holdScopes: Readonly<Record<HoldKind, HoldScope>>;
  readonly clocks: Readonly<Record<DeadlineKind, ClockRule>>;
}

/** What a RULEBOOK_FILE may contain: any subset; durations and reminder lists replace whole. */
export interface RulebookOverride {
  readonly id?: string;
  readonly description?: string;
  readonly dueTime?: string | null;
  readonly digestTime?: string;
  readonly holdScopes?: Partial<Record<HoldKind, HoldScope>>;
  readonly clocks?: Partial<
    Record<DeadlineKind, Partial<Omit<ClockRule, 'escalation'>> & { readonly escalation?: Partial<EscalationRule> }>
  >;
}

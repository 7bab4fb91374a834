import { DateTime } from 'luxon';

/** The stages in the order a review passes them (api.md): what "the date each stage was reached" lists. */
import { STAGES, type Stage } from '@dhr/workflows/dhr/contract';

export { STAGES, type Stage };

export interface ReviewRow {
  id: string;
  reference: string;
  partnershipId: string;
  partnershipName: string;
  partnershipCode: string;
  stage: string;
  notifiedAt: Date;
  victimPseudonym: string;
  perpetratorPseudonym: string | null;
  deathType: string | null;
}

export interface EventRow {
  reviewId: string;
  seq: number;
  type: string;
  occurredAt: Date;
  fromStage: string | null;
  toStage: string;
  holdKind: string | null;
  holdScope: string | null;
  reason: string | null;
  outcome: string | null;
}

export interface ActionRow {
  reviewId: string;
  id: string;
  dueAt: Date;
  status: 'open' | 'complete';
  completedAt: Date | null;
  recommendationId: string | null;
}

export interface RequestClockRow {
  reviewId: string;
  kind: 'scoping' | 'imr';
  agencyId: string | null;
  agencyName: string | null;
  startedAt: Date;
  dueAt: Date;
  metAt: Date | null;
  status: string;
}

export interface RecommendationRow {
  reviewId: string;
  id: string;
  number: number;
  scope: 'local' | 'national';
  department: string | null;
  sentOn: string | null;
  respondedOn: string | null;
}

export interface HoldSpan {
  kind: string;
  scope: string | null;
  reason: string;
  from: Date;
  until: Date | null;
}

export interface QaRound {
  submittedAt: Date;
  outcome: 'approved' | 'resubmit' | null;
  outcomeAt: Date | null;
}

/** Everything the board report and the data return say about one review, from its rows. */
export interface ReviewFacts {
  review: ReviewRow;
  /** When each stage was first reached; notification at the notification date. */
  stageDates: Partial<Record<Stage, Date>>;
  /** The first move into set-up: the decision to commission (or a direction, or a reconsidered decision). */
  commissionedAt: Date | null;
  /** CSP sign-off of the report: the statutory "review completed". */
  completedAt: Date | null;
  closedAt: Date | null;
  holds: HoldSpan[];
  qaRounds: QaRound[];
  /** The Home Office's responses to a decision not to commission. */
  homeOfficeResponses: { outcome: 'accepted' | 'challenged'; at: Date }[];
  actions: ActionRow[];
  requestClocks: RequestClockRow[];
  recommendations: RecommendationRow[];
  events: EventRow[];
}

export interface FactRows {
  reviews: ReviewRow[];
  events: EventRow[];
  actions: ActionRow[];
  requestClocks: RequestClockRow[];
  recommendations: RecommendationRow[];
}

const LONDON = 'Europe/London';
const DAY_MS = 86_400_000;

function groupBy<T extends { reviewId: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.reviewId, [...(map.get(row.reviewId) ?? []), row]);
  return map;
}

export function buildFacts(rows: FactRows): ReviewFacts[] {
  const events = groupBy(rows.events);
  const actions = groupBy(rows.actions);
  const clocks = groupBy(rows.requestClocks);
  const recommendations = groupBy(rows.recommendations);
  return rows.reviews.map((review) => {
    const own = (events.get(review.id) ?? []).sort((a, b) => a.seq - b.seq);
    const stageDates: Partial<Record<Stage, Date>> = { notification: review.notifiedAt };
    for (const e of own) if (e.toStage !== e.fromStage && !(e.toStage in stageDates)) stageDates[e.toStage as Stage] = e.occurredAt;
    return {
      review,
      stageDates,
      commissionedAt: stageDates.setup ?? null,
      completedAt: stageDates.home_office_qa ?? null,
      closedAt: stageDates.closed ?? null,
      holds: holdSpans(own),
      qaRounds: qaRounds(own),
      homeOfficeResponses: own
        .filter((e) => e.type === 'HOME_OFFICE_RESPONSE' && (e.outcome === 'accepted' || e.outcome === 'challenged'))
        .map((e) => ({ outcome: e.outcome as 'accepted' | 'challenged', at: e.occurredAt })),
      actions: actions.get(review.id) ?? [],
      requestClocks: clocks.get(review.id) ?? [],
      recommendations: (recommendations.get(review.id) ?? []).sort((a, b) => a.number - b.number),
      events: own,
    };
  });
}

/** PUT_ON_HOLD opens a hold, RESUME ends it (the machine holds one at a time). */
function holdSpans(events: EventRow[]): HoldSpan[] {
  const spans: HoldSpan[] = [];
  for (const e of events) {
    if (e.type === 'PUT_ON_HOLD')
      spans.push({ kind: e.holdKind ?? 'other', scope: e.holdScope, reason: e.reason ?? '', from: e.occurredAt, until: null });
    else if (e.type === 'RESUME') {
      const open = spans.find((s) => s.until === null);
      if (open) open.until = e.occurredAt;
    }
  }
  return spans;
}

/** Each SUBMIT_TO_HOME_OFFICE starts a round; the QA_OUTCOME after it ends it. */
function qaRounds(events: EventRow[]): QaRound[] {
  const rounds: QaRound[] = [];
  for (const e of events) {
    if (e.type === 'SUBMIT_TO_HOME_OFFICE') rounds.push({ submittedAt: e.occurredAt, outcome: null, outcomeAt: null });
    else if (e.type === 'QA_OUTCOME' && rounds.length > 0 && rounds[rounds.length - 1].outcome === null) {
      const round = rounds[rounds.length - 1];
      round.outcome = e.outcome === 'approved' ? 'approved' : 'resubmit';
      round.outcomeAt = e.occurredAt;
    }
  }
  return rounds;
}

/** The stage a review was in at `at`: the last stage its events had reached by then. */
export function stageAt(facts: ReviewFacts, at: Date): string {
  let stage = 'notification';
  for (const e of facts.events) if (e.occurredAt < at) stage = e.toStage;
  return stage;
}

/** Whether a hold was in force at `at`. */
export const holdAt = (facts: ReviewFacts, at: Date): HoldSpan | null =>
  facts.holds.find((h) => h.from < at && (h.until === null || h.until >= at)) ?? null;

/** Whole days of a hold, up to `at` when it is still in force. */
export const holdDays = (hold: HoldSpan, at: Date): number => Math.floor(((hold.until ?? at).getTime() - hold.from.getTime()) / DAY_MS);

/** Six calendar months after commissioning, in London (31 August + 6 months = 28 February). */
export const sixMonthsAfter = (at: Date): Date => DateTime.fromJSDate(at).setZone(LONDON).plus({ months: 6 }).toJSDate();

/** Whole days between two instants. */
export const daysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / DAY_MS);

/** A London calendar date, YYYY-MM-DD. */
export const londonDate = (at: Date): string => DateTime.fromJSDate(at).setZone(LONDON).toISODate()!;

/** A recommendation's progress from its actions: none yet, some open, or every one complete. */
export function recommendationStatus(facts: ReviewFacts, recommendationId: string, at: Date): 'no_actions' | 'open' | 'complete' {
  const actions = facts.actions.filter((a) => a.recommendationId === recommendationId && a.dueAt !== null);
  if (actions.length === 0) return 'no_actions';
  return actions.every((a) => isComplete(a, at)) ? 'complete' : 'open';
}

export const isComplete = (action: ActionRow, at: Date): boolean =>
  action.status === 'complete' && (action.completedAt === null || action.completedAt < at);

/** Routing status of a national recommendation as at `at` (dates are London days). */
export function routingStatusAt(r: RecommendationRow, at: Date): 'not_sent' | 'awaiting_response' | 'response_received' {
  const day = londonDate(at);
  if (r.respondedOn !== null && r.respondedOn < day) return 'response_received';
  return r.sentOn !== null && r.sentOn < day ? 'awaiting_response' : 'not_sent';
}

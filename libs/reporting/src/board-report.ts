import type { Audience, ReportPeriod } from './report-period';
import {
  ReviewFacts,
  daysBetween,
  holdAt,
  holdDays,
  isComplete,
  londonDate,
  routingStatusAt,
  sixMonthsAfter,
  stageAt,
} from './review-facts';

/** A review as a board report row: the pseudonym only in the restricted report. */
export interface ReportedReview {
  reference: string;
  pseudonym: string | null;
}

export interface RunningReview extends ReportedReview {
  stage: string;
  onHold: boolean;
  commissionedOn: string | null;
  /** Commissioned more than six months before the report date and not yet completed. */
  pastSixMonths: boolean;
}

export interface CompletedReview extends ReportedReview {
  commissionedOn: string;
  completedOn: string;
  days: number;
  withinSixMonths: boolean;
}

export interface HoldLine extends ReportedReview {
  kind: string;
  scope: string | null;
  /** Restricted only: free text may identify. */
  reason: string | null;
  from: string;
  until: string | null;
  days: number;
}

export interface BoardReport {
  partnership: { id: string; name: string; code: string };
  period: { from: string; to: string };
  /** The last moment the report describes: the end of the period, or now when that is earlier. */
  asAt: string;
  audience: Audience;
  classification: 'OFFICIAL' | 'OFFICIAL-SENSITIVE';
  generatedAt: string;
  running: { total: number; byStage: { stage: string; count: number }[]; reviews: RunningReview[] };
  inPeriod: {
    notified: number;
    commissioned: number;
    notCommissioned: number;
    completed: number;
    published: number;
    closed: number;
  };
  sixMonths: {
    completedWithin: number;
    completedLater: number;
    runningPast: number;
    completed: CompletedReview[];
    runningPastReviews: ReportedReview[];
  };
  delays: {
    overdueRequests: { agency: string; scoping: number; imr: number; reviews: number }[];
    holdsInForce: number;
    holdsByKind: { kind: string; count: number }[];
    holds: HoldLine[];
  };
  qa: {
    submissions: number;
    approved: number;
    resubmit: number;
    reviews: (ReportedReview & { rounds: number; approved: number; resubmit: number })[];
    decisionResponses: { accepted: number; challenged: number };
  };
  actionPlans: {
    total: number;
    open: number;
    overdue: number;
    complete: number;
    completedInPeriod: number;
    reviews: (ReportedReview & { total: number; open: number; overdue: number; complete: number })[];
  };
  national: {
    total: number;
    notSent: number;
    awaitingResponse: number;
    responseReceived: number;
    byDepartment: { department: string; sent: number; responded: number }[];
  };
}

const within = (at: Date | null | undefined, period: ReportPeriod): boolean => !!at && at >= period.start && at < period.end;

function countBy(values: string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, count]) => ({ key, count }));
}

/**
 * The board report's figures for one partnership. Everything is as at `asAt` (the end of the
 * period, or now if sooner): events dated later are not counted, so a report for a past period
 * reads the same tomorrow. The public audience gets references and categories only.
 */
export function boardReport(
  partnership: { id: string; name: string; code: string },
  facts: ReviewFacts[],
  period: ReportPeriod,
  audience: Audience,
  now: Date,
): BoardReport {
  const asAt = period.end < now ? period.end : now;
  const restricted = audience === 'restricted';
  const who = (f: ReviewFacts): ReportedReview => ({
    reference: f.review.reference,
    pseudonym: restricted ? f.review.victimPseudonym : null,
  });
  const known = facts.filter((f) => f.review.notifiedAt < asAt);
  const reached = (f: ReviewFacts, at: Date | null | undefined) => !!at && at < asAt;

  const running = known
    .filter((f) => !reached(f, f.closedAt))
    .map((f): RunningReview => {
      const commissioned = reached(f, f.commissionedAt) ? f.commissionedAt : null;
      const completed = reached(f, f.completedAt);
      return {
        ...who(f),
        stage: stageAt(f, asAt),
        onHold: holdAt(f, asAt) !== null,
        commissionedOn: commissioned ? londonDate(commissioned) : null,
        pastSixMonths: commissioned !== null && !completed && sixMonthsAfter(commissioned) < asAt,
      };
    });

  const completed = known
    .filter((f) => reached(f, f.completedAt) && within(f.completedAt, period) && f.commissionedAt)
    .map((f): CompletedReview => ({
      ...who(f),
      commissionedOn: londonDate(f.commissionedAt!),
      completedOn: londonDate(f.completedAt!),
      days: daysBetween(f.commissionedAt!, f.completedAt!),
      withinSixMonths: f.completedAt! <= sixMonthsAfter(f.commissionedAt!),
    }));

  const overdue = new Map<string, { agency: string; scoping: number; imr: number; reviews: Set<string> }>();
  for (const f of known)
    for (const c of f.requestClocks) {
      const late = c.startedAt < asAt && c.dueAt < asAt && (c.metAt === null || c.metAt > asAt) && c.status !== 'cancelled';
      if (!late) continue;
      const agency = c.agencyName ?? 'Agency not recorded';
      const line = overdue.get(agency) ?? { agency, scoping: 0, imr: 0, reviews: new Set<string>() };
      line[c.kind] += 1;
      line.reviews.add(f.review.id);
      overdue.set(agency, line);
    }

  const holds: HoldLine[] = known.flatMap((f) =>
    f.holds
      .filter((h) => h.from < asAt && (h.until === null || h.until >= period.start))
      .map((h) => ({
        ...who(f),
        kind: h.kind,
        scope: h.scope,
        reason: restricted ? h.reason : null,
        from: londonDate(h.from),
        until: h.until && h.until < asAt ? londonDate(h.until) : null,
        days: holdDays({ ...h, until: h.until && h.until < asAt ? h.until : null }, asAt),
      })),
  );

  const rounds = known.map((f) => ({ f, rounds: f.qaRounds.filter((r) => within(r.submittedAt, period) && r.submittedAt < asAt) }));
  const outcomes = known.flatMap((f) => f.qaRounds.filter((r) => within(r.outcomeAt, period) && r.outcomeAt! < asAt));
  const responses = known.flatMap((f) => f.homeOfficeResponses.filter((r) => within(r.at, period) && r.at < asAt));

  const actionLines = known
    .map((f) => {
      const actions = f.actions.filter((a) => !Number.isNaN(a.dueAt.getTime()));
      const complete = actions.filter((a) => isComplete(a, asAt)).length;
      const overdueCount = actions.filter((a) => !isComplete(a, asAt) && a.dueAt < asAt).length;
      return { f, total: actions.length, complete, open: actions.length - complete, overdue: overdueCount, actions };
    })
    .filter((l) => l.total > 0);

  const national = known.flatMap((f) => f.recommendations.filter((r) => r.scope === 'national'));
  const statuses = national.map((r) => routingStatusAt(r, asAt));
  const departments = new Map<string, { department: string; sent: number; responded: number }>();
  national.forEach((r, i) => {
    if (statuses[i] === 'not_sent' || r.department === null) return;
    const line = departments.get(r.department) ?? { department: r.department, sent: 0, responded: 0 };
    line.sent += 1;
    if (statuses[i] === 'response_received') line.responded += 1;
    departments.set(r.department, line);
  });

  return {
    partnership,
    period: { from: period.from, to: period.to },
    asAt: asAt.toISOString(),
    audience,
    classification: restricted ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL',
    generatedAt: now.toISOString(),
    running: {
      total: running.length,
      byStage: countBy(running.map((r) => r.stage)).map(({ key, count }) => ({ stage: key, count })),
      reviews: running,
    },
    inPeriod: {
      notified: known.filter((f) => within(f.review.notifiedAt, period)).length,
      commissioned: known.filter((f) => reached(f, f.commissionedAt) && within(f.commissionedAt, period)).length,
      notCommissioned: known.filter((f) => reached(f, f.stageDates.not_commissioned) && within(f.stageDates.not_commissioned, period))
        .length,
      completed: completed.length,
      published: known.filter((f) => reached(f, f.stageDates.action_plan) && within(f.stageDates.action_plan, period)).length,
      closed: known.filter((f) => reached(f, f.closedAt) && within(f.closedAt, period)).length,
    },
    sixMonths: {
      completedWithin: completed.filter((c) => c.withinSixMonths).length,
      completedLater: completed.filter((c) => !c.withinSixMonths).length,
      runningPast: running.filter((r) => r.pastSixMonths).length,
      completed,
      runningPastReviews: running.filter((r) => r.pastSixMonths).map(({ reference, pseudonym }) => ({ reference, pseudonym })),
    },
    delays: {
      overdueRequests: [...overdue.values()]
        .sort((a, b) => a.agency.localeCompare(b.agency))
        .map((l) => ({ agency: l.agency, scoping: l.scoping, imr: l.imr, reviews: l.reviews.size })),
      holdsInForce: running.filter((r) => r.onHold).length,
      holdsByKind: countBy(holds.map((h) => h.kind)).map(({ key, count }) => ({ kind: key, count })),
      holds,
    },
    qa: {
      submissions: rounds.reduce((n, r) => n + r.rounds.length, 0),
      approved: outcomes.filter((o) => o.outcome === 'approved').length,
      resubmit: outcomes.filter((o) => o.outcome === 'resubmit').length,
      reviews: rounds
        .filter((r) => r.rounds.length > 0)
        .map((r) => ({
          ...who(r.f),
          rounds: r.rounds.length,
          approved: r.rounds.filter((x) => x.outcome === 'approved' && x.outcomeAt! < asAt).length,
          resubmit: r.rounds.filter((x) => x.outcome === 'resubmit' && x.outcomeAt! < asAt).length,
        })),
      decisionResponses: {
        accepted: responses.filter((r) => r.outcome === 'accepted').length,
        challenged: responses.filter((r) => r.outcome === 'challenged').length,
      },
    },
    actionPlans: {
      total: actionLines.reduce((n, l) => n + l.total, 0),
      open: actionLines.reduce((n, l) => n + l.open, 0),
      overdue: actionLines.reduce((n, l) => n + l.overdue, 0),
      complete: actionLines.reduce((n, l) => n + l.complete, 0),
      completedInPeriod: actionLines.reduce(
        (n, l) => n + l.actions.filter((a) => isComplete(a, asAt) && within(a.completedAt, period)).length,
        0,
      ),
      reviews: actionLines.map((l) => ({ ...who(l.f), total: l.total, open: l.open, overdue: l.overdue, complete: l.complete })),
    },
    national: {
      total: national.length,
      notSent: statuses.filter((s) => s === 'not_sent').length,
      awaitingResponse: statuses.filter((s) => s === 'awaiting_response').length,
      responseReceived: statuses.filter((s) => s === 'response_received').length,
      byDepartment: [...departments.values()].sort((a, b) => a.department.localeCompare(b.department)),
    },
  };
}

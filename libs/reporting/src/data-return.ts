import { csvTable, CsvValue } from '@dhr/core';
import type { ReportPeriod } from './report-period';
import { ReviewFacts, STAGES, Stage, daysBetween, holdDays, londonDate, recommendationStatus, routingStatusAt } from './review-facts';

/** One review in the national data return: no names, no pseudonyms, no free text. */
export interface DataReturnRecord {
  reference: string;
  partnership: { name: string; code: string };
  deathType: string | null;
  stage: string;
  /** London date each stage was first reached, null when not (yet) reached. */
  stageDates: Record<Stage, string | null>;
  commissionedOn: string | null;
  completedOn: string | null;
  /** Days from the decision to commission to CSP sign-off; null until completed. */
  daysToComplete: number | null;
  holds: { count: number; totalDays: number };
  qaRounds: number;
  qaResubmissions: number;
  recommendations: {
    number: number;
    scope: 'local' | 'national';
    routing: { department: string | null; sentOn: string | null; respondedOn: string | null; status: string } | null;
    status: 'no_actions' | 'open' | 'complete';
  }[];
}

export interface DataReturn {
  schema: string;
  period: { from: string; to: string };
  generatedAt: string;
  records: DataReturnRecord[];
}

/**
 * A review is in the return when it was active in the period: notified before the period ended
 * and not closed before it began.
 */
export function inReturn(f: ReviewFacts, period: ReportPeriod): boolean {
  return f.review.notifiedAt < period.end && (f.closedAt === null || f.closedAt >= period.start);
}

export function dataReturn(facts: ReviewFacts[], period: ReportPeriod, now: Date, schemaUrl: string): DataReturn {
  // Figures as at the end of the period (or now, if sooner), as the board report counts them.
  const asAt = period.end < now ? period.end : now;
  const reached = (at: Date | null | undefined) => (at && at < asAt ? at : null);
  return {
    schema: schemaUrl,
    period: { from: period.from, to: period.to },
    generatedAt: now.toISOString(),
    records: facts
      .filter((f) => inReturn(f, period))
      .map((f): DataReturnRecord => {
        const stageDates = Object.fromEntries(
          STAGES.map((s) => [s, reached(f.stageDates[s]) ? londonDate(f.stageDates[s]!) : null]),
        ) as Record<Stage, string | null>;
        const commissioned = reached(f.commissionedAt);
        const completed = reached(f.completedAt);
        const holds = f.holds.filter((h) => h.from < asAt);
        const rounds = f.qaRounds.filter((r) => r.submittedAt < asAt);
        let stage = 'notification';
        for (const e of f.events) if (e.occurredAt < asAt) stage = e.toStage;
        return {
          reference: f.review.reference,
          partnership: { name: f.review.partnershipName, code: f.review.partnershipCode },
          deathType: f.review.deathType,
          stage,
          stageDates,
          commissionedOn: commissioned ? londonDate(commissioned) : null,
          completedOn: completed ? londonDate(completed) : null,
          daysToComplete: commissioned && completed ? daysBetween(commissioned, completed) : null,
          holds: {
            count: holds.length,
            totalDays: holds.reduce((n, h) => n + holdDays({ ...h, until: h.until && h.until < asAt ? h.until : null }, asAt), 0),
          },
          qaRounds: rounds.length,
          qaResubmissions: rounds.filter((r) => r.outcome === 'resubmit' && r.outcomeAt! < asAt).length,
          recommendations: f.recommendations.map((r) => ({
            number: r.number,
            scope: r.scope,
            routing:
              r.scope === 'national'
                ? {
                    department: r.department,
                    sentOn: r.sentOn,
                    respondedOn: r.respondedOn,
                    status: routingStatusAt(r, asAt),
                  }
                : null,
            status: recommendationStatus(f, r.id, asAt),
          })),
        };
      }),
  };
}

/** The CSV columns, in order (documented in the README and the JSON Schema). */
export const DATA_RETURN_CSV_COLUMNS = [
  'reference',
  'partnership_name',
  'partnership_code',
  'death_type',
  'stage',
  ...STAGES.map((s) => `${s}_on`),
  'days_to_complete',
  'holds',
  'hold_days',
  'qa_rounds',
  'qa_resubmissions',
  'recommendations_local',
  'recommendations_national',
  'national_not_sent',
  'national_awaiting_response',
  'national_response_received',
  'recommendations_no_actions',
  'recommendations_open',
  'recommendations_complete',
];

export function dataReturnCsv(data: DataReturn): string {
  const rows = data.records.map((r): CsvValue[] => {
    const count = (test: (x: DataReturnRecord['recommendations'][number]) => boolean) => r.recommendations.filter(test).length;
    return [
      r.reference,
      r.partnership.name,
      r.partnership.code,
      r.deathType,
      r.stage,
      ...STAGES.map((s) => r.stageDates[s]),
      r.daysToComplete,
      r.holds.count,
      r.holds.totalDays,
      r.qaRounds,
      r.qaResubmissions,
      count((x) => x.scope === 'local'),
      count((x) => x.scope === 'national'),
      count((x) => x.routing?.status === 'not_sent'),
      count((x) => x.routing?.status === 'awaiting_response'),
      count((x) => x.routing?.status === 'response_received'),
      count((x) => x.status === 'no_actions'),
      count((x) => x.status === 'open'),
      count((x) => x.status === 'complete'),
    ];
  });
  return csvTable(DATA_RETURN_CSV_COLUMNS, rows);
}

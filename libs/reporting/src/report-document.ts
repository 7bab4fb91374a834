import type { BoardReport, ReportedReview } from './board-report';

/**
 * The board report as a neutral document — a title, a classification line and sections of
 * headings, paragraphs and tables with header rows — so the Word document and the web page say
 * exactly the same thing in the same order.
 */
export interface ReportTable {
  caption: string;
  head: string[];
  rows: (string | number)[][];
  /** Columns (by index) holding numbers: right-aligned. */
  numeric: number[];
}

export interface ReportSection {
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  classification: string;
  sections: ReportSection[];
}

export const STAGE_WORDS: Record<string, string> = {
  notification: 'Notification',
  not_commissioned: 'Not commissioned',
  setup: 'Set-up',
  information_gathering: 'Information gathering',
  drafting: 'Drafting',
  family_review: 'Family review of the draft',
  csp_signoff: 'CSP sign-off',
  home_office_qa: 'Home Office quality assurance',
  publication: 'Publication',
  action_plan: 'Action plan',
  closed: 'Closed',
};

export const HOLD_WORDS: Record<string, string> = {
  criminal_trial: 'Criminal trial',
  inquest: 'Inquest',
  iopc: 'IOPC investigation',
  other_review: 'Another statutory review',
  other: 'Other proceedings',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-10-02" → "2 October 2026" (GOV.UK style). */
export function longDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function reportDocument(report: BoardReport): ReportDocument {
  const restricted = report.audience === 'restricted';
  /** The review columns: reference, and the pseudonym only in the restricted report. */
  const reviewHead = restricted ? ['Review', 'Victim (pseudonym)'] : ['Review'];
  const reviewCells = (r: ReportedReview) => (restricted ? [r.reference, r.pseudonym ?? ''] : [r.reference]);
  const offset = reviewHead.length;
  const cols = (n: number, from = offset) => Array.from({ length: n }, (_, i) => from + i);
  const s = report;

  const sections: ReportSection[] = [
    {
      heading: 'Reviews running',
      paragraphs: [`${plural(s.running.total, 'review')} running at the end of the period, of which ${s.delays.holdsInForce} on hold.`],
      tables: [
        {
          caption: 'Reviews running by stage',
          head: ['Stage', 'Reviews'],
          rows: s.running.byStage.map((b) => [STAGE_WORDS[b.stage] ?? b.stage, b.count]),
          numeric: [1],
        },
        {
          caption: 'Each review running',
          head: [...reviewHead, 'Stage', 'On hold', 'Commissioned', 'Past six months'],
          rows: s.running.reviews.map((r) => [
            ...reviewCells(r),
            STAGE_WORDS[r.stage] ?? r.stage,
            r.onHold ? 'Yes' : 'No',
            r.commissionedOn ? longDate(r.commissionedOn) : 'Not yet',
            r.pastSixMonths ? 'Yes' : 'No',
          ]),
          numeric: [],
        },
      ],
    },
    {
      heading: 'Started and completed in the period',
      paragraphs: [],
      tables: [
        {
          caption: 'Reviews in the period',
          head: ['Measure', 'Reviews'],
          rows: [
            ['Deaths notified', s.inPeriod.notified],
            ['Reviews commissioned', s.inPeriod.commissioned],
            ['Decided not to commission', s.inPeriod.notCommissioned],
            ['Reviews completed (signed off by the CSP)', s.inPeriod.completed],
            ['Reports published', s.inPeriod.published],
            ['Reviews closed', s.inPeriod.closed],
          ],
          numeric: [1],
        },
      ],
    },
    {
      heading: 'Six-month compliance',
      paragraphs: [
        'The statutory guidance expects a review to be completed (signed off by the CSP) within six months of the decision to commission it.',
        `Completed in the period: ${s.sixMonths.completedWithin} within six months, ${s.sixMonths.completedLater} after six months. Running past six months: ${s.sixMonths.runningPast}.`,
      ],
      tables: [
        {
          caption: 'Reviews completed in the period',
          head: [...reviewHead, 'Commissioned', 'Completed', 'Days', 'Within six months'],
          rows: s.sixMonths.completed.map((c) => [
            ...reviewCells(c),
            longDate(c.commissionedOn),
            longDate(c.completedOn),
            c.days,
            c.withinSixMonths ? 'Yes' : 'No',
          ]),
          numeric: [offset + 2],
        },
        {
          caption: 'Reviews running past six months',
          head: reviewHead,
          rows: s.sixMonths.runningPastReviews.map(reviewCells),
          numeric: [],
        },
      ],
    },
    {
      heading: 'Reasons for delay',
      paragraphs: [`${plural(s.delays.holdsInForce, 'review')} on hold at the end of the period.`],
      tables: [
        {
          caption: 'Overdue requests by agency',
          head: ['Agency', 'Scoping requests overdue', 'IMR requests overdue', 'Reviews affected'],
          rows: s.delays.overdueRequests.map((o) => [o.agency, o.scoping, o.imr, o.reviews]),
          numeric: [1, 2, 3],
        },
        {
          caption: 'Holds by kind of proceedings',
          head: ['Proceedings', 'Holds'],
          rows: s.delays.holdsByKind.map((h) => [HOLD_WORDS[h.kind] ?? h.kind, h.count]),
          numeric: [1],
        },
        {
          caption: 'Holds in force during the period',
          head: [...reviewHead, 'Proceedings', ...(restricted ? ['Reason'] : []), 'From', 'Until', 'Days'],
          rows: s.delays.holds.map((h) => [
            ...reviewCells(h),
            HOLD_WORDS[h.kind] ?? h.kind,
            ...(restricted ? [h.reason ?? ''] : []),
            longDate(h.from),
            h.until ? longDate(h.until) : 'Still on hold',
            h.days,
          ]),
          numeric: [offset + (restricted ? 4 : 3)],
        },
      ],
    },
    {
      heading: 'Home Office quality assurance',
      paragraphs: [
        `${plural(s.qa.submissions, 'submission')} to the Home Office Quality Assurance Panel in the period; outcomes received: ${s.qa.approved} approved, ${s.qa.resubmit} resubmission required.`,
        `Home Office responses to decisions not to commission: ${s.qa.decisionResponses.accepted} accepted, ${s.qa.decisionResponses.challenged} challenged.`,
      ],
      tables: [
        {
          caption: 'Submissions by review',
          head: [...reviewHead, 'Rounds submitted', 'Approved', 'Resubmission required'],
          rows: s.qa.reviews.map((r) => [...reviewCells(r), r.rounds, r.approved, r.resubmit]),
          numeric: cols(3),
        },
      ],
    },
    {
      heading: 'Action-plan progress',
      paragraphs: [
        `${plural(s.actionPlans.total, 'action')}: ${s.actionPlans.complete} complete, ${s.actionPlans.open} open, of which ${s.actionPlans.overdue} overdue. ${s.actionPlans.completedInPeriod} completed in the period.`,
      ],
      tables: [
        {
          caption: 'Actions by review',
          head: [...reviewHead, 'Actions', 'Open', 'Overdue', 'Complete'],
          rows: s.actionPlans.reviews.map((r) => [...reviewCells(r), r.total, r.open, r.overdue, r.complete]),
          numeric: cols(4),
        },
      ],
    },
    {
      heading: 'National recommendations',
      paragraphs: [
        `${plural(s.national.total, 'national recommendation')}: ${s.national.notSent} not sent on, ${s.national.awaitingResponse} sent and awaiting a response, ${s.national.responseReceived} with a response.`,
      ],
      tables: [
        {
          caption: 'Where national recommendations were sent',
          head: ['Department or body', 'Sent', 'Responded'],
          rows: s.national.byDepartment.map((d) => [d.department, d.sent, d.responded]),
          numeric: [1, 2],
        },
      ],
    },
  ];

  return {
    title: `Domestic homicide reviews: report to the board — ${s.partnership.name}`,
    subtitle: `${longDate(s.period.from)} to ${longDate(s.period.to)} · ${restricted ? 'Restricted version (with pseudonyms)' : 'Public version (references and counts only)'}`,
    classification: s.classification,
    sections,
  };
}

import type { VisibleReview } from '@dhr/reviews';
import { dueDate, longDate } from './dates';
import { deadlineCell } from './deadline-tag';
import { HOLD_KINDS } from './event-forms';
import { DEADLINE_WORDS, IMR_WORDS, SCOPING_WORDS, STAGE_WORDS } from './review-words';

/**
 * A hold as the pages show it: "On hold" (the whole review: its deadlines stop) or "Publication
 * on hold" (work carries on, only publishing waits), with what holds it and the reason given to
 * those who may read them (an agency contact's view carries no hold details).
 */
export function holdStatus(review: Pick<VisibleReview, 'onHold' | 'hold'>) {
  const hold = review.hold;
  const kind = HOLD_KINDS.find((k) => k.value === hold?.kind)?.text;
  const because = kind ? kind[0].toLowerCase() + kind.slice(1) : null;
  const details = { because, reason: hold?.reason ?? null, reference: hold?.reference ?? null, since: hold ? longDate(hold.since) : null };
  if (review.onHold)
    return {
      scope: 'review',
      tag: 'On hold',
      classes: 'govuk-tag--grey',
      text: 'This review is on hold. Its deadlines are paused until it resumes.',
      ...details,
    };
  if (hold?.scope === 'publication')
    return {
      scope: 'publication',
      tag: 'Publication on hold',
      classes: 'govuk-tag--orange',
      text: 'Publication is on hold. Work on the review carries on; only publishing waits until the hold ends.',
      ...details,
    };
  return null;
}

/** The review's header, as every page of the review shows it: reference, pseudonym, stage in words, hold. */
export function reviewHeader(review: VisibleReview) {
  return {
    id: review.id,
    reference: review.reference,
    pseudonym: review.victimPseudonym,
    stage: STAGE_WORDS[review.stage as keyof typeof STAGE_WORDS] ?? review.stage,
    onHold: review.onHold,
    hold: holdStatus(review),
  };
}

type Row = { key: { text: string }; value: { text?: string; html?: string } };

const OUTCOME_WORDS: Record<string, string> = {
  commissioned: 'Hold a review',
  not_commissioned: 'Not to hold a review',
  directed: 'Hold a review, as the Secretary of State directed',
  reconsidered: 'Hold a review, reconsidered after the Home Office challenged the decision not to',
};
const DEATH_TYPE_WORDS: Record<string, string> = {
  homicide: 'A homicide',
  suicide: 'A suicide after domestic abuse',
  other: 'Something else',
};

type VersionRef = { version: number } | null;
type ReportVersions = { overviewReport: VersionRef; executiveSummary: VersionRef; actionPlan: VersionRef };

/** "Overview report version 3, executive summary version 1": the parts an event recorded. */
function versionWords(versions: ReportVersions | null): string | null {
  if (!versions) return null;
  const parts = [
    ['overview report', versions.overviewReport],
    ['executive summary', versions.executiveSummary],
    ['action plan', versions.actionPlan],
  ] as const;
  const text = parts
    .filter(([, ref]) => ref)
    .map(([name, ref]) => `${name} version ${ref!.version}`)
    .join(', ');
  return text ? text[0].toUpperCase() + text.slice(1) : null;
}

/** v3's statutory record on the Overview: which report versions went where, and the time online. */
function reportRows(review: VisibleReview): Row[] {
  const full = review as {
    report?: {
      signedOff: ReportVersions | null;
      submitted: ReportVersions | null;
      approved: ReportVersions | null;
      published: ReportVersions | null;
      amendments: string | null;
    } | null;
    keepOnlineUntil?: string | null;
  };
  const rows: Row[] = [];
  const report = full.report;
  const add = (key: string, value: string | null) => value && rows.push({ key: { text: key }, value: { text: value } });
  add('Signed off', versionWords(report?.signedOff ?? null));
  add('Sent to the Home Office', versionWords(report?.submitted ?? null));
  add('Approved by the Home Office', versionWords(report?.approved ?? null));
  add('Published', versionWords(report?.published ?? null));
  add('Amendments since approval', report?.amendments ?? null);
  add('Keep online until', full.keepOnlineUntil ? dueDate(full.keepOnlineUntil) : null);
  return rows;
}

/**
 * The decision on the record (v3) and the Home Office's answer to a "no", for those who may
 * read them (an agency contact's view carries neither): why a "no" can or cannot be closed yet.
 */
function decisionRows(review: VisibleReview): Row[] {
  const { decision, homeOfficeResponse } = review as {
    decision?: {
      outcome: string;
      decidedAt: string | null;
      decidedBy: { user?: { name: string } | null; role?: string } | null;
      deathType: string | null;
      deathTypeDescription: string | null;
    } | null;
    homeOfficeResponse?: { receivedAt: string; outcome: string } | null;
  };
  if (!decision) return [];
  const rows: Row[] = [
    {
      key: { text: 'Decision' },
      value: {
        text: `${OUTCOME_WORDS[decision.outcome] ?? decision.outcome}${decision.decidedAt ? `, ${longDate(decision.decidedAt)}` : ''}`,
      },
    },
  ];
  const by = decision.decidedBy?.user?.name ?? decision.decidedBy?.role;
  if (by) rows.push({ key: { text: 'Decided by' }, value: { text: by } });
  if (decision.deathType)
    rows.push({
      key: { text: 'Kind of death' },
      value: { text: decision.deathTypeDescription ?? DEATH_TYPE_WORDS[decision.deathType] ?? decision.deathType },
    });
  if (decision.outcome === 'not_commissioned' || homeOfficeResponse)
    rows.push({
      key: { text: 'Home Office response' },
      value: {
        text: !homeOfficeResponse
          ? 'Not recorded yet. The review can be closed once the Home Office accepts the decision.'
          : `${homeOfficeResponse.outcome === 'accepted' ? 'Accepted the decision' : 'Challenged the decision'}, ${longDate(homeOfficeResponse.receivedAt)}`,
      },
    });
  return rows;
}

/** The review page's header and Overview summary list: names, never ids, dates in words. */
export async function reviewPage(review: VisibleReview, now: Date) {
  const rows: Row[] = [
    { key: { text: 'Notified' }, value: { text: longDate(review.notifiedAt) } },
    { key: { text: 'Notified by' }, value: { text: review.notifiedBy } },
    { key: { text: 'Date of death' }, value: { text: longDate(review.deathDate) } },
    { key: { text: 'Chair' }, value: { text: review.chair?.name ?? 'Not appointed yet' } },
    ...decisionRows(review),
    ...reportRows(review),
  ];
  const panel = review.panel.map((p) => ({
    agency: p.agencyName ?? 'An agency',
    imr: IMR_WORDS[p.imr as keyof typeof IMR_WORDS] ?? p.imr,
  }));
  const scoping = review.scoping.map((s) => ({
    agency: s.agencyName ?? 'An agency',
    status: SCOPING_WORDS[s.status as keyof typeof SCOPING_WORDS] ?? s.status,
  }));
  const deadlines = review.deadlines
    .filter((d) => d.status === 'open')
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((d) => ({
      what: `${DEADLINE_WORDS[d.kind as keyof typeof DEADLINE_WORDS] ?? d.kind}${d.agencyName ? ` (${d.agencyName})` : ''}`,
      ...deadlineCell(d.dueAt, now),
    }));
  return {
    ...reviewHeader(review),
    rows,
    panel,
    scoping,
    deadlines,
  };
}

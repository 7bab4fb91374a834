import { daysUntil, dueDate } from './dates';
import { DEADLINE_WORDS } from './review-words';
import { dateTime } from './timeline.presenter';

/** A deadline as ReviewQueries.deadlines gives it: the contract's Deadline with the agency's name. */
export interface DeadlineEntry {
  id: string;
  kind: string;
  agencyId?: string;
  actionId?: string;
  agencyName: string | null;
  startedAt: string;
  dueAt: string;
  status: string;
  overdue: boolean;
  metAt?: string;
  /** The latest agreed new date: the due time it replaced and why. */
  extension?: { previousDueAt: string; reason: string | null; extendedAt?: string };
}

/** How a cancelled scoping or IMR request ended: withdrawn (WITHDRAW_REQUEST) or found not needed (WAIVE_IMR). */
export type RequestEnding = 'withdrawn' | 'waived';

/** What this person may do with each deadline, as links (null: not theirs to do, or not now). */
export interface DeadlineLinks {
  change: (d: DeadlineEntry) => string | null;
  withdraw: (d: DeadlineEntry) => string | null;
}

/** Days before a deadline when it shows "Due soon" (as the caseload and the overview). */
const DUE_SOON_DAYS = 14;

/** Who answers for a clock that names no agency (docs: dhr-process.md, "The clocks"). */
const OWNER_OF_KIND: Record<string, string> = {
  decision: 'CSP chair',
  home_office_notice: 'Coordinator',
  completion: 'Independent chair',
  family_response: 'Independent chair',
  commissioner_copy: 'Coordinator',
  publication: 'Coordinator',
};

const CHAIR_KINDS = ['completion', 'family_response'];

/** The clocks a request to an agency runs, and the request kind WITHDRAW_REQUEST names for each. */
export const REQUEST_OF_CLOCK: Record<string, 'scoping' | 'imr'> = { scoping_return: 'scoping', imr: 'imr' };

const STATUS_ORDER: Record<string, number> = { open: 0, on_hold: 1, met: 2, cancelled: 3 };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** An open clock's tag: "Overdue by 3 days", "Due soon", or none. */
export function deadlineStatusTag(dueAt: string, now: Date): { text: string; classes: string } | null {
  if (new Date(dueAt).getTime() <= now.getTime()) {
    const days = -daysUntil(dueAt, now);
    return { text: days > 0 ? `Overdue by ${plural(days, 'day')}` : 'Overdue', classes: 'govuk-tag--red' };
  }
  return daysUntil(dueAt, now) <= DUE_SOON_DAYS ? { text: 'Due soon', classes: 'govuk-tag--yellow' } : null;
}

/** A deadline's name in words: "IMR (individual management review)", "Action: Review the policy". */
export function deadlineWhat(d: Pick<DeadlineEntry, 'kind' | 'actionId'>, actionDescription: (actionId: string) => string | null): string {
  const action = d.actionId ? actionDescription(d.actionId) : null;
  const what = DEADLINE_WORDS[d.kind as keyof typeof DEADLINE_WORDS] ?? d.kind;
  return action ? `${what}: ${action}` : what;
}

/** Whose a deadline is: the agency, the chair by name, or the role that answers for it. */
export function deadlineWho(d: Pick<DeadlineEntry, 'kind' | 'agencyName'>, chair: string | null): string {
  return d.agencyName ?? (CHAIR_KINDS.includes(d.kind) && chair ? chair : (OWNER_OF_KIND[d.kind] ?? 'Coordinator'));
}

/**
 * Why each cancelled scoping or IMR clock ended, from the review's history: the first
 * WITHDRAW_REQUEST (or, for an IMR, WAIVE_IMR) for that agency between the clock's start and
 * the start of the next request to the same agency (a withdrawn request may be asked again).
 */
export function requestEndings(
  deadlines: DeadlineEntry[],
  history: { type: string; payload: Record<string, unknown>; occurredAt: string }[],
): Map<string, RequestEnding> {
  const ends = history
    .filter((e) => e.type === 'WITHDRAW_REQUEST' || e.type === 'WAIVE_IMR')
    .map((e) => ({
      kind: e.type === 'WAIVE_IMR' || e.payload.kind === 'imr' ? 'imr' : 'scoping_return',
      agencyId: e.payload.agencyId,
      at: e.occurredAt,
      how: (e.type === 'WAIVE_IMR' ? 'waived' : 'withdrawn') as RequestEnding,
    }));
  const endings = new Map<string, RequestEnding>();
  for (const d of deadlines) {
    if (d.status !== 'cancelled' || !REQUEST_OF_CLOCK[d.kind]) continue;
    const sameRequest = (o: DeadlineEntry) => o.kind === d.kind && o.agencyId === d.agencyId;
    const next = deadlines
      .filter((o) => sameRequest(o) && o.startedAt > d.startedAt)
      .map((o) => o.startedAt)
      .sort()[0];
    const end = ends.find((e) => e.kind === d.kind && e.agencyId === d.agencyId && e.at >= d.startedAt && (!next || e.at <= next));
    if (end) endings.set(d.id, end.how);
  }
  return endings;
}

/**
 * Every clock of the review as rows of a table: what it is in words, whose it is (an agency,
 * the chair by name, or the role that answers for it), when it falls due ("5pm on 2 October
 * 2026") and, if moved, the date it replaced and why; where it stands; and the links this
 * person may follow (change its due date, withdraw its request). Open ones first, soonest
 * first; then paused, met (most recent first) and cancelled ones.
 */
export function deadlineRows(
  deadlines: DeadlineEntry[],
  now: Date,
  names: { chair: string | null; actionDescription: (actionId: string) => string | null },
  more: { endings?: Map<string, RequestEnding>; links?: DeadlineLinks } = {},
) {
  const sorted = [...deadlines].sort(
    (a, b) =>
      (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
      (a.status === 'met' ? (b.metAt ?? '').localeCompare(a.metAt ?? '') : a.dueAt.localeCompare(b.dueAt)),
  );
  return sorted.map((d) => {
    const what = deadlineWhat(d, names.actionDescription);
    const who = deadlineWho(d, names.chair);
    // The link's hidden words say which deadline, for a screen reader's list of links.
    const link = (href: string | null | undefined) => (href ? { href, hidden: ` for ${what}, ${who}` } : null);
    return {
      what,
      who,
      due: dueDate(d.dueAt),
      dueAt: d.dueAt,
      extension: d.extension ? { from: `Extended from ${dueDate(d.extension.previousDueAt)}`, reason: d.extension.reason ?? null } : null,
      change: link(more.links?.change(d)),
      withdraw: link(more.links?.withdraw(d)),
      ...statusOf(d, now, more.endings?.get(d.id) ?? null),
    };
  });
}

function statusOf(
  d: DeadlineEntry,
  now: Date,
  ending: RequestEnding | null,
): { status: string; tag: { text: string; classes: string } | null } {
  switch (d.status) {
    case 'open':
      return { status: 'Open', tag: deadlineStatusTag(d.dueAt, now) };
    case 'met':
      return { status: d.metAt ? `Met on ${dateTime(d.metAt)}` : 'Met', tag: { text: 'Met', classes: 'govuk-tag--green' } };
    case 'on_hold':
      return { status: 'Paused while the review is on hold', tag: { text: 'Paused', classes: 'govuk-tag--grey' } };
    default:
      if (ending === 'withdrawn') return { status: 'The request was withdrawn', tag: { text: 'Withdrawn', classes: 'govuk-tag--grey' } };
      if (ending === 'waived') return { status: 'Recorded as not needed', tag: { text: 'Not needed', classes: 'govuk-tag--grey' } };
      return { status: 'No longer needed', tag: { text: 'Cancelled', classes: 'govuk-tag--grey' } };
  }
}

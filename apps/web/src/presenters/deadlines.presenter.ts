import { daysUntil } from './dates';
import { DEADLINE_WORDS } from './review-words';
import { dateTime } from './timeline.presenter';

/** A deadline as ReviewQueries.deadlines gives it: the contract's Deadline with the agency's name. */
export interface DeadlineEntry {
  id: string;
  kind: string;
  agencyId?: string;
  actionId?: string;
  agencyName: string | null;
  dueAt: string;
  status: string;
  overdue: boolean;
  metAt?: string;
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

/**
 * Every clock of the review as rows of a table: what it is in words, whose it is (an agency,
 * the chair by name, or the role that answers for it), when it falls due ("2 October 2026, 5pm")
 * and where it stands. Open ones first, soonest first; then paused, met (most recent first) and
 * cancelled ones.
 */
export function deadlineRows(
  deadlines: DeadlineEntry[],
  now: Date,
  names: { chair: string | null; actionDescription: (actionId: string) => string | null },
) {
  const sorted = [...deadlines].sort(
    (a, b) =>
      (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
      (a.status === 'met' ? (b.metAt ?? '').localeCompare(a.metAt ?? '') : a.dueAt.localeCompare(b.dueAt)),
  );
  return sorted.map((d) => {
    const action = d.actionId ? names.actionDescription(d.actionId) : null;
    const what = DEADLINE_WORDS[d.kind as keyof typeof DEADLINE_WORDS] ?? d.kind;
    return {
      what: action ? `${what}: ${action}` : what,
      who: d.agencyName ?? (CHAIR_KINDS.includes(d.kind) && names.chair ? names.chair : (OWNER_OF_KIND[d.kind] ?? 'Coordinator')),
      due: dateTime(d.dueAt),
      dueAt: d.dueAt,
      ...statusOf(d, now),
    };
  });
}

function statusOf(d: DeadlineEntry, now: Date): { status: string; tag: { text: string; classes: string } | null } {
  switch (d.status) {
    case 'open':
      return { status: 'Open', tag: deadlineStatusTag(d.dueAt, now) };
    case 'met':
      return { status: d.metAt ? `Met on ${dateTime(d.metAt)}` : 'Met', tag: { text: 'Met', classes: 'govuk-tag--green' } };
    case 'on_hold':
      return { status: 'Paused while the review is on hold', tag: { text: 'Paused', classes: 'govuk-tag--grey' } };
    default:
      return { status: 'No longer needed', tag: { text: 'Cancelled', classes: 'govuk-tag--grey' } };
  }
}

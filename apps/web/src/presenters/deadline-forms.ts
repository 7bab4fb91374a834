import { dueDate } from './dates';
import { deadlineStatusTag, DeadlineEntry, deadlineWhat, deadlineWho } from './deadlines.presenter';
import { EventForm, FormContext, reason } from './event-forms';

/**
 * Change a due date (EXTEND_DEADLINE): the deadline is the one whose "Change due date" link was
 * followed; the form asks the new date (sent as YYYY-MM-DD: due at 5pm London that day) and why.
 * The same form machinery as the tasks, so its messages and the domain's field errors read alike.
 */
export const CHANGE_DUE_DATE_FORM: EventForm = {
  task: 'Change a due date',
  title: 'Change the due date',
  recorded: 'Due date changed',
  fields: [
    {
      kind: 'date',
      name: 'dueAt',
      label: 'New due date',
      hint: 'It will be due at 5pm that day. For example, 27 3 2027',
      as: 'due',
      called: 'The new due date',
    },
    reason('reason', 'Why is the due date changing?', 'For example, what was agreed, with whom and when. It is kept with the deadline.'),
  ],
};

/** The form asks nothing chosen from the review. */
export const NO_CHOICES: FormContext = { review: { panel: [], scoping: [], actions: [] }, agencies: [], chairs: [], ownAgencyId: null };

/** The deadline being changed, as the form's summary shows it: what, whose, due now (with its tag), and any earlier change. */
export function deadlineSummary(
  d: DeadlineEntry,
  now: Date,
  names: { chair: string | null; actionDescription: (id: string) => string | null },
) {
  return {
    what: deadlineWhat(d, names.actionDescription),
    who: deadlineWho(d, names.chair),
    due: dueDate(d.dueAt),
    tag: d.status === 'open' ? deadlineStatusTag(d.dueAt, now) : null,
    extension: d.extension ? { from: dueDate(d.extension.previousDueAt), reason: d.extension.reason ?? null } : null,
  };
}

/** Why this deadline's date cannot be changed now, or null when it can. */
export function whyNotMovable(d: DeadlineEntry, allowedNow: boolean): string | null {
  if (!allowedNow) return 'Due dates cannot be changed at this stage of the review.';
  if (d.status === 'on_hold')
    return 'This deadline is paused while the review is on hold. Its due date can be changed once the review resumes.';
  if (d.status === 'met') return 'This deadline has been met, so its due date can no longer be changed.';
  if (d.status !== 'open') return 'This deadline is no longer running, so its due date cannot be changed.';
  return null;
}

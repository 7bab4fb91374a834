import { deadlineWording } from '../deadline-wording';
import { formatGovukDateTime } from '../govuk-time';
import { deadlineWhatToDo } from '../what-to-do';
import { composeEmail } from './layout';
import { actionFact, capitalise, dayCount, TemplateRenderer, wholeDaysOverdue } from './template-renderer';

/**
 * clock.escalation — once a deadline has passed unmet: to whoever must chase it (the
 * coordinators) and, for an agency's deadline, the late agency too.
 */
export const renderEscalation: TemplateRenderer = (data, reviewUrl) => {
  const wording = deadlineWording(data.deadlineKind);
  const days = wholeDaysOverdue(data.overdueDays);
  const item = wording.subjectItem(data.agencyName);
  return composeEmail({
    reference: data.reference,
    subjectSummary: days ? `${item} overdue by ${dayCount(days)}` : `${item} overdue, was due ${formatGovukDateTime(data.dueAt)}`,
    recipientName: data.recipientName,
    intro: [
      `${capitalise(wording.describe(data.agencyName))} for Domestic Homicide Review ${data.reference} has not been recorded as done, ` +
        `and the deadline has passed${days ? `: it is ${dayCount(days)} overdue` : ''}.`,
      'If it stays overdue it will be escalated to the chair of the Community Safety Partnership (CSP).',
    ],
    facts: overdueFacts(data, days),
    whatToDo: overdueWhatToDo(data),
    reviewUrl,
    partnership: data.partnership,
  });
};

/** What to do about an overdue deadline, for this recipient's role: the words of both escalations. */
export function overdueWhatToDo(data: Parameters<TemplateRenderer>[0]): string {
  return deadlineWhatToDo({
    kind: data.deadlineKind,
    phase: 'overdue',
    role: data.recipientRole,
    agencyName: data.agencyName,
    partnership: data.partnership,
  });
}

/** What is overdue, since when, by how long and whose it is: the facts of both escalations. */
export function overdueFacts(data: Parameters<TemplateRenderer>[0], days: number | undefined): ReadonlyArray<readonly [string, string]> {
  const wording = deadlineWording(data.deadlineKind);
  return [
    ['What is overdue', capitalise(wording.describe(data.agencyName))],
    ...actionFact(data),
    ['Review', data.reference],
    ['Was due', formatGovukDateTime(data.dueAt, { weekday: true })],
    ...(days ? [['Overdue by', dayCount(days)] as const] : []),
    ['Responsible', capitalise(wording.owner(data.agencyName))],
  ];
}

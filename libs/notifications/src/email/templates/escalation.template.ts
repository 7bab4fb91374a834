import { deadlineWording } from '../deadline-wording';
import { formatUkDateTime } from '../uk-time';
import { composeEmail } from './layout';
import { capitalise, dayCount, TemplateRenderer, UK_TIME_NOTE, wholeDaysOverdue } from './template-renderer';

/** clock.escalation — to the coordinators, once a deadline has passed unmet. */
export const renderEscalation: TemplateRenderer = (data, reviewUrl) => {
  const wording = deadlineWording(data.deadlineKind);
  const due = formatUkDateTime(data.dueAt);
  const days = wholeDaysOverdue(data.overdueDays);
  const overdue = days ? ` It is ${dayCount(days)} overdue.` : '';
  return composeEmail({
    reference: data.reference,
    subjectSummary: `overdue: ${wording.subjectLabel} was due ${due}`,
    recipientName: data.recipientName,
    intro: [
      `A deadline in Domestic Homicide Review ${data.reference} has passed and has not been recorded as met.${overdue}`,
      'If it stays overdue it will be escalated to the chair of the Community Safety Partnership (CSP).',
    ],
    facts: [
      ['What is overdue', capitalise(wording.describe(data.agencyName))],
      ['Review', data.reference],
      ['Was due by', `${due} ${UK_TIME_NOTE}`],
      ['Responsible', capitalise(wording.owner(data.agencyName))],
    ],
    whatToDo:
      `Please contact ${wording.owner(data.agencyName)} to find out when it will be done and agree a date. ` +
      'If it has already been done, record it in the review so that the deadline is closed.',
    reviewUrl,
  });
};

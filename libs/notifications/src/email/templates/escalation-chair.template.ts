import { deadlineWording } from '../deadline-wording';
import { formatUkDateTime } from '../uk-time';
import { composeEmail } from './layout';
import { capitalise, dayCount, TemplateRenderer, UK_TIME_NOTE, wholeDaysOverdue } from './template-renderer';

/**
 * clock.escalation_chair — second level: still unmet, now escalated to the CSP chair.
 * Without a usable overdueDays the email still goes, saying "overdue since <due>":
 * an escalation that fails to render would be worse than a vaguer one.
 */
export const renderEscalationChair: TemplateRenderer = (data, reviewUrl) => {
  const wording = deadlineWording(data.deadlineKind);
  const due = formatUkDateTime(data.dueAt);
  const days = wholeDaysOverdue(data.overdueDays);
  const overdueFor = days ? `for ${dayCount(days)}` : `since ${due} ${UK_TIME_NOTE}`;
  return composeEmail({
    reference: data.reference,
    subjectSummary: `escalated to CSP chair: ${wording.subjectLabel} ${days ? `overdue by ${dayCount(days)}` : `overdue since ${due}`}`,
    recipientName: data.recipientName,
    intro: [
      `A deadline in Domestic Homicide Review ${data.reference} has been overdue ${overdueFor} ` +
        'and is now escalated to the chair of the Community Safety Partnership (CSP).',
    ],
    facts: [
      ['What is overdue', capitalise(wording.describe(data.agencyName))],
      ['Review', data.reference],
      ['Was due by', `${due} ${UK_TIME_NOTE}`],
      ...(days ? [['Overdue by', dayCount(days)] as const] : []),
      ['Responsible', capitalise(wording.owner(data.agencyName))],
    ],
    whatToDo:
      `Please raise the delay with ${wording.owner(data.agencyName)} and agree a new date with the DHR coordinator. ` +
      'If it has already been done, the coordinator should record it in the review so that the deadline is closed.',
    reviewUrl,
  });
};

import { deadlineWording } from '../deadline-wording';
import { formatGovukDateTime } from '../govuk-time';
import { overdueFacts, overdueWhatToDo } from './escalation.template';
import { composeEmail } from './layout';
import { dayCount, TemplateRenderer, wholeDaysOverdue } from './template-renderer';

/**
 * clock.escalation_chair — later steps: still unmet, now escalated to the CSP chair as well.
 * Without a usable overdueDays the email still goes, saying "overdue since <due>":
 * an escalation that fails to render would be worse than a vaguer one.
 */
export const renderEscalationChair: TemplateRenderer = (data, reviewUrl) => {
  const wording = deadlineWording(data.deadlineKind);
  const days = wholeDaysOverdue(data.overdueDays);
  const overdue = days ? `overdue by ${dayCount(days)}` : `overdue since ${formatGovukDateTime(data.dueAt)}`;
  return composeEmail({
    reference: data.reference,
    subjectSummary: `${wording.subjectItem(data.agencyName)} ${overdue}, escalated to the CSP chair`,
    recipientName: data.recipientName,
    intro: [
      `A deadline in Domestic Homicide Review ${data.reference} is ${overdue} ` +
        'and is now escalated to the chair of the Community Safety Partnership (CSP).',
    ],
    facts: overdueFacts(data, days),
    whatToDo: overdueWhatToDo(data),
    reviewUrl,
    partnership: data.partnership,
  });
};

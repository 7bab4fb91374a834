import { deadlineWording } from '../deadline-wording';
import { formatUkDateTime } from '../uk-time';
import { composeEmail } from './layout';
import { capitalise, TemplateRenderer, UK_TIME_NOTE } from './template-renderer';

/** clock.reminder — to whoever owns the deadline, before it falls due. */
export const renderReminder: TemplateRenderer = (data, reviewUrl) => {
  const wording = deadlineWording(data.deadlineKind);
  const due = formatUkDateTime(data.dueAt);
  const when = data.reminderLabel
    ? `It is due in ${data.reminderLabel}, by ${due} ${UK_TIME_NOTE}.`
    : `It is due by ${due} ${UK_TIME_NOTE}.`;
  return composeEmail({
    reference: data.reference,
    subjectSummary: `reminder: ${wording.subjectLabel} due ${due}`,
    recipientName: data.recipientName,
    intro: [`This is a reminder about a deadline in Domestic Homicide Review ${data.reference}. ${when}`],
    facts: [
      ['What is due', capitalise(wording.describe(data.agencyName))],
      ['Review', data.reference],
      ['Due by', `${due} ${UK_TIME_NOTE}`],
    ],
    whatToDo: wording.ownerAction,
    reviewUrl,
  });
};

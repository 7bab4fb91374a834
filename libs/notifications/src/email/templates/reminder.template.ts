import { deadlineWording } from '../deadline-wording';
import { formatGovukDateTime } from '../govuk-time';
import { deadlineWhatToDo } from '../what-to-do';
import { composeEmail } from './layout';
import { actionFact, capitalise, TemplateRenderer } from './template-renderer';

/** clock.reminder — to whoever owns the deadline, before it falls due. */
export const renderReminder: TemplateRenderer = (data, reviewUrl) => {
  const wording = deadlineWording(data.deadlineKind);
  const due = formatGovukDateTime(data.dueAt, { weekday: true });
  const when = data.reminderLabel ? `in ${data.reminderLabel}, by ${due}` : `by ${due}`;
  return composeEmail({
    reference: data.reference,
    subjectSummary: `${wording.subjectItem(data.agencyName)} due ${data.reminderLabel ? `in ${data.reminderLabel}` : formatGovukDateTime(data.dueAt)}`,
    recipientName: data.recipientName,
    intro: [`This is a reminder that ${wording.describe(data.agencyName)} for Domestic Homicide Review ${data.reference} is due ${when}.`],
    facts: [['What is due', capitalise(wording.describe(data.agencyName))], ...actionFact(data), ['Review', data.reference], ['Due', due]],
    whatToDo: deadlineWhatToDo({
      kind: data.deadlineKind,
      phase: 'due',
      role: data.recipientRole,
      agencyName: data.agencyName,
      partnership: data.partnership,
    }),
    reviewUrl,
    partnership: data.partnership,
  });
};

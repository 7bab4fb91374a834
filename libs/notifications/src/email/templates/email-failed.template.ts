import { deadlineWording } from '../deadline-wording';
import type { EmailData, NotificationTemplate, RenderedEmail } from '../email-data';
import { formatGovukDateTime } from '../govuk-time';
import { composeEmail } from './layout';
import { actionFact, capitalise, TemplateRenderer } from './template-renderer';

/** Roles as the API names them (docs/api.md), in words a coordinator uses. */
const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  coordinator: 'DHR coordinator',
  csp_chair: 'Chair of the Community Safety Partnership (CSP)',
  independent_chair: 'Independent chair',
  agency_contact: 'Agency contact',
};

const FAILED_EMAIL_LABELS: Record<NotificationTemplate, string> = {
  'clock.reminder': 'reminder',
  'clock.escalation': 'overdue notice',
  'clock.escalation_chair': 'escalation to the CSP chair',
  'email.failed': 'delivery-failure notice',
  'meeting.invitation': 'panel meeting invitation',
  'meeting.updated': 'panel meeting change',
  'meeting.cancelled': 'panel meeting cancellation',
  'meeting.reminder': 'panel meeting reminder',
  'digest.overdue': 'daily overdue digest',
  'request.scoping': 'request',
  'request.imr': 'request',
  'request.action': 'notice of a new action',
  'request.panel': 'panel invitation',
  'deadline.extended': 'notice of a new due date',
  'request.withdrawn': 'notice of a withdrawn request',
  'request.undelivered': 'notice of a request that could not be emailed',
  'document.shared': 'notice of a document shared with the panel',
};

/**
 * The role stands in for the person. Anything unusable (missing, or something that
 * is not a role, such as an address) is replaced rather than refused: the coordinators
 * must still hear that an email failed.
 */
function roleLabel(role: string | undefined, agencyName: string | undefined): string {
  if (!role || !/^[a-z][a-z_]*$/.test(role)) return 'Not recorded (open the review to see who holds each role)';
  const label = Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role] : capitalise(role.replace(/_/g, ' '));
  return role === 'agency_contact' && agencyName ? `${label} at ${agencyName}` : label;
}

function failedEmailLabel(template: string | undefined): string {
  return template && Object.hasOwn(FAILED_EMAIL_LABELS, template) ? FAILED_EMAIL_LABELS[template as NotificationTemplate] : 'notification';
}

/** email.failed — to the coordinators: a notification could not be delivered after every retry. */
export const renderEmailFailed: TemplateRenderer = (data, reviewUrl) => {
  const failedEmail = failedEmailLabel(data.failedTemplate);
  const recipientRole = roleLabel(data.failedRecipientRole, data.agencyName);
  if (data.meeting) return renderMeetingEmailFailed(data, reviewUrl, failedEmail, recipientRole);
  // A panel invitation is about an agency joining the panel, and a panel paper about a document: neither is a deadline.
  const paper = data.failedTemplate === 'document.shared';
  const panel = data.failedTemplate === 'request.panel' || paper;
  const wording = deadlineWording(data.deadlineKind);
  const about = paper
    ? 'document shared with the panel'
    : panel
      ? `panel invitation to ${data.agencyName ?? 'an agency'}`
      : `${failedEmail} about ${wording.subjectItem(data.agencyName)}`;
  return composeEmail({
    reference: data.reference,
    subjectSummary: `email not delivered: ${about}`,
    recipientName: data.recipientName,
    intro: [
      `An email about Domestic Homicide Review ${data.reference} could not be delivered, even after repeated attempts. ` +
        `The person it was for may not know about ${paper ? 'the document shared with the panel' : panel ? 'the panel invitation' : 'the deadline'} below.`,
    ],
    facts: [
      ['Email not delivered', capitalise(failedEmail)],
      ['Intended for', recipientRole],
      ...(panel ? [] : [['About', capitalise(wording.describe(data.agencyName))] as const, ...actionFact(data)]),
      ['Review', data.reference],
      ...(panel ? [] : [['Due', formatGovukDateTime(data.dueAt, { weekday: true })] as const]),
    ],
    whatToDo:
      'Contact the person who holds this role in the review another way (for example by phone) and pass the message on. ' +
      'Then check the email address held for them in the system: the address is not shown here, to protect personal data.',
    reviewUrl,
    partnership: data.partnership,
  });
};

/** email.failed about a panel meeting email: the meeting, not a deadline. */
function renderMeetingEmailFailed(data: EmailData, reviewUrl: string, failedEmail: string, recipientRole: string): RenderedEmail {
  const meeting = data.meeting!;
  const when = formatGovukDateTime(meeting.startsAt, { weekday: true });
  return composeEmail({
    reference: data.reference,
    subjectSummary: `email not delivered: ${failedEmail}`,
    recipientName: data.recipientName,
    intro: [
      `An email about Domestic Homicide Review ${data.reference} could not be delivered, even after repeated attempts. ` +
        'The person it was for may not know about the panel meeting below.',
    ],
    facts: [
      ['Email not delivered', capitalise(failedEmail)],
      ['Intended for', recipientRole],
      ['Review', data.reference],
      ['Meeting', `Panel meeting ${meeting.number}, ${when}`],
    ],
    whatToDo:
      'Contact the person who holds this role in the review another way (for example by phone) and pass the message on. ' +
      'Then check the email address held for them in the system: the address is not shown here, to protect personal data.',
    reviewUrl,
    partnership: data.partnership,
  });
}

import type { EmailData, MeetingEmailData, RenderedEmail } from '../email-data';
import { formatUkDateTime } from '../uk-time';
import { composeEmail } from './layout';
import { TemplateRenderer, UK_TIME_NOTE } from './template-renderer';

type MeetingEmailKind = 'invitation' | 'updated' | 'cancelled' | 'reminder';

const WORDING: Record<MeetingEmailKind, { subject: string; intro: (when: string, ref: string) => string; whatToDo: string }> = {
  invitation: {
    subject: 'invitation',
    intro: (when, ref) => `You are invited to a panel meeting of Domestic Homicide Review ${ref} on ${when}.`,
    whatToDo: 'Accept or decline the attached calendar invitation, and read the review papers before the meeting.',
  },
  updated: {
    subject: 'changed',
    intro: (when, ref) => `A panel meeting of Domestic Homicide Review ${ref} has changed. It is now on ${when}.`,
    whatToDo: 'The attached calendar invitation replaces the earlier one: please accept or decline it again.',
  },
  cancelled: {
    subject: 'cancelled',
    intro: (when, ref) => `The panel meeting of Domestic Homicide Review ${ref} that was to be held on ${when} has been cancelled.`,
    whatToDo: 'No action is needed: the attached cancellation removes the meeting from your calendar.',
  },
  reminder: {
    subject: 'reminder: tomorrow',
    intro: (when, ref) => `This is a reminder that a panel meeting of Domestic Homicide Review ${ref} is tomorrow, ${when}.`,
    whatToDo: 'Please read the review papers before the meeting. Tell the DHR coordinator if you can no longer attend.',
  },
};

function meetingOf(data: EmailData): MeetingEmailData {
  if (!data.meeting) throw new Error('meeting is required');
  return data.meeting;
}

/** meeting.* — to each attendee. Subject: reference, meeting number and time only (no names, no place). */
function renderMeeting(kind: MeetingEmailKind, data: EmailData, reviewUrl: string): RenderedEmail {
  const meeting = meetingOf(data);
  const when = formatUkDateTime(meeting.startsAt);
  const wording = WORDING[kind];
  return composeEmail({
    reference: data.reference,
    subjectSummary: `panel meeting ${meeting.number} ${wording.subject}: ${when}`,
    recipientName: data.recipientName,
    intro: [`${wording.intro(`${when} ${UK_TIME_NOTE}`, data.reference)}`],
    facts: [
      ['Review', data.reference],
      ['Meeting', `Panel meeting ${meeting.number}`],
      ['Starts', `${when} ${UK_TIME_NOTE}`],
      ['Ends', `${formatUkDateTime(meeting.endsAt)} ${UK_TIME_NOTE}`],
      ['Location', meeting.location],
      ...(meeting.agenda ? [['Agenda', meeting.agenda] as const] : []),
    ],
    whatToDo: wording.whatToDo,
    reviewUrl,
  });
}

export const renderMeetingInvitation: TemplateRenderer = (data, url) => renderMeeting('invitation', data, url);
export const renderMeetingUpdated: TemplateRenderer = (data, url) => renderMeeting('updated', data, url);
export const renderMeetingCancelled: TemplateRenderer = (data, url) => renderMeeting('cancelled', data, url);
export const renderMeetingReminder: TemplateRenderer = (data, url) => renderMeeting('reminder', data, url);

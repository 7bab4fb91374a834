import type { EmailData, MeetingEmailData, RenderedEmail } from '../email-data';
import { formatGovukDate, formatGovukDateTime, formatGovukTime } from '../govuk-time';
import { contactPhrase } from '../what-to-do';
import { composeEmail } from './layout';
import { TemplateRenderer } from './template-renderer';

type MeetingEmailKind = 'invitation' | 'updated' | 'cancelled' | 'reminder';

interface MeetingWording {
  /** After the reference: what happened first, then when (the meeting's number and time, never its place). */
  subject: (n: number, when: string) => string;
  /** `at`: "10:30am on Wednesday 9 December 2026". */
  intro: (at: string, ref: string, time: string, day: string) => string;
  whatToDo: (contact: string) => string;
}

const WORDING: Record<MeetingEmailKind, MeetingWording> = {
  invitation: {
    subject: (n, when) => `invitation to panel meeting ${n}, ${when}`,
    intro: (at, ref) => `You are invited to a panel meeting of Domestic Homicide Review ${ref} at ${at}.`,
    whatToDo: () => 'Accept or decline the attached calendar invitation, and read the review papers before the meeting.',
  },
  updated: {
    subject: (n, when) => `panel meeting ${n} changed, now ${when}`,
    intro: (at, ref) => `A panel meeting of Domestic Homicide Review ${ref} has changed. It is now at ${at}.`,
    whatToDo: () => 'The attached calendar invitation replaces the earlier one: accept or decline it again.',
  },
  cancelled: {
    subject: (n, when) => `panel meeting ${n} cancelled (was ${when})`,
    intro: (at, ref) => `The panel meeting of Domestic Homicide Review ${ref} that was to be held at ${at} has been cancelled.`,
    whatToDo: () => 'No action is needed: the attached cancellation removes the meeting from your calendar.',
  },
  reminder: {
    subject: (n, when) => `panel meeting ${n} tomorrow, ${when}`,
    intro: (_at, ref, time, day) =>
      `This is a reminder that a panel meeting of Domestic Homicide Review ${ref} is tomorrow, ${day}, at ${time}.`,
    whatToDo: (contact) => `Read the review papers before the meeting. If you can no longer attend, tell ${contact}.`,
  },
};

function meetingOf(data: EmailData): MeetingEmailData {
  if (!data.meeting) throw new Error('meeting is required');
  return data.meeting;
}

/** "10:30am to 12:30pm on Wednesday 9 December 2026" (or across days, each end in full). */
function meetingTimes(meeting: MeetingEmailData): string {
  const sameDay = formatGovukDate(meeting.startsAt) === formatGovukDate(meeting.endsAt);
  return sameDay
    ? `${formatGovukTime(meeting.startsAt)} to ${formatGovukTime(meeting.endsAt)} on ${formatGovukDate(meeting.startsAt, { weekday: true })}`
    : `${formatGovukDateTime(meeting.startsAt, { weekday: true })} to ${formatGovukDateTime(meeting.endsAt, { weekday: true })}`;
}

/** meeting.* — to each attendee. Subject: reference, meeting number and time only (no names, no place). */
function renderMeeting(kind: MeetingEmailKind, data: EmailData, reviewUrl: string): RenderedEmail {
  const meeting = meetingOf(data);
  const when = formatGovukDateTime(meeting.startsAt, { weekday: true });
  const wording = WORDING[kind];
  return composeEmail({
    reference: data.reference,
    subjectSummary: wording.subject(
      meeting.number,
      kind === 'reminder' ? formatGovukTime(meeting.startsAt) : formatGovukDateTime(meeting.startsAt),
    ),
    recipientName: data.recipientName,
    intro: [wording.intro(when, data.reference, formatGovukTime(meeting.startsAt), formatGovukDate(meeting.startsAt, { weekday: true }))],
    facts: [
      ['Review', data.reference],
      ['Meeting', `Panel meeting ${meeting.number}`],
      ['When', meetingTimes(meeting)],
      ['Location', meeting.location],
      ...(meeting.agenda ? [['Agenda', meeting.agenda] as const] : []),
    ],
    whatToDo: wording.whatToDo(contactPhrase(data.partnership)),
    reviewUrl,
    partnership: data.partnership,
  });
}

export const renderMeetingInvitation: TemplateRenderer = (data, url) => renderMeeting('invitation', data, url);
export const renderMeetingUpdated: TemplateRenderer = (data, url) => renderMeeting('updated', data, url);
export const renderMeetingCancelled: TemplateRenderer = (data, url) => renderMeeting('cancelled', data, url);
export const renderMeetingReminder: TemplateRenderer = (data, url) => renderMeeting('reminder', data, url);

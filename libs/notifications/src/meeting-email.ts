import { buildMeetingIcs, OutgoingIcalEvent } from './email';
import type { EmailContext } from './email-context';

/**
 * Meeting emails are built when sent, from the meeting as it is then. An invitation,
 * update or reminder made for an older SEQUENCE (or for a meeting since cancelled) is
 * stale: the change that superseded it created its own email, so sending the old one
 * would only repeat or contradict it. A cancellation is never stale (nothing follows it).
 */
export function isStaleMeetingEmail(context: EmailContext, now: Date): boolean {
  const meeting = context.meeting;
  if (!meeting || !context.template.startsWith('meeting.') || context.template === 'meeting.cancelled') return false;
  if (meeting.status !== 'scheduled' || meeting.sequence !== meeting.notifiedSequence) return true;
  // A reminder that could only arrive once the meeting has begun helps no one.
  return context.template === 'meeting.reminder' && meeting.startsAt.getTime() <= now.getTime();
}

/** The text/calendar part of an invitation, update or cancellation; none for other emails (reminders included). */
export function meetingIcalEvent(
  context: EmailContext,
  options: { organizer: string; reviewUrl: string; stamp: Date },
): OutgoingIcalEvent | undefined {
  const meeting = context.meeting;
  const method =
    context.template === 'meeting.cancelled'
      ? 'CANCEL'
      : context.template === 'meeting.invitation' || context.template === 'meeting.updated'
        ? 'REQUEST'
        : null;
  if (!meeting || !method) return undefined;
  const content = buildMeetingIcs({
    method,
    meetingId: meeting.id,
    sequence: meeting.sequence,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    location: meeting.location,
    agenda: meeting.agenda,
    reference: context.emailData.reference,
    organizer: options.organizer,
    attendeeEmail: context.recipientEmail,
    reviewUrl: options.reviewUrl,
    stamp: options.stamp,
  });
  return { method, content };
}

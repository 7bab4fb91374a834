import type { MeetingView } from '@dhr/meetings';
import { longDate, time } from './dates';

/** "2 October 2026, 10am to 12:30pm" (or across days: both dates in full). */
export function meetingWhen(startsAt: string, endsAt: string): string {
  const sameDay = longDate(startsAt) === longDate(endsAt);
  return sameDay
    ? `${longDate(startsAt)}, ${time(startsAt)} to ${time(endsAt)}`
    : `${longDate(startsAt)}, ${time(startsAt)} to ${longDate(endsAt)}, ${time(endsAt)}`;
}

/** The review's meetings by number, each with its time in words, place, status and who is invited, by name. */
export function meetingRows(meetings: MeetingView[], now: Date, userName: (id: string) => string | null) {
  return meetings.map((m) => ({
    id: m.id,
    number: m.number,
    when: meetingWhen(m.startsAt, m.endsAt),
    timestamp: m.startsAt,
    location: m.location,
    agenda: m.agenda,
    status:
      m.status === 'cancelled'
        ? { text: 'Cancelled', classes: 'govuk-tag--grey' }
        : new Date(m.endsAt).getTime() < now.getTime()
          ? { text: 'Held', classes: 'govuk-tag--green' }
          : { text: 'Scheduled', classes: 'govuk-tag--blue' },
    attendees: m.attendees.map((a) => userName(a.userId) ?? 'A former user').sort((a, b) => a.localeCompare(b)),
    minutes: m.minutesDocumentId !== null,
    /** Not cancelled and not begun: it may still be changed or cancelled (the meetings lib's rule). */
    changeable: m.status === 'scheduled' && new Date(m.startsAt).getTime() > now.getTime(),
  }));
}

import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

/** Meetings are held on the UK wall clock: DTSTART/DTEND carry TZID=Europe/London. */
export const MEETING_ICS_ZONE = 'Europe/London';

/** The iCalendar UID of a meeting: stable across updates and the cancellation, so clients replace one event. */
export const meetingUid = (meetingId: string) => `${meetingId}@dhr-engine`;

export interface MeetingIcsInput {
  method: 'REQUEST' | 'CANCEL';
  meetingId: string;
  /** SEQUENCE: the meeting's change counter (0 when scheduled). */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  location: string;
  agenda: string | null;
  /** Review reference: the only identifier in SUMMARY. */
  reference: string;
  /** MAIL_FROM, "addr" or "Name <addr>". */
  organizer: string;
  /** The one recipient of this email: other attendees' addresses are not shared. */
  attendeeEmail: string;
  reviewUrl: string;
  /** DTSTAMP: when this iCalendar object was made. */
  stamp: Date;
}

/**
 * One meeting as an RFC 5545 VCALENDAR for a single attendee. Times go in as luxon
 * DateTimes in Europe/London: ical-generator renders plain Dates in the server's own
 * zone, which would be wrong on a UTC host.
 */
export function buildMeetingIcs(m: MeetingIcsInput): string {
  const cancel = m.method === 'CANCEL';
  const calendar = ical({
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: 'dhr-engine', product: 'panel-meetings', language: 'EN' },
  });
  // name null: no X-WR-TIMEZONE, DTSTAMP stays UTC; the generator adds the VTIMEZONE the TZID refers to.
  calendar.timezone({ name: null, generator: (zone) => (zone === MEETING_ICS_ZONE ? EUROPE_LONDON_VTIMEZONE : null) });
  const event = calendar.createEvent({
    id: meetingUid(m.meetingId),
    sequence: m.sequence,
    stamp: m.stamp,
    start: DateTime.fromJSDate(m.startsAt, { zone: MEETING_ICS_ZONE }),
    end: DateTime.fromJSDate(m.endsAt, { zone: MEETING_ICS_ZONE }),
    timezone: MEETING_ICS_ZONE,
    summary: `DHR panel meeting — ${oneLine(m.reference)}`,
    location: m.location,
    description: [`Location: ${m.location}`, ...(m.agenda ? ['', 'Agenda:', m.agenda] : []), '', `Review: ${m.reviewUrl}`].join('\n'),
    organizer: organizerOf(m.organizer),
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  event.createAttendee({
    email: m.attendeeEmail,
    role: ICalAttendeeRole.REQ,
    rsvp: !cancel,
    status: cancel ? null : ICalAttendeeStatus.NEEDSACTION,
  });
  if (!cancel) {
    event.createAlarm({
      type: ICalAlarmType.display,
      trigger: 86_400,
      description: `DHR panel meeting tomorrow — ${oneLine(m.reference)}`,
    });
  }
  return calendar.toString();
}

function organizerOf(mailFrom: string): { name: string; email: string } {
  const angled = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  if (angled) return { name: angled[1] || 'DHR case management', email: angled[2] };
  return { name: 'DHR case management', email: mailFrom.trim() };
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

/** GMT/BST as in force since 1996 (EU rules: last Sunday of March 01:00 UTC, last Sunday of October 01:00 UTC). */
const EUROPE_LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

import { AGENDA_MAX, LOCATION_MAX, type MeetingView } from '@dhr/meetings';
import { longDate, time } from './dates';
import type { FieldWords } from './dto-errors';
import { londonDay, londonInstant, readDate, readTime } from './form-dates';

type Values = Record<string, string | undefined>;

/** Someone who takes part in the review, as the attendee checkboxes show them. */
export interface Participant {
  id: string;
  name: string;
  /** "Coordinator", "Agency contact for Police": what they are in the review's partnership. */
  what: string;
}

/** The meeting form's fields in page order: the error summary lists problems in this order. */
const FIELD_ORDER = ['date', 'startTime', 'endTime', 'location', 'agenda', 'agencyIds', 'attendeeUserIds'];

/** How a bad answer is worded, by the meetings lib's field (ScheduleMeetingDto, UpdateMeetingDto and the lib's own checks). */
export const MEETING_WORDS: FieldWords = {
  startsAt: () => 'The meeting must start in the future',
  endsAt: () => 'The end time must be after the start time, and at most 12 hours later',
  location: (constraint) =>
    constraint === 'maxLength'
      ? `Where the meeting is must be ${LOCATION_MAX} characters or fewer`
      : 'Enter where the meeting is: a place or a video link',
  agenda: () => `The agenda must be ${AGENDA_MAX.toLocaleString('en-GB')} characters or fewer`,
  attendeeUserIds: () => 'Select only people who take part in the review',
  agencyIds: () => 'Select only agencies that take part in the review',
};

/** The form field a lib field's problem belongs to: times are typed as a date and two times. */
const FORM_FIELD: Record<string, string> = { startsAt: 'date', endsAt: 'endTime' };

/** Problems named by the lib's fields, moved to the form's fields and put in page order. */
export function meetingFormProblems(...sets: Record<string, string>[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const set of sets)
    for (const [field, message] of Object.entries(set)) {
      const formField = FORM_FIELD[field] ?? field;
      merged[formField] ??= message;
    }
  const ordered: Record<string, string> = {};
  for (const field of [...FIELD_ORDER, ...Object.keys(merged)]) if (merged[field] && !ordered[field]) ordered[field] = merged[field];
  return ordered;
}

const MAX_LENGTH_MS = 12 * 3_600_000;

/**
 * The meeting's start and end from a date and two times ("10am", "2:30pm") in Europe/London, or
 * what is wrong with them, by form field. A new or moved meeting must start in the future.
 */
export function readMeetingTimes(
  values: Values,
  now: Date,
  mustBeFuture: (startsAt: Date) => boolean,
): { startsAt: string; endsAt: string } | { problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const date = readDate(values, 'date');
  if (!date) problems.date = 'Enter the date of the meeting';
  else if ('problem' in date)
    problems.date =
      date.problem === 'incomplete'
        ? `The date of the meeting must include a ${date.parts.join(' and ')}`
        : 'The date of the meeting must be a real date';
  const start = readClock(values.startTime, 'start');
  const end = readClock(values.endTime, 'end');
  if ('problem' in start) problems.startTime = start.problem;
  if ('problem' in end) problems.endTime = end.problem;
  if (!date || 'problem' in date || 'problem' in start || 'problem' in end) return { problems };
  const startsAt = londonInstant(date.date, start.hour, start.minute);
  const endsAt = londonInstant(date.date, end.hour, end.minute);
  if (endsAt.getTime() <= startsAt.getTime()) problems.endTime = 'The end time must be after the start time';
  else if (endsAt.getTime() - startsAt.getTime() > MAX_LENGTH_MS) problems.endTime = 'A meeting can last at most 12 hours';
  if (mustBeFuture(startsAt) && startsAt.getTime() <= now.getTime()) {
    if (date.date < londonDay(now)) problems.date = 'The date of the meeting must be today or in the future';
    else problems.startTime = 'The start time must be later than now';
  }
  return Object.keys(problems).length ? { problems } : { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
}

function readClock(text: string | undefined, which: 'start' | 'end'): { hour: number; minute: number } | { problem: string } {
  if (!text) return { problem: `Enter the ${which} time` };
  return readTime(text) ?? { problem: `Enter the ${which} time like 10am or 2:30pm` };
}

/** A meeting's answers as the form shows them, to change it: its London date and times in words. */
export function meetingValues(meeting: MeetingView): Values {
  const [year, month, day] = londonDay(new Date(meeting.startsAt)).split('-');
  return {
    'date-day': String(Number(day)),
    'date-month': String(Number(month)),
    'date-year': year,
    startTime: time(meeting.startsAt),
    endTime: time(meeting.endsAt),
    location: meeting.location,
    agenda: meeting.agenda ?? undefined,
  };
}

/** "Meeting 2 on 2 October 2026": how the pages name a meeting. */
export function meetingName(meeting: Pick<MeetingView, 'number' | 'startsAt'>): string {
  return `Meeting ${meeting.number} on ${longDate(meeting.startsAt)}`;
}

/** A form's checkbox answers: one value or several, never anything but strings. */
export function checked(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && v !== ''))];
}

/** The invitation checkboxes: the agencies of the review (each invites all its contacts) and the people who take part, by name. */
export function inviteChoices(
  people: Participant[],
  agencies: { id: string; name: string }[],
  chosen: { attendeeUserIds: string[]; agencyIds: string[] },
) {
  return {
    agencies: agencies.map((a) => ({ value: a.id, text: a.name, checked: chosen.agencyIds.includes(a.id) })),
    people: people.map((p) => ({ value: p.id, text: p.name, hint: { text: p.what }, checked: chosen.attendeeUserIds.includes(p.id) })),
  };
}

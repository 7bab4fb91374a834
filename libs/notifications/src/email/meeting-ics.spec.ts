import { buildMeetingIcs, MeetingIcsInput } from './meeting-ics';

const base: MeetingIcsInput = {
  method: 'REQUEST',
  meetingId: '6f1c1d5e-8d0b-4b7e-9a53-1f0e2d3c4b5a',
  sequence: 0,
  startsAt: new Date('2026-06-10T09:00:00Z'),
  endsAt: new Date('2026-06-10T11:00:00Z'),
  location: 'Room 4, Civic Centre; https://meet.example/abc',
  agenda: '1. Chronology\n2. IMRs',
  reference: 'DHR-CROY-2026-001',
  organizer: 'DHR Engine <dhr@croydon.gov.uk>',
  attendeeEmail: 'contact@police.example',
  reviewUrl: 'https://dhr.example/reviews/r1',
  stamp: new Date('2026-05-01T12:00:00Z'),
};

/** Unfolded content lines. */
const lines = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n');
/** The first such line of the VEVENT (the VTIMEZONE has DTSTART lines of its own). */
const line = (ics: string, name: string) =>
  lines(ics.slice(ics.indexOf('BEGIN:VEVENT'))).find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

describe('buildMeetingIcs', () => {
  it('makes a REQUEST with a stable UID, the SEQUENCE, UK local times and a day-before alarm', () => {
    const ics = buildMeetingIcs(base);
    expect(lines(ics)).toContain('METHOD:REQUEST');
    expect(line(ics, 'UID')).toBe(`UID:${base.meetingId}@dhr-engine`);
    expect(line(ics, 'SEQUENCE')).toBe('SEQUENCE:0');
    expect(line(ics, 'DTSTART')).toBe('DTSTART;TZID=Europe/London:20260610T100000');
    expect(line(ics, 'DTEND')).toBe('DTEND;TZID=Europe/London:20260610T120000');
    expect(line(ics, 'DTSTAMP')).toBe('DTSTAMP:20260501T120000Z');
    expect(line(ics, 'STATUS')).toBe('STATUS:CONFIRMED');
    expect(line(ics, 'SUMMARY')).toBe('SUMMARY:DHR panel meeting — DHR-CROY-2026-001');
    expect(line(ics, 'LOCATION')).toBe('LOCATION:Room 4\\, Civic Centre\\; https://meet.example/abc');
    expect(line(ics, 'ORGANIZER')).toBe('ORGANIZER;CN="DHR Engine":mailto:dhr@croydon.gov.uk');
    expect(line(ics, 'ATTENDEE')).toContain('RSVP=TRUE');
    expect(line(ics, 'ATTENDEE')).toMatch(/:MAILTO:contact@police\.example$/i);
    expect(lines(ics).filter((l) => l.startsWith('ATTENDEE'))).toHaveLength(1);
    expect(ics).toContain('BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P1D');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/London');
    expect(line(ics, 'DESCRIPTION')).toContain('2. IMRs');
  });

  it('shows the UK wall-clock time on the days the clocks change', () => {
    // Last Sunday of March 2026: 10:00 BST is 09:00 UTC; 00:30 UTC is still 00:30 GMT.
    expect(
      line(buildMeetingIcs({ ...base, startsAt: new Date('2026-03-29T09:00:00Z'), endsAt: new Date('2026-03-29T10:00:00Z') }), 'DTSTART'),
    ).toBe('DTSTART;TZID=Europe/London:20260329T100000');
    expect(
      line(buildMeetingIcs({ ...base, startsAt: new Date('2026-03-29T00:30:00Z'), endsAt: new Date('2026-03-29T01:30:00Z') }), 'DTEND'),
    ).toBe('DTEND;TZID=Europe/London:20260329T023000');
    // Last Sunday of October 2026: 10:00 GMT is 10:00 UTC; 00:30 UTC is 01:30 BST.
    expect(
      line(buildMeetingIcs({ ...base, startsAt: new Date('2026-10-25T10:00:00Z'), endsAt: new Date('2026-10-25T11:00:00Z') }), 'DTSTART'),
    ).toBe('DTSTART;TZID=Europe/London:20261025T100000');
    expect(
      line(buildMeetingIcs({ ...base, startsAt: new Date('2026-10-24T23:30:00Z'), endsAt: new Date('2026-10-25T02:00:00Z') }), 'DTSTART'),
    ).toBe('DTSTART;TZID=Europe/London:20261025T003000');
  });

  it('makes an update with the same UID and the new SEQUENCE, and a CANCEL with STATUS:CANCELLED', () => {
    const update = buildMeetingIcs({ ...base, sequence: 1 });
    expect(line(update, 'UID')).toBe(line(buildMeetingIcs(base), 'UID'));
    expect(line(update, 'SEQUENCE')).toBe('SEQUENCE:1');
    const cancel = buildMeetingIcs({ ...base, method: 'CANCEL', sequence: 2 });
    expect(lines(cancel)).toContain('METHOD:CANCEL');
    expect(line(cancel, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(line(cancel, 'SEQUENCE')).toBe('SEQUENCE:2');
    expect(cancel).not.toContain('BEGIN:VALARM');
  });

  it('keeps SUMMARY to the reference and accepts a bare MAIL_FROM', () => {
    const ics = buildMeetingIcs({ ...base, reference: 'DHR-X\r\nATTENDEE:evil@x', organizer: 'dhr@localhost' });
    expect(line(ics, 'SUMMARY')).toBe('SUMMARY:DHR panel meeting — DHR-X ATTENDEE:evil@x');
    expect(lines(ics).filter((l) => l.startsWith('ATTENDEE'))).toHaveLength(1);
    expect(line(ics, 'ORGANIZER')).toBe('ORGANIZER;CN="DHR case management":mailto:dhr@localhost');
  });
});

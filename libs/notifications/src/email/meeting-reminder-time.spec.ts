import { meetingReminderAt } from './meeting-reminder-time';

const at = (startsAt: string, now = '2026-01-01T00:00:00Z') => meetingReminderAt(new Date(startsAt), new Date(now))?.toISOString() ?? null;

describe('meetingReminderAt: 09:00 UK time the calendar day before', () => {
  it('crosses month ends, leap years included', () => {
    expect(at('2026-03-01T10:00:00Z')).toBe('2026-02-28T09:00:00.000Z');
    expect(at('2028-03-01T10:00:00Z')).toBe('2028-02-29T09:00:00.000Z');
    expect(at('2026-05-01T09:00:00Z')).toBe('2026-04-30T08:00:00.000Z'); // 10:00 BST; 09:00 BST the day before
    expect(at('2027-01-01T10:00:00Z', '2026-06-01T00:00:00Z')).toBe('2026-12-31T09:00:00.000Z');
  });

  it('uses the UK date of the start, not the UTC one', () => {
    expect(at('2026-07-01T23:30:00Z')).toBe('2026-07-01T08:00:00.000Z'); // 00:30 BST on 2 July
  });

  it('follows the spring change (last Sunday of March)', () => {
    expect(at('2026-03-29T09:00:00Z')).toBe('2026-03-28T09:00:00.000Z'); // Sunday 10:00 BST; Saturday is still GMT
    expect(at('2026-03-30T09:00:00Z')).toBe('2026-03-29T08:00:00.000Z'); // Monday; Sunday 09:00 is already BST
  });

  it('follows the autumn change (last Sunday of October)', () => {
    expect(at('2026-10-25T10:00:00Z')).toBe('2026-10-24T08:00:00.000Z'); // Sunday 10:00 GMT; Saturday is still BST
    expect(at('2026-10-26T10:00:00Z')).toBe('2026-10-25T09:00:00.000Z'); // Monday; Sunday 09:00 is GMT
  });

  it('gives no reminder when that time has already passed', () => {
    expect(at('2026-03-06T10:00:00Z', '2026-03-05T09:00:00Z')).toBeNull();
    expect(at('2026-03-06T10:00:00Z', '2026-03-05T08:59:59Z')).toBe('2026-03-05T09:00:00.000Z');
  });
});

import { DateTime } from 'luxon';

const UK_ZONE = 'Europe/London';
const REMINDER_HOUR = 9;

/**
 * When a meeting's reminder goes: 09:00 UK time on the calendar day before the day
 * the meeting starts (UK date), whatever the offset (GMT or BST) on either day.
 * Null when that moment is not after `now`: a meeting scheduled (or moved) too late
 * for it gets no reminder.
 */
export function meetingReminderAt(startsAt: Date, now: Date): Date | null {
  const dayBefore = DateTime.fromJSDate(startsAt, { zone: UK_ZONE }).startOf('day').minus({ days: 1 });
  const at = dayBefore.set({ hour: REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  return at.getTime() > now.getTime() ? at : null;
}

// Pure time arithmetic for statutory clocks: Europe/London calendar, working days,
// bank holidays and reminder/escalation times. No database, no Nest, no "now".
export * from './duration';
export { LONDON, toLondonWallClock, fromLondonWallClock, londonIsoDate, addLondonCalendar } from './london-wall-clock';
export type { LondonWallClock } from './london-wall-clock';
export { addDuration, subtractDuration } from './london-time';
export { addWorkingDays, subtractWorkingDays, isWorkingDay } from './working-days';
export { BankHolidays, BankHolidayCoverageError } from './bank-holidays';
export type { BankHolidayData, BankHolidayEvent } from './bank-holidays';
export * from './reminder-schedule';
export { atLondonTime, onSameLondonDateAt, isAtLondonTime, isWholeDays, isIsoDateOnly } from './due-time';

import { registerDecorator, ValidationOptions } from 'class-validator';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return false;
  // Date.parse rolls 2026-02-30 over to March: compare the calendar date back.
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** An ISO-8601 date-time with an explicit offset (or Z), e.g. 2026-03-06T17:00:00Z. */
export function IsIsoDateTime(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDateTime',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO-8601 date-time with offset, e.g. 2026-03-06T17:00:00Z`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && DATE_TIME.test(value) && isRealDate(value) },
    });
}

/** A calendar date, e.g. 2026-03-06. */
export function IsIsoDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date like 2026-03-06`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && DATE.test(value) && isRealDate(value) },
    });
}

/** A due date: a calendar date (it falls due at the rulebook's due time, 5pm London) or a date-time with offset. */
export function IsDueDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDueDate',
      target: object.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a date like 2026-12-09 (due at 5pm London) or an ISO-8601 date-time with offset`,
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (DATE.test(value) || DATE_TIME.test(value)) && isRealDate(value),
      },
    });
}

/** When something happened: a calendar date (London) or a date-time with offset. */
export function IsDateOrDateTime(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOrDateTime',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date like 2026-03-06 or an ISO-8601 date-time with offset`, ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (DATE.test(value) || DATE_TIME.test(value)) && isRealDate(value),
      },
    });
}

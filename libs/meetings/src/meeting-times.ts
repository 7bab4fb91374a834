import { DomainError } from '@dhr/core';

export interface MeetingTimes {
  startsAt: Date;
  endsAt: Date;
}

const MAX_LENGTH_MS = 12 * 3_600_000;

/** A meeting ends after it starts and lasts at most 12 hours; a new or moved one starts in the future. 400 naming the field. */
export function checkTimes(times: MeetingTimes, now: Date, mustBeFuture: boolean): MeetingTimes {
  if (mustBeFuture && times.startsAt.getTime() <= now.getTime()) throw DomainError.field('startsAt', 'must be in the future');
  const length = times.endsAt.getTime() - times.startsAt.getTime();
  if (length <= 0) throw DomainError.field('endsAt', 'must be after startsAt');
  if (length > MAX_LENGTH_MS) throw DomainError.field('endsAt', 'must be at most 12 hours after startsAt');
  return times;
}

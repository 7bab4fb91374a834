// What the service checks and fills in for the guidance's steps (v3) before the machine
// sees them: what each step needs recorded, an IMR's sign-off date, and the report's
// time online (at least 12 months from publication, the guidance's "normally").
import { DateTime } from 'luxon';
import { DomainError } from '@dhr/core';
import { atLondonTime, isIsoDateOnly } from '@dhr/clocks';
import type { DhrEventType } from '@dhr/workflows/dhr/contract';

const MIN_MONTHS_ONLINE = 12;

/** Checks and completes `fields` (in place) for the events that record guidance steps. */
export function completeStatutorySteps(
  type: DhrEventType,
  fields: Record<string, unknown>,
  occurredAt: Date,
  assertPast: (field: string, at: Date) => void,
): void {
  if (type === 'RECORD_GUIDANCE_STEP') checkGuidanceStep(fields);
  if (type === 'RECEIVE_IMR' && fields.signedOffAt !== undefined) {
    if (fields.signedOffBy === undefined) throw DomainError.field('signedOffBy', 'name the senior manager’s role when giving signedOffAt');
    const given = fields.signedOffAt as string;
    // A date alone is that London day's start: a sign-off today is never "in the future".
    const at = isIsoDateOnly(given) ? atLondonTime(given, '00:00') : new Date(given);
    assertPast('signedOffAt', at);
    fields.signedOffAt = at.toISOString();
  }
  // Not given: the rulebook's keep_online length from publication (12 months).
  if (type === 'PUBLISH' && fields.keepOnlineUntil !== undefined) {
    const earliest = londonDay(occurredAt).plus({ months: MIN_MONTHS_ONLINE }).toISODate()!;
    if (londonDay(new Date(fields.keepOnlineUntil as string)).toISODate()! < earliest) {
      throw DomainError.field('keepOnlineUntil', `must be at least ${MIN_MONTHS_ONLINE} months after publishedAt (${earliest} or later)`);
    }
  }
}

function checkGuidanceStep(fields: Record<string, unknown>): void {
  if (fields.done === undefined) fields.done = true;
  const step = fields.step as string;
  if (fields.done === false && fields.note === undefined) throw DomainError.field('note', 'say why the step was not done');
  if (step === 'advocacy_offered' && fields.done === true && fields.organisation === undefined) {
    throw DomainError.field('organisation', 'name the specialist advocacy service offered');
  }
  if (step !== 'advocacy_offered' && fields.organisation !== undefined)
    throw DomainError.field('organisation', 'only for advocacy_offered');
  if (step === 'imr_signed_off') {
    if (fields.agencyId === undefined) throw DomainError.field('agencyId', 'name the agency whose IMR was signed off');
    if (fields.done === true && fields.signedOffBy === undefined) throw DomainError.field('signedOffBy', 'name the senior manager’s role');
  } else {
    for (const field of ['agencyId', 'signedOffBy'])
      if (fields[field] !== undefined) throw DomainError.field(field, 'only for imr_signed_off');
  }
}

function londonDay(at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone: 'Europe/London' }).startOf('day');
}

import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { DateTime } from 'luxon';
import { validateSync } from 'class-validator';
import { DomainError, validationException } from '@dhr/core';
import { atLondonTime, isIsoDateOnly } from '@dhr/clocks';
import { DHR_EVENT_TYPES, DhrEvent, DhrEventType, HoldKind } from '@dhr/workflows/dhr/contract';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook';

/** A date-only due date under a rulebook that sets no due time still means the end of the working day. */
const DEFAULT_DUE_TIME = '17:00';
import { EVENT_CATALOGUE } from './event-catalogue';
import { completeStatutorySteps } from './statutory-steps';

/** A request body that passed validation for its event type; times not yet checked against the review. */
export interface ParsedEvent {
  type: DhrEventType;
  fields: Record<string, unknown>;
  occurredAt?: string;
  expectedVersion?: number;
  /** Recorded by the coordinator for this CSP chair or chair, with what records it. */
  onBehalfOf?: string;
  evidence?: string;
}

/** Validates `{type, ...payload}` against the DTO of its type: unknown fields and wrong types are 400s. */
export function parseEventBody(body: unknown): ParsedEvent {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw DomainError.field('body', 'must be a JSON object');
  const type = (body as { type?: unknown }).type;
  if (typeof type !== 'string' || !(DHR_EVENT_TYPES as string[]).includes(type)) {
    throw DomainError.field('type', `must be one of ${DHR_EVENT_TYPES.join(', ')}`);
  }
  const spec = EVENT_CATALOGUE[type as DhrEventType];
  const instance = plainToInstance(spec.dto, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) throw validationException(errors);
  const { type: _type, occurredAt, expectedVersion, onBehalfOf, evidence, ...fields } = instance as unknown as Record<string, unknown>;
  return {
    type: type as DhrEventType,
    fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    occurredAt: occurredAt as string | undefined,
    expectedVersion: expectedVersion as number | undefined,
    onBehalfOf: onBehalfOf as string | undefined,
    evidence: evidence as string | undefined,
  };
}

const CLOCK_SKEW_MS = 60_000;

/** The rulebook settings an event's defaults come from. */
export type EventRules = Pick<Rulebook, 'dueTime' | 'holdScopes'>;

/**
 * Fixes when the event happened (its named timestamp, else occurredAt, else now)
 * and refuses times in the future or before the death, naming the field. A due date
 * given as a date falls due at the rulebook's due time (5pm London) that day; a hold
 * with no scope takes its kind's scope from the rulebook.
 */
export function resolveEvent(parsed: ParsedEvent, now: Date, deathDate: string, rules: EventRules): DhrEvent {
  const spec = EVENT_CATALOGUE[parsed.type];
  const named = spec.time ? (parsed.fields[spec.time] as string | undefined) : undefined;
  if (named && parsed.occurredAt && Date.parse(named) !== Date.parse(parsed.occurredAt)) {
    throw DomainError.field('occurredAt', `must equal ${spec.time} when both are given`);
  }
  const timeField = named ? spec.time! : 'occurredAt';
  const occurredAt = new Date(named ?? parsed.occurredAt ?? now.toISOString());
  assertPastFact(timeField, occurredAt, now, deathDate);

  const fields = { ...parsed.fields };
  for (const dueField of spec.dueFields ?? []) {
    const given = fields[dueField] as string | undefined;
    if (!given) continue;
    const due = isIsoDateOnly(given) ? atLondonTime(given, rules.dueTime ?? DEFAULT_DUE_TIME) : new Date(given);
    if (due.getTime() <= occurredAt.getTime()) throw DomainError.field(dueField, `must be after ${timeField}`);
    fields[dueField] = due.toISOString();
  }
  if (parsed.type === 'EXTEND_DEADLINE' && Date.parse(fields.dueAt as string) <= now.getTime()) {
    throw DomainError.field('dueAt', 'must be in the future');
  }
  if (parsed.type === 'PUT_ON_HOLD' && fields.scope === undefined) fields.scope = rules.holdScopes[fields.kind as HoldKind];
  if (fields.deathType === 'other' && !fields.deathTypeDescription) {
    throw DomainError.field('deathTypeDescription', 'describe the kind of death when it is "other"');
  }
  completeStatutorySteps(parsed.type, fields, occurredAt, (field, at) => assertPastFact(field, at, now, deathDate));
  if (parsed.type === 'AGREE_TERMS_OF_REFERENCE' && String(parsed.fields.periodFrom) > String(parsed.fields.periodTo)) {
    throw DomainError.field('periodTo', 'must not be before periodFrom');
  }

  const iso = occurredAt.toISOString();
  const event: Record<string, unknown> = { type: parsed.type, ...fields, occurredAt: iso };
  if (spec.time) event[spec.time] = iso;
  if (parsed.type === 'ADD_ACTION' && !event.actionId) event.actionId = randomUUID();
  return event as unknown as DhrEvent;
}

/** A recorded fact: not in the future (beyond clock skew) and not before the death it follows. */
export function assertPastFact(field: string, at: Date, now: Date, deathDate: string): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw DomainError.field(field, 'must not be in the future');
  // The death date is a calendar date in England and Wales: compare London dates.
  if (londonDate(at) < deathDate) throw DomainError.field(field, 'must not be before the date of death');
}

export function londonDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'Europe/London' }).toISODate()!;
}

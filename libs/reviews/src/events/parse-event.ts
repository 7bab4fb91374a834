import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { DateTime } from 'luxon';
import { validateSync } from 'class-validator';
import { DomainError, validationException } from '@dhr/core';
import { DHR_EVENT_TYPES, DhrEvent, DhrEventType } from '@dhr/workflows/dhr/contract';
import { EVENT_CATALOGUE } from './event-catalogue';

/** A request body that passed validation for its event type; times not yet checked against the review. */
export interface ParsedEvent {
  type: DhrEventType;
  fields: Record<string, unknown>;
  occurredAt?: string;
  expectedVersion?: number;
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
  const { type: _type, occurredAt, expectedVersion, ...fields } = instance as unknown as Record<string, unknown>;
  return {
    type: type as DhrEventType,
    fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    occurredAt: occurredAt as string | undefined,
    expectedVersion: expectedVersion as number | undefined,
  };
}

const CLOCK_SKEW_MS = 60_000;

/**
 * Fixes when the event happened (its named timestamp, else occurredAt, else now)
 * and refuses times in the future or before the death, naming the field.
 */
export function resolveEvent(parsed: ParsedEvent, now: Date, deathDate: string): DhrEvent {
  const spec = EVENT_CATALOGUE[parsed.type];
  const named = spec.time ? (parsed.fields[spec.time] as string | undefined) : undefined;
  if (named && parsed.occurredAt && Date.parse(named) !== Date.parse(parsed.occurredAt)) {
    throw DomainError.field('occurredAt', `must equal ${spec.time} when both are given`);
  }
  const timeField = named ? spec.time! : 'occurredAt';
  const occurredAt = new Date(named ?? parsed.occurredAt ?? now.toISOString());
  assertPastFact(timeField, occurredAt, now, deathDate);

  for (const dueField of spec.dueFields ?? []) {
    const due = parsed.fields[dueField] as string | undefined;
    if (due && Date.parse(due) <= occurredAt.getTime()) throw DomainError.field(dueField, `must be after ${timeField}`);
  }
  if (parsed.type === 'AGREE_TERMS_OF_REFERENCE' && String(parsed.fields.periodFrom) > String(parsed.fields.periodTo)) {
    throw DomainError.field('periodTo', 'must not be before periodFrom');
  }

  const iso = occurredAt.toISOString();
  const event: Record<string, unknown> = { type: parsed.type, ...parsed.fields, occurredAt: iso };
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

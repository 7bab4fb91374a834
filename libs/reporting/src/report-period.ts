import { DateTime } from 'luxon';
import { DomainError, FieldError } from '@dhr/core';

/** A reporting period: whole London days, `from` and `to` both included. */
export interface ReportPeriod {
  from: string;
  to: string;
  /** London midnight starting `from`. */
  start: Date;
  /** London midnight after `to` (exclusive). */
  end: Date;
}

export const AUDIENCES = ['public', 'restricted'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const BOARD_REPORT_FORMATS = ['docx', 'html'] as const;
export type BoardReportFormat = (typeof BOARD_REPORT_FORMATS)[number];
export const DATA_RETURN_FORMATS = ['csv', 'json'] as const;
export type DataReturnFormat = (typeof DATA_RETURN_FORMATS)[number];

const LONDON = 'Europe/London';
/** Ten years: a period longer than that is a typing mistake, and an unbounded one a heavy query. */
const MAX_PERIOD_DAYS = 3660;

const londonDay = (value: string) => DateTime.fromISO(value, { zone: LONDON });

/** Checks one date field, YYYY-MM-DD and a real calendar date; returns a problem or null. */
function dateProblem(field: string, value: unknown): FieldError | null {
  if (value === undefined || value === '') return { field, reason: 'is required (a date like 2026-04-01)' };
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || !londonDay(value).isValid)
    return { field, reason: 'must be a real date written YYYY-MM-DD' };
  return null;
}

/** The period of a query, or 400 naming `from` or `to` and why. */
export function parsePeriod(query: { from?: unknown; to?: unknown }, now: Date): ReportPeriod {
  const problems = [dateProblem('from', query.from), dateProblem('to', query.to)].filter((p): p is FieldError => p !== null);
  if (problems.length > 0) throw DomainError.validation(problems);
  const from = query.from as string;
  const to = query.to as string;
  const start = londonDay(from);
  const last = londonDay(to);
  if (last < start) throw DomainError.field('to', 'must be on or after from');
  if (last.diff(start, 'days').days > MAX_PERIOD_DAYS) throw DomainError.field('to', 'the period may be at most ten years');
  if (start > DateTime.fromJSDate(now).setZone(LONDON).endOf('day')) throw DomainError.field('from', 'must not be in the future');
  return { from, to, start: start.toJSDate(), end: last.plus({ days: 1 }).toJSDate() };
}

/** One of a fixed list of words, or 400 naming the field; `fallback` when it is absent. */
export function parseChoice<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback?: T): T {
  if ((value === undefined || value === '') && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw DomainError.field(field, `must be one of ${allowed.join(', ')}`);
}

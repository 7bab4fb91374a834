import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { DateTime } from 'luxon';
import { DomainError, OptionalNotNull } from '@dhr/core';
import type { Period } from './queries/queryable';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LONDON = 'Europe/London';

/** `?from=&to=`: London dates, both ends included; by default the twelve months to today. */
export class DashboardQuery {
  @ApiPropertyOptional({ format: 'date', description: 'first day of the period (London), default a year before `to`' })
  @OptionalNotNull()
  @IsString()
  @Matches(DATE, { message: 'from must be a date like 2026-03-06' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'last day of the period (London), included; default today' })
  @OptionalNotNull()
  @IsString()
  @Matches(DATE, { message: 'to must be a date like 2026-03-06' })
  to?: string;
}

/** The period as dates (for showing and for the URL) and as instants [from 00:00, the day after `to` 00:00) in London. */
export interface ResolvedPeriod extends Period {
  fromDate: string;
  toDate: string;
}

function londonDay(field: 'from' | 'to', value: string): DateTime {
  const day = DateTime.fromISO(value, { zone: LONDON });
  if (!day.isValid) throw DomainError.field(field, `${field} must be a real date`);
  return day.startOf('day');
}

/** Checks and resolves the period: a 400 naming the field for a date that is not one or a period that ends before it starts. */
export function resolvePeriod(query: { from?: string; to?: string }, now: Date): ResolvedPeriod {
  const to = query.to ? londonDay('to', query.to) : DateTime.fromJSDate(now, { zone: LONDON }).startOf('day');
  const from = query.from ? londonDay('from', query.from) : to.minus({ years: 1 }).plus({ days: 1 });
  if (from > to) throw DomainError.field('to', 'to must not be before from');
  return {
    fromDate: from.toISODate() as string,
    toDate: to.toISODate() as string,
    from: from.toJSDate(),
    to: to.plus({ days: 1 }).toJSDate(),
  };
}

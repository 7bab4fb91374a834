import { DomainError } from '@dhr/core';
import type { RecommendationEntity } from './action-plan.entities';

export const ROUTING_STATUSES = ['not_sent', 'awaiting_response', 'response_received'] as const;
export type RoutingStatus = (typeof ROUTING_STATUSES)[number];

/** Where a national recommendation was sent and what came back; null for a local one. */
export interface RecommendationRouting {
  department: string | null;
  sentOn: string | null;
  response: string | null;
  respondedOn: string | null;
  status: RoutingStatus;
}

export type RoutingFields = Pick<RecommendationEntity, 'scope' | 'department' | 'sentOn' | 'response' | 'respondedOn'>;

export const ROUTING_FIELDS = ['department', 'sentOn', 'response', 'respondedOn'] as const;

export function routingStatus(r: Pick<RecommendationEntity, 'sentOn' | 'respondedOn'>): RoutingStatus {
  if (r.respondedOn !== null) return 'response_received';
  return r.sentOn !== null ? 'awaiting_response' : 'not_sent';
}

export function recommendationRouting(r: RoutingFields): RecommendationRouting | null {
  if (r.scope !== 'national') return null;
  return { department: r.department, sentOn: r.sentOn, response: r.response, respondedOn: r.respondedOn, status: routingStatus(r) };
}

/** "not sent", "awaiting response", "response received": the status as the exports and pages word it. */
export const ROUTING_STATUS_WORDS: Record<RoutingStatus, string> = {
  not_sent: 'not sent',
  awaiting_response: 'sent, awaiting response',
  response_received: 'response received',
};

/** Today's date in London, YYYY-MM-DD: what "not in the future" is measured against. */
export const londonToday = (now: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);

/** A real calendar date YYYY-MM-DD (Date.parse would roll 30 February over to March). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The routing rules, on the recommendation as it would be after a change; each a 400 naming
 * the field: only a national recommendation is sent; a department goes with the date it was
 * sent, a response with the date it came; dates are not after today (London) and a response
 * neither comes before the recommendation was sent nor without it being sent.
 */
export function assertRouting(after: RoutingFields, today: string, given: readonly string[] = ROUTING_FIELDS): void {
  if (after.scope !== 'national') {
    const routed = ROUTING_FIELDS.find((f) => after[f] !== null);
    if (!routed) return;
    // Making a routed recommendation local is the scope's problem; routing a local one is the field's.
    if (!given.includes(routed)) throw DomainError.field('scope', 'cannot be local: the recommendation has been sent to a department');
    throw DomainError.field(routed, 'is recorded only for a national recommendation');
  }
  if (after.department !== null && after.sentOn === null)
    throw DomainError.field('sentOn', 'is required with the department it was sent to');
  if (after.sentOn !== null && after.department === null) throw DomainError.field('department', 'is required with the date it was sent');
  if (after.response !== null && after.respondedOn === null) throw DomainError.field('respondedOn', 'is required with the response');
  if (after.respondedOn !== null && after.response === null)
    throw DomainError.field('response', 'is required with the date it was received');
  if (after.sentOn !== null && after.sentOn > today) throw DomainError.field('sentOn', 'must not be in the future');
  if (after.respondedOn !== null && after.respondedOn > today) throw DomainError.field('respondedOn', 'must not be in the future');
  if (after.respondedOn !== null && after.sentOn === null)
    throw DomainError.field('respondedOn', 'cannot be recorded before the recommendation has been sent (record sentOn first)');
  if (after.respondedOn !== null && after.sentOn !== null && after.respondedOn < after.sentOn)
    throw DomainError.field('respondedOn', 'must not be before the date it was sent (sentOn)');
}

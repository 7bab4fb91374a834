import type { EntityManager } from 'typeorm';
import { DomainError } from '@dhr/core';
import type { IdentityDirectory, Role } from '@dhr/identity';
import type { DhrEvent } from '@dhr/workflows/dhr/contract';
import type { ParsedEvent } from './events/parse-event';

/**
 * The answers to an event's reference checks, brought by the review's locking read (one round trip
 * instead of one per check). Each answer names the id it is about: a check for another id queries.
 */
export interface ReferenceFacts {
  /** The user holds the independent chair role in the review's partnership. */
  chair?: { userId: string; holds: boolean };
  /** The agency is one of the review's partnership's. */
  agency?: { agencyId: string; inPartnership: boolean };
  /** The roles the user holds in the review's partnership (a step recorded on their behalf). */
  roles?: { userId: string; roles: Role[] };
  /** The review's recorded facts of these types (the ones the event must not be dated before). */
  prior?: { types: readonly string[]; facts: { type: string; occurredAt: Date; payload: Record<string, unknown> }[] };
}

/** Sub-selects over the review row `r` answering the checks a parsed event will need, with their parameters. */
export interface ReferenceFactsQuery {
  selects: { sql: string; alias: string }[];
  params: Record<string, unknown>;
  read(raw: Record<string, unknown>): ReferenceFacts;
}

/**
 * The checks of a parsed (validated: ids are UUIDs) event, as sub-selects for the locking read; undefined when it
 * needs none. `priorTypes`: the fact types it follows (by the current workflow version; a review on another
 * version whose rule differs queries its own).
 */
export function referenceFactsQuery(parsed: ParsedEvent, priorTypes?: readonly string[]): ReferenceFactsQuery | undefined {
  const selects: ReferenceFactsQuery['selects'] = [];
  const params: Record<string, unknown> = {};
  const userId = parsed.type === 'APPOINT_CHAIR' && typeof parsed.fields.userId === 'string' ? parsed.fields.userId : undefined;
  const agencyId = typeof parsed.fields.agencyId === 'string' ? parsed.fields.agencyId : undefined;
  const onBehalfOf = parsed.onBehalfOf;
  if (userId) {
    selects.push({
      sql: `EXISTS (SELECT 1 FROM user_memberships m WHERE m.user_id = :refChairId AND m.partnership_id = r.partnership_id AND m.role = 'independent_chair')`,
      alias: 'ref_chair',
    });
    params.refChairId = userId;
  }
  if (agencyId) {
    selects.push({
      sql: `EXISTS (SELECT 1 FROM agencies a WHERE a.id = :refAgencyId AND a.partnership_id = r.partnership_id)`,
      alias: 'ref_agency',
    });
    params.refAgencyId = agencyId;
  }
  if (onBehalfOf) {
    selects.push({
      sql: `ARRAY(SELECT m.role FROM user_memberships m WHERE m.user_id = :refOnBehalfOf AND m.partnership_id = r.partnership_id)`,
      alias: 'ref_roles',
    });
    params.refOnBehalfOf = onBehalfOf;
  }
  if (priorTypes?.length) {
    selects.push({
      sql: `(SELECT json_agg(json_build_object('type', e.type, 'occurredAt', e.occurred_at, 'payload', e.payload))
              FROM review_events e WHERE e.review_id = r.id AND e.type = ANY(:refPriorTypes))`,
      alias: 'ref_prior',
    });
    params.refPriorTypes = [...priorTypes];
  }
  if (selects.length === 0) return undefined;
  return {
    selects,
    params,
    read: (raw) => ({
      ...(userId ? { chair: { userId, holds: raw.ref_chair === true } } : {}),
      ...(agencyId ? { agency: { agencyId, inPartnership: raw.ref_agency === true } } : {}),
      ...(onBehalfOf ? { roles: { userId: onBehalfOf, roles: pgTextArray(raw.ref_roles) as Role[] } } : {}),
      ...(priorTypes?.length ? { prior: { types: priorTypes, facts: priorFacts(raw.ref_prior) } } : {}),
    }),
  };
}

/** The json_agg of recorded facts (null when none), with their times as Dates. */
function priorFacts(value: unknown): { type: string; occurredAt: Date; payload: Record<string, unknown> }[] {
  const rows = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as {
    type: string;
    occurredAt: string;
    payload: Record<string, unknown>;
  }[];
  return rows.map((row) => ({ type: row.type, occurredAt: new Date(row.occurredAt), payload: row.payload }));
}

/** A text[] as pg returns it: an array, or its literal when the driver does not know the type. */
function pgTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value as string[];
  if (typeof value !== 'string' || value === '{}') return [];
  return value.replace(/^\{|\}$/g, '').split(',');
}

/**
 * Ids an event names must exist in the review's own partnership: a chair must be
 * an independent chair there, an agency one of its agencies. Checked before the
 * machine runs, so a bad id is a 400 naming the field, never a broken reference.
 * Answers the locking read brought (`facts`) are used instead of a query.
 */
export async function assertReferencesExist(
  directory: IdentityDirectory,
  manager: EntityManager,
  partnershipId: string,
  event: DhrEvent,
  facts: ReferenceFacts = {},
): Promise<void> {
  if (event.type === 'APPOINT_CHAIR') {
    const holds =
      facts.chair?.userId === event.userId
        ? facts.chair.holds
        : await directory.userHasRole(event.userId, partnershipId, 'independent_chair', manager);
    if (!holds) throw DomainError.field('userId', 'no independent chair with this id in the review’s partnership');
  }
  if ('agencyId' in event && typeof event.agencyId === 'string') {
    const inPartnership =
      facts.agency?.agencyId === event.agencyId
        ? facts.agency.inPartnership
        : await directory.agencyInPartnership(event.agencyId, partnershipId, manager);
    if (!inPartnership) throw DomainError.field('agencyId', 'no agency with this id in the review’s partnership');
  }
}

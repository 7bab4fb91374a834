import type { EntityManager } from 'typeorm';
import { DomainError } from '@dhr/core';
import type { Actor, IdentityDirectory, Role } from '@dhr/identity';
import type { DhrEventType } from '@dhr/workflows/dhr/contract';
import type { ReferenceFacts } from '../event-references';
import { EVENT_CATALOGUE } from './event-catalogue';
import type { ParsedEvent } from './parse-event';

/** Whose steps the coordinator may record for them: a chair's or a CSP chair's, never an agency's. */
const REPRESENTED: readonly Role[] = ['csp_chair', 'independent_chair'];

/** Who an event is recorded for: the person acting, or the chair the coordinator acts for, with the evidence. */
export interface ActingFor {
  /** The actor the event's rules are checked against (the chair, when recorded on their behalf). */
  actor: Actor;
  onBehalfOf: string | null;
  evidence: string | null;
}

/**
 * A coordinator may record a CSP chair's or an independent chair's event on their
 * behalf (a sign-off made at a board meeting, a step sent by email), naming them and
 * what records it; the event's rules are then checked as if that person sent it.
 */
export async function actingFor(
  directory: IdentityDirectory,
  manager: EntityManager,
  actor: Actor,
  partnershipId: string,
  parsed: Pick<ParsedEvent, 'type' | 'onBehalfOf' | 'evidence'>,
  facts: ReferenceFacts = {},
): Promise<ActingFor> {
  if (parsed.onBehalfOf === undefined) {
    if (parsed.evidence !== undefined) throw DomainError.field('evidence', 'give it with onBehalfOf, naming who the step is recorded for');
    return { actor, onBehalfOf: null, evidence: null };
  }
  if (actor.role !== 'coordinator') throw DomainError.forbidden('only a coordinator records a step on someone’s behalf');
  if (parsed.evidence === undefined) {
    throw DomainError.field('evidence', 'say what records the step, e.g. "board minutes, 12 March 2026"');
  }
  const role = await representedRole(directory, manager, parsed.onBehalfOf, partnershipId, parsed.type, facts);
  if (!role) {
    throw DomainError.field(
      'onBehalfOf',
      `no CSP chair or independent chair who may send ${parsed.type} with this id in the review’s partnership`,
    );
  }
  return { actor: { ...actor, userId: parsed.onBehalfOf, role, agencyId: null }, onBehalfOf: parsed.onBehalfOf, evidence: parsed.evidence };
}

async function representedRole(
  directory: IdentityDirectory,
  manager: EntityManager,
  userId: string,
  partnershipId: string,
  type: DhrEventType,
  facts: ReferenceFacts,
): Promise<Role | null> {
  const represented = EVENT_CATALOGUE[type].roles.filter((r) => REPRESENTED.includes(r));
  // The locking read brought the roles they hold in the review's partnership: no query.
  if (facts.roles?.userId === userId) return represented.find((role) => facts.roles!.roles.includes(role)) ?? null;
  for (const role of represented) {
    if (await directory.userHasRole(userId, partnershipId, role, manager)) return role;
  }
  return null;
}

import { DomainError } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import type { DhrContext, DhrEvent } from '@dhr/workflows/dhr/contract';
import { EVENT_CATALOGUE } from './events/event-catalogue';

/**
 * May this caller send this event to this review? Roles come from the contract;
 * an agency contact may act only for their own agency, and an independent chair
 * only on the review they chair (once one is appointed).
 */
export function assertMaySend(actor: Actor, event: DhrEvent, context: DhrContext): void {
  const { roles } = EVENT_CATALOGUE[event.type];
  if (!roles.includes(actor.role)) throw DomainError.forbidden(`${actor.role} may not send ${event.type}`);

  if (actor.role === 'agency_contact') {
    const agencyId = agencyOf(event, context);
    if (!agencyId || agencyId !== actor.agencyId) throw DomainError.forbidden('agency contacts act only for their own agency');
  }
  if (actor.role === 'independent_chair' && context.chairUserId !== null && context.chairUserId !== actor.userId) {
    throw DomainError.forbidden('only the appointed chair acts for this review');
  }
}

/** The same rules as a yes or no, for events recorded on the side of another action (a document upload). */
export function maySend(actor: Actor, event: DhrEvent, context: DhrContext): boolean {
  try {
    assertMaySend(actor, event, context);
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}

function agencyOf(event: DhrEvent, context: DhrContext): string | undefined {
  if (event.type === 'RECEIVE_IMR' || event.type === 'RECEIVE_SCOPING') return event.agencyId;
  if (event.type === 'COMPLETE_ACTION') return context.actions.find((a) => a.id === event.actionId)?.agencyId;
  return undefined;
}

/** The event types an agency contact may ever send (for their own agency). */
export const eventsAgencyMaySend: string[] = Object.entries(EVENT_CATALOGUE)
  .filter(([, spec]) => spec.roles.includes('agency_contact'))
  .map(([type]) => type);

/**
 * The events this caller may send now: the machine's allowed events, less those the
 * caller's role may not send, those of a review they do not chair, and, for an agency
 * contact, those with nothing of their own agency's to act on.
 */
export function allowedEventsFor(actor: Actor, allowed: readonly string[], context: DhrContext): string[] {
  return allowed.filter((type) => {
    const spec = EVENT_CATALOGUE[type as DhrEvent['type']];
    if (!spec || !spec.roles.includes(actor.role)) return false;
    if (actor.role === 'independent_chair' && context.chairUserId !== null && context.chairUserId !== actor.userId) return false;
    return actor.role !== 'agency_contact' || agencyHasWaitingPart(type, actor.agencyId, context);
  });
}

function agencyHasWaitingPart(type: string, agencyId: string | null, context: DhrContext): boolean {
  if (agencyId === null) return false;
  switch (type) {
    case 'RECEIVE_IMR':
      return context.panel.some((p) => p.agencyId === agencyId && p.imr === 'requested');
    case 'RECEIVE_SCOPING':
      return context.scoping.some((s) => s.agencyId === agencyId && s.status === 'requested');
    case 'COMPLETE_ACTION':
      return context.actions.some((a) => a.agencyId === agencyId && a.status === 'open');
    default:
      return false;
  }
}

/** The roles whose steps a coordinator may record on their behalf. */
const REPRESENTED_ROLES = ['csp_chair', 'independent_chair'];

/**
 * The events a coordinator may record now for a CSP chair or the chair (a sign-off made at a
 * board meeting, a chair's step sent by email): allowed by the machine, theirs and not the
 * coordinator's own. Nobody else records on someone's behalf.
 */
export function allowedOnBehalfFor(actor: Actor, allowed: readonly string[]): string[] {
  if (actor.role !== 'coordinator') return [];
  return allowed.filter((type) => {
    const spec = EVENT_CATALOGUE[type as DhrEvent['type']];
    return !!spec && !spec.roles.includes('coordinator') && spec.roles.some((role) => REPRESENTED_ROLES.includes(role));
  });
}

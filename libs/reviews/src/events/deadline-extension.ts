import type { EntityManager } from 'typeorm';
import type { ClocksService } from '@dhr/clocks';
import { DomainError } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import type { DeadlineKind, DhrEvent } from '@dhr/workflows/dhr/contract';
import type { Rulebook } from '@dhr/workflows/dhr/rulebook';

type ExtendDeadline = Extract<DhrEvent, { type: 'EXTEND_DEADLINE' }>;

/** Clock owners whose deadlines the review's independent chair may move: the completion and the family's response. */
const CHAIR_OWNED = ['chair_coordinator', 'family_liaison'];

/** Whether the review's independent chair may move a deadline of this kind (the pages offer the link only then). */
export function independentChairMayMove(rulebook: Rulebook, kind: DeadlineKind): boolean {
  return CHAIR_OWNED.includes(rulebook.clocks[kind].owner);
}

/** What history keeps beside an extension: the date it replaced and which deadline it was. */
export interface ExtensionFacts {
  previousDueAt: string;
  kind: string;
  agencyId?: string;
}

/**
 * Checks an EXTEND_DEADLINE against the clock it names before the machine runs: the
 * clock is this review's and still running (400 deadlineId otherwise), and a chair
 * moves only the clocks they own (403). Returns the facts history keeps.
 */
export async function checkDeadlineExtension(
  clocks: ClocksService,
  rulebook: Rulebook,
  manager: EntityManager,
  actor: Actor,
  reviewId: string,
  event: ExtendDeadline,
): Promise<ExtensionFacts> {
  const clock = await clocks.clock(event.deadlineId, manager);
  if (!clock || clock.reviewId !== reviewId) throw DomainError.field('deadlineId', 'no deadline with this id on this review');
  if (clock.status !== 'open') {
    throw DomainError.field(
      'deadlineId',
      `this deadline is ${clock.status === 'on_hold' ? 'held with the review' : clock.status}: it cannot be moved`,
    );
  }
  if (actor.role === 'independent_chair' && !independentChairMayMove(rulebook, clock.kind)) {
    throw DomainError.forbidden('an independent chair moves only the deadlines they own');
  }
  return { previousDueAt: clock.dueAt.toISOString(), kind: clock.kind, ...(clock.agencyId ? { agencyId: clock.agencyId } : {}) };
}

import type { Actor } from '@dhr/identity';
import type { DecisionMaker, DhrEvent } from '@dhr/workflows/dhr/contract';

const DECISIONS: readonly DhrEvent['type'][] = ['DECIDE_TO_COMMISSION', 'DECIDE_NOT_TO_COMMISSION', 'RECONSIDER_DECISION'];

/**
 * Puts who made a CSP decision on the event: the CSP chair who sends it, or the role
 * or body the coordinator names (`decisionMaker`, e.g. "CSP board"). The payload's
 * `decisionMaker` becomes the event's `decidedBy`; other events pass unchanged.
 */
export function withDecisionMaker(event: DhrEvent, actor: Actor): DhrEvent {
  if (!DECISIONS.includes(event.type)) return event;
  const { decisionMaker, ...rest } = event as DhrEvent & { decisionMaker?: string };
  const decidedBy: DecisionMaker | null =
    actor.role === 'csp_chair' ? { userId: actor.userId } : decisionMaker ? { role: decisionMaker } : null;
  return { ...rest, decidedBy } as DhrEvent;
}

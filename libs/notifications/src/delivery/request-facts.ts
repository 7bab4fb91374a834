import type { EntityManager } from 'typeorm';
import type { ClockRecord } from '@dhr/clocks';
import type { ReviewReadModel } from '@dhr/reviews';
import type { DeadlineKind } from '@dhr/workflows/dhr/contract';
import type { RequestEmailData } from '../email';
import { isRequestEvent, REQUEST_EVENTS, WITHDRAWN_CLOCK } from './request-events';
import { eventSeqOf } from './request-key';

/** What a request email says beyond the review and the recipient, read back from the event that made it. */
export interface RequestFacts {
  request: RequestEmailData;
  agencyId: string | null;
  deadlineKind: DeadlineKind | null;
  dueAt: Date | null;
  actionDescription: string | null;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const date = (value: unknown): Date | undefined =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value) : undefined;

/**
 * The facts of a request email (or of one that could not be delivered), from the history entry its
 * key names and the clock it is about: what was asked, of which agency, by when, the period under
 * review; for a new date the one it replaced and why; for a withdrawal why. Null for any other
 * notification.
 */
export async function requestFacts(
  reviews: ReviewReadModel,
  manager: EntityManager,
  reviewId: string,
  alarmKey: string,
  clock: ClockRecord | null,
): Promise<RequestFacts | null> {
  const seq = eventSeqOf(alarmKey);
  if (seq === null) return null;
  const event = await reviews.eventFacts(reviewId, seq, manager);
  if (!event || !isRequestEvent(event.type)) return null;
  const payload = event.payload;
  const kind = REQUEST_EVENTS[event.type].kind;
  const deadlineKind =
    kind === 'withdrawal' && (payload.kind === 'scoping' || payload.kind === 'imr')
      ? WITHDRAWN_CLOCK[payload.kind]
      : ((text(payload.kind) as DeadlineKind | undefined) ?? clock?.kind ?? null);
  return {
    request: {
      kind,
      termsOfReference: event.termsOfReference,
      ...(kind === 'extension' ? { previousDueAt: date(payload.previousDueAt) } : {}),
      ...(kind === 'extension' || kind === 'withdrawal' ? { reason: text(payload.reason) } : {}),
    },
    agencyId: text(payload.agencyId) ?? clock?.agencyId ?? null,
    deadlineKind: kind === 'action' ? 'action' : kind === 'panel' ? null : deadlineKind,
    // A new date is the one the event agreed (the clock may have moved again since: a later email says so).
    dueAt: kind === 'extension' ? (date(payload.dueAt) ?? clock?.dueAt ?? null) : (clock?.dueAt ?? null),
    actionDescription: text(payload.description) ?? null,
  };
}

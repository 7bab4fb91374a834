import type { ClockEntity } from './clock.entity';

/** The Deadline shape of the HTTP contract. */
export function deadlineView(clock: ClockEntity, now: Date) {
  return {
    id: clock.id,
    kind: clock.kind,
    ...(clock.agencyId ? { agencyId: clock.agencyId } : {}),
    ...(clock.actionId ? { actionId: clock.actionId } : {}),
    startedAt: clock.startedAt.toISOString(),
    dueAt: clock.dueAt.toISOString(),
    status: clock.status,
    overdue: clock.status === 'open' && clock.dueAt.getTime() <= now.getTime(),
    ...(clock.metAt ? { metAt: clock.metAt.toISOString() } : {}),
    ...(clock.previousDueAt
      ? {
          extension: {
            previousDueAt: clock.previousDueAt.toISOString(),
            reason: clock.extensionReason,
            extendedAt: clock.extendedAt?.toISOString(),
          },
        }
      : {}),
  };
}

export type Deadline = ReturnType<typeof deadlineView>;

// The action plan (v3): drafted with the report from drafting on and agreed at the
// first CSP sign-off, when each action's clock starts; added and completed as it is
// carried out from then on, while the report is assured and publication waits.
import { assign, enqueueActions } from 'xstate';
import { dhrSetup } from './dhr.setup';
import type { ActionItem, DhrContext, DhrEffect } from './dhr.types';

/** ADD_ACTION: before the plan is agreed the action is a draft (no clock); after, its clock starts at once. */
export const draftOrAddAction = dhrSetup.createStateConfig({
  on: {
    ADD_ACTION: {
      guard: { type: 'actionIdIsNew', params: ({ event }) => ({ actionId: event.actionId }) },
      actions: [
        assign({
          actions: ({ context, event }) => [
            ...context.actions,
            {
              id: event.actionId,
              agencyId: event.agencyId,
              description: event.description,
              dueAt: event.dueAt,
              status: 'open' as const,
              completedAt: null,
              agreedAt: context.actionPlanAgreedAt === null ? null : event.occurredAt,
            },
          ],
        }),
        enqueueActions(({ context, event, enqueue }) => {
          if (context.actionPlanAgreedAt === null) return;
          enqueue({
            type: 'clock.start',
            params: {
              subject: { kind: 'action', actionId: event.actionId, agencyId: event.agencyId },
              startedAt: event.occurredAt,
              dueAt: event.dueAt,
            },
          });
        }),
      ],
    },
  },
}).on;

/** COMPLETE_ACTION: an agreed action still open. */
export const completeAction = dhrSetup.createStateConfig({
  on: {
    COMPLETE_ACTION: {
      guard: { type: 'actionIsOpen', params: ({ event }) => ({ actionId: event.actionId }) },
      actions: [
        assign({
          actions: ({ context, event }) =>
            context.actions.map((action) =>
              action.id === event.actionId ? { ...action, status: 'complete' as const, completedAt: event.occurredAt } : action,
            ),
        }),
        {
          type: 'clock.meet',
          params: ({ event }) => ({ subject: { kind: 'action', actionId: event.actionId }, metAt: event.occurredAt }),
        },
      ],
    },
  },
}).on;

/**
 * At the first CSP sign-off the drafted actions are agreed with the report: each gets
 * its agreement time, and each still open its clock. A later sign-off (after a Home
 * Office resubmission) agrees nothing again: null.
 */
export function agreedActionPlan(context: DhrContext, at: string): { actions: ActionItem[]; clockStarts: DhrEffect[] } | null {
  if (context.actionPlanAgreedAt !== null) return null;
  const drafted = context.actions.filter((action) => action.agreedAt === null && action.status === 'open');
  return {
    actions: context.actions.map((action) => ({ ...action, agreedAt: action.agreedAt ?? at })),
    clockStarts: drafted.map((action) => ({
      type: 'clock.start',
      subject: { kind: 'action', actionId: action.id, agencyId: action.agencyId },
      startedAt: at,
      dueAt: action.dueAt,
    })),
  };
}

// Transitions that more than one state accepts, written once. Each is a typed
// `on` fragment (via createStateConfig, so events are narrowed) to spread into a state.
import { assign } from 'xstate';
import { allClocks, dhrSetup, meetClock } from './dhr.setup';
import type { COMMISSIONED_STAGES, ImrStatus, PanelMember, ScopingRequest } from './dhr.types';

/** The stages inside `commissioned`: the ones a review can be held in and resumed to. */
export type CommissionedStage = (typeof COMMISSIONED_STAGES)[number];

/** HOME_OFFICE_INFORMED: once per review; a record of a letter, so also accepted while on hold. */
export const recordHomeOfficeInformed = dhrSetup.createStateConfig({
  on: {
    HOME_OFFICE_INFORMED: {
      guard: 'homeOfficeNotYetInformed',
      actions: [assign({ homeOfficeInformedAt: ({ event }) => event.occurredAt }), meetClock('home_office_notice')],
    },
  },
}).on;

/** ADD_PANEL_AGENCY: setup … drafting; an agency sits on the panel once. */
export const addPanelAgency = dhrSetup.createStateConfig({
  on: {
    ADD_PANEL_AGENCY: {
      guard: { type: 'agencyNotOnPanel', params: ({ event }) => ({ agencyId: event.agencyId }) },
      actions: assign({
        panel: ({ context, event }) => [...context.panel, { agencyId: event.agencyId, imr: 'not_requested' as const }],
      }),
    },
  },
}).on;

/** RECEIVE_IMR: only an IMR that was requested (and not yet received or waived). */
export const receiveImr = dhrSetup.createStateConfig({
  on: {
    RECEIVE_IMR: {
      guard: {
        type: 'imrStatusIn',
        params: ({ event }) => ({ agencyId: event.agencyId, statuses: ['requested'] as const }),
      },
      actions: [
        assign({ panel: ({ context, event }) => withImrStatus(context.panel, event.agencyId, 'received') }),
        {
          type: 'clock.meet',
          params: ({ event }) => ({ subject: { kind: 'imr', agencyId: event.agencyId }, metAt: event.occurredAt }),
        },
      ],
    },
  },
}).on;

/**
 * REQUEST_SCOPING: asking an agency whether it knew the people. Before the decision,
 * and in setup for a late request; one request per agency. The decision leaves the
 * scoping clocks running: agencies may still reply (see receiveScoping).
 */
export const requestScoping = dhrSetup.createStateConfig({
  on: {
    REQUEST_SCOPING: {
      guard: { type: 'scopingNotYetRequested', params: ({ event }) => ({ agencyId: event.agencyId }) },
      actions: [
        assign({
          scoping: ({ context, event }) => [
            ...context.scoping,
            { agencyId: event.agencyId, status: 'requested' as const, requestedAt: event.occurredAt, returnedAt: null },
          ],
        }),
        {
          type: 'clock.start',
          params: ({ event }) => ({
            subject: { kind: 'scoping_return', agencyId: event.agencyId },
            startedAt: event.occurredAt,
            // Absent dueAt: the service computes it from the rulebook (10 working days).
            ...(event.dueAt === undefined ? {} : { dueAt: event.dueAt }),
          }),
        },
      ],
    },
  },
}).on;

/**
 * RECEIVE_SCOPING: an agency's answer, which meets its scoping clock. Only an
 * outstanding request can be returned, but wherever the review has got to short of
 * `closed` (not commissioned, any commissioned stage, on hold as a record of a fact):
 * setup moves on by itself and a review may be declined, and a request that could no
 * longer be met would escalate for ever.
 */
export const receiveScoping = dhrSetup.createStateConfig({
  on: {
    RECEIVE_SCOPING: {
      guard: { type: 'scopingOutstanding', params: ({ event }) => ({ agencyId: event.agencyId }) },
      actions: [
        assign({ scoping: ({ context, event }) => withScopingReturned(context.scoping, event.agencyId, event.occurredAt) }),
        {
          type: 'clock.meet',
          params: ({ event }) => ({
            subject: { kind: 'scoping_return', agencyId: event.agencyId },
            metAt: event.occurredAt,
          }),
        },
      ],
    },
  },
}).on;

/** COPY_SENT_TO_COMMISSIONER: publication or action plan, once (the s.9(3B) duty). */
export const recordCommissionerCopy = dhrSetup.createStateConfig({
  on: {
    COPY_SENT_TO_COMMISSIONER: {
      guard: 'commissionerCopyNotYetSent',
      actions: [assign({ commissionerCopySentAt: ({ event }) => event.occurredAt }), meetClock('commissioner_copy')],
    },
  },
}).on;

/**
 * PUT_ON_HOLD from one commissioned stage. Declared on every stage (not once on
 * `commissioned`) so the stage is known when `holdStage` is recorded; the deep
 * history state remembers it for RESUME.
 */
export function holdableFrom(stage: CommissionedStage) {
  return dhrSetup.createStateConfig({
    on: {
      PUT_ON_HOLD: {
        target: '#dhr.on_hold',
        actions: [
          assign({
            hold: ({ event }) => ({
              kind: event.kind,
              reason: event.reason,
              reference: event.reference ?? null,
              since: event.occurredAt,
            }),
            holdStage: stage,
          }),
          allClocks('clock.pauseAll'),
        ],
      },
    },
  }).on;
}

export function withImrStatus(panel: readonly PanelMember[], agencyId: string, imr: ImrStatus): PanelMember[] {
  return panel.map((member) => (member.agencyId === agencyId ? { ...member, imr } : member));
}

export function withScopingReturned(scoping: readonly ScopingRequest[], agencyId: string, returnedAt: string): ScopingRequest[] {
  return scoping.map((request) => (request.agencyId === agencyId ? { ...request, status: 'returned' as const, returnedAt } : request));
}

// Transitions that more than one state accepts, written once. Each is a typed
// `on` fragment (via createStateConfig, so events are narrowed) to spread into a state.
import { imrSignOffOf, withGuidanceRecord } from './dhr.guidance';
import { assign } from 'xstate';
import { allClocks, dhrSetup, meetClock } from './dhr.setup';
import type { COMMISSIONED_STAGES, DhrEvent, ImrStatus, PanelMember, ScopingRequest } from './dhr.types';

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
        assign({
          panel: ({ context, event }) => withImrStatus(context.panel, event.agencyId, 'received'),
          // v3: the senior manager's sign-off the IMR came with, if named.
          guidance: ({ context, event }) => {
            const signOff = imrSignOffOf(event);
            return signOff ? withGuidanceRecord(context.guidance, signOff) : context.guidance;
          },
        }),
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
          // A withdrawn request asked again replaces it: one entry per agency.
          scoping: ({ context, event }) => [
            ...context.scoping.filter((request) => request.agencyId !== event.agencyId),
            { agencyId: event.agencyId, status: 'requested' as const, requestedAt: event.occurredAt, returnedAt: null, withdrawnAt: null },
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
 * PUT_ON_HOLD from one commissioned stage, while no hold is open. Declared on every
 * stage (not once on `commissioned`) so the stage is known when `holdStage` is
 * recorded; the deep history state remembers it for RESUME.
 * - scope "review": the review leaves its stage for `on_hold`; its own clocks stop,
 *   but not the statutory Home Office notice, which no local hold can pause.
 * - scope "publication" (v2): the review stays where it is and everything goes on;
 *   only PUBLISH waits (and the publication clock, if running, stops).
 */
export function holdableFrom(stage: CommissionedStage) {
  const holdOf = ({ event }: { event: Extract<DhrEvent, { type: 'PUT_ON_HOLD' }> }) => ({
    kind: event.kind,
    scope: event.scope,
    reason: event.reason,
    reference: event.reference ?? null,
    since: event.occurredAt,
  });
  return dhrSetup.createStateConfig({
    on: {
      PUT_ON_HOLD: [
        {
          guard: { type: 'reviewHoldAsked', params: ({ event }) => ({ scope: event.scope }) },
          target: '#dhr.on_hold',
          actions: [
            assign({ hold: holdOf, holdStage: stage }),
            {
              type: 'clock.pauseAll',
              params: ({ event }) => ({ at: event.occurredAt, except: ['home_office_notice' as const] }),
            },
          ],
        },
        {
          guard: { type: 'publicationHoldAsked', params: ({ event }) => ({ scope: event.scope }) },
          actions: [
            assign({ hold: holdOf }),
            { type: 'clock.pauseAll', params: ({ event }) => ({ at: event.occurredAt, only: ['publication' as const] }) },
          ],
        },
      ],
    },
  }).on;
}

/** RESUME of a publication hold: accepted in whichever commissioned stage the review has reached. */
export const resumePublicationHold = dhrSetup.createStateConfig({
  on: {
    RESUME: {
      guard: 'heldForPublication',
      actions: [assign({ hold: null }), allClocks('clock.resumeAll')],
    },
  },
}).on;

/**
 * WITHDRAW_REQUEST (v2): an outstanding scoping or IMR request that is no longer
 * needed; its clock is cancelled, so nothing more is sent. Wherever such a request
 * can be outstanding, on hold included.
 */
export const withdrawRequest = dhrSetup.createStateConfig({
  on: {
    WITHDRAW_REQUEST: [
      {
        guard: {
          type: 'requestOutstanding',
          params: ({ event }) => ({ agencyId: event.agencyId, kind: event.kind, wanted: 'scoping' as const }),
        },
        actions: [
          assign({
            scoping: ({ context, event }) =>
              context.scoping.map((request) =>
                request.agencyId === event.agencyId ? { ...request, status: 'withdrawn' as const, withdrawnAt: event.occurredAt } : request,
              ),
          }),
          {
            type: 'clock.cancel',
            params: ({ event }) => ({ subject: { kind: 'scoping_return' as const, agencyId: event.agencyId }, at: event.occurredAt }),
          },
        ],
      },
      {
        guard: {
          type: 'requestOutstanding',
          params: ({ event }) => ({ agencyId: event.agencyId, kind: event.kind, wanted: 'imr' as const }),
        },
        actions: [
          assign({ panel: ({ context, event }) => withImrStatus(context.panel, event.agencyId, 'withdrawn') }),
          {
            type: 'clock.cancel',
            params: ({ event }) => ({ subject: { kind: 'imr' as const, agencyId: event.agencyId }, at: event.occurredAt }),
          },
        ],
      },
    ],
  },
}).on;

/**
 * EXTEND_DEADLINE (v2): a new due date agreed for one clock. Accepted until the file
 * is closed; the service checks that `deadlineId` is a live clock of this review.
 */
export const extendDeadline = dhrSetup.createStateConfig({
  on: {
    EXTEND_DEADLINE: {
      actions: {
        type: 'clock.extend',
        params: ({ event }) => ({ deadlineId: event.deadlineId, dueAt: event.dueAt, reason: event.reason, at: event.occurredAt }),
      },
    },
  },
}).on;

export function withImrStatus(panel: readonly PanelMember[], agencyId: string, imr: ImrStatus): PanelMember[] {
  return panel.map((member) => (member.agencyId === agencyId ? { ...member, imr } : member));
}

export function withScopingReturned(scoping: readonly ScopingRequest[], agencyId: string, returnedAt: string): ScopingRequest[] {
  return scoping.map((request) => (request.agencyId === agencyId ? { ...request, status: 'returned' as const, returnedAt } : request));
}

// The DHR workflow, version 2, as a pure XState v5 statechart.
//
// Pure: no delays (`after`), no clocks, no randomness, no I/O. Statutory time lives
// in Postgres; the machine only *declares* clock effects (see dhr.setup.ts) and the
// reviews service performs them. A guard that is not met leaves the snapshot as it
// was, which the service reports as 409 invalid_transition.
import { and, assign, enqueueActions } from 'xstate';
import { allClocks, dhrSetup, meetClock, startClock } from './dhr.setup';
import {
  addPanelAgency,
  extendDeadline,
  holdableFrom,
  receiveImr,
  receiveScoping,
  recordCommissionerCopy,
  recordHomeOfficeInformed,
  requestScoping,
  resumePublicationHold,
  withdrawRequest,
  withImrStatus,
} from './dhr.shared-transitions';
import type { DhrContext, DhrInput } from './dhr.types';

export function initialDhrContext(input: DhrInput): DhrContext {
  return {
    notifiedAt: input.notifiedAt,
    scoping: [],
    chairUserId: null,
    panel: [],
    termsOfReference: null,
    homeOfficeInformedAt: null,
    decision: null,
    drafts: [],
    family: 'not_contacted',
    homeOfficeRound: 1,
    submittedToHomeOfficeThisRound: false,
    resubmissions: 0,
    commissionerCopySentAt: null,
    publishedAt: null,
    publishedUrl: null,
    actions: [],
    hold: null,
    holdStage: null,
  };
}

export const dhrMachineV2 = dhrSetup.createMachine({
  id: 'dhr',
  context: ({ input }) => initialDhrContext(input),
  initial: 'notification',
  states: {
    notification: {
      // Both statutory clocks run from the notification, whatever the decision.
      entry: [
        {
          type: 'clock.start',
          params: ({ context }) => ({ subject: { kind: 'decision' }, startedAt: context.notifiedAt }),
        },
        {
          type: 'clock.start',
          params: ({ context }) => ({ subject: { kind: 'home_office_notice' }, startedAt: context.notifiedAt }),
        },
      ],
      on: {
        ...requestScoping,
        ...receiveScoping,
        ...withdrawRequest,
        ...extendDeadline,
        DECIDE_TO_COMMISSION: {
          target: 'commissioned',
          actions: [assign({ decision: 'commissioned' }), meetClock('decision'), startClock('completion')],
        },
        DECIDE_NOT_TO_COMMISSION: {
          target: 'not_commissioned',
          actions: [assign({ decision: 'not_commissioned' }), meetClock('decision')],
        },
      },
    },

    not_commissioned: {
      on: {
        ...recordHomeOfficeInformed,
        // A request outstanding at the decision can still be answered, withdrawn or given more time.
        ...receiveScoping,
        ...withdrawRequest,
        ...extendDeadline,
        // A declined review must be able to come back.
        SECRETARY_OF_STATE_DIRECTION: {
          target: 'commissioned',
          actions: [assign({ decision: 'directed' }), startClock('completion')],
        },
        // The Home Office must be told of a "no" before the file is closed.
        CLOSE: {
          target: 'closed',
          guard: 'homeOfficeInformed',
          actions: allClocks('clock.cancelAll'),
        },
      },
    },

    commissioned: {
      initial: 'setup',
      on: {
        ...recordHomeOfficeInformed,
        // An outstanding scoping request can be answered in any stage (setup moves on by itself).
        ...receiveScoping,
        ...withdrawRequest,
        ...extendDeadline,
        ...resumePublicationHold,
        // Appointing again replaces the chair.
        APPOINT_CHAIR: { actions: assign({ chairUserId: ({ event }) => event.userId }) },
      },
      states: {
        setup: {
          // Leaves by itself once chair, panel and terms of reference are in place, in any order.
          always: { guard: 'setupComplete', target: 'information_gathering' },
          on: {
            ...holdableFrom('setup'),
            ...addPanelAgency,
            // Late scoping: an agency asked after the decision (answered on `commissioned`).
            ...requestScoping,
            AGREE_TERMS_OF_REFERENCE: {
              actions: assign({
                termsOfReference: ({ event }) => ({
                  agreedAt: event.occurredAt,
                  periodFrom: event.periodFrom,
                  periodTo: event.periodTo,
                }),
              }),
            },
          },
        },

        information_gathering: {
          on: {
            ...holdableFrom('information_gathering'),
            ...addPanelAgency,
            ...receiveImr,
            // A waived or withdrawn IMR may be requested after all.
            REQUEST_IMR: {
              guard: {
                type: 'imrStatusIn',
                params: ({ event }) => ({ agencyId: event.agencyId, statuses: ['not_requested', 'waived', 'withdrawn'] as const }),
              },
              actions: [
                assign({ panel: ({ context, event }) => withImrStatus(context.panel, event.agencyId, 'requested') }),
                {
                  type: 'clock.start',
                  params: ({ event }) => ({
                    subject: { kind: 'imr', agencyId: event.agencyId },
                    startedAt: event.occurredAt,
                    // Absent dueAt: the service computes it from the rulebook.
                    ...(event.dueAt === undefined ? {} : { dueAt: event.dueAt }),
                  }),
                },
              ],
            },
            WAIVE_IMR: [
              {
                // Waiving a requested IMR stops its clock.
                guard: {
                  type: 'imrStatusIn',
                  params: ({ event }) => ({ agencyId: event.agencyId, statuses: ['requested'] as const }),
                },
                actions: [
                  assign({ panel: ({ context, event }) => withImrStatus(context.panel, event.agencyId, 'waived') }),
                  {
                    type: 'clock.cancel',
                    params: ({ event }) => ({
                      subject: { kind: 'imr', agencyId: event.agencyId },
                      at: event.occurredAt,
                    }),
                  },
                ],
              },
              {
                guard: {
                  type: 'imrStatusIn',
                  params: ({ event }) => ({ agencyId: event.agencyId, statuses: ['not_requested', 'withdrawn'] as const }),
                },
                actions: assign({
                  panel: ({ context, event }) => withImrStatus(context.panel, event.agencyId, 'waived'),
                }),
              },
            ],
            BEGIN_DRAFTING: { target: 'drafting', guard: 'noImrOutstanding' },
          },
        },

        drafting: {
          on: {
            ...holdableFrom('drafting'),
            ...addPanelAgency,
            ...receiveImr,
            SUBMIT_DRAFT: {
              actions: assign({
                drafts: ({ context, event }) => [
                  ...context.drafts,
                  { documentId: event.documentId ?? null, note: event.note ?? null, submittedAt: event.occurredAt },
                ],
              }),
            },
            SHARE_DRAFT_WITH_FAMILY: {
              target: 'family_review',
              guard: 'draftExists',
              actions: [
                assign({ family: 'draft_shared' }),
                {
                  type: 'clock.start',
                  params: ({ event }) => ({
                    subject: { kind: 'family_response' },
                    startedAt: event.occurredAt,
                    ...(event.responseDueAt === undefined ? {} : { dueAt: event.responseDueAt }),
                  }),
                },
              ],
            },
            FAMILY_NOT_INVOLVED: { actions: assign({ family: 'not_involved' }) },
            SUBMIT_FOR_SIGNOFF: {
              target: 'csp_signoff',
              guard: 'readyForSignoff',
              actions: meetClock('completion'),
            },
          },
        },

        family_review: {
          on: {
            ...holdableFrom('family_review'),
            FAMILY_RESPONSE_RECEIVED: {
              target: 'drafting',
              actions: [assign({ family: 'responded' }), meetClock('family_response')],
            },
            // The family never answered (or withdrew): the review must not wait for ever.
            // Not a response, so the family-response clock is cancelled, not met.
            FAMILY_NOT_INVOLVED: {
              target: 'drafting',
              actions: [
                assign({ family: 'not_involved' }),
                {
                  type: 'clock.cancel',
                  params: ({ event }) => ({ subject: { kind: 'family_response' }, at: event.occurredAt }),
                },
              ],
            },
          },
        },

        csp_signoff: {
          on: {
            ...holdableFrom('csp_signoff'),
            CSP_SIGN_OFF: {
              target: 'home_office_qa',
              // The report is completed: the commissioner-copy clock starts at the first
              // sign-off only; a sign-off after a Home Office resubmission must not restart it.
              actions: enqueueActions(({ context, event, enqueue }) => {
                if (context.homeOfficeRound === 1) {
                  enqueue({
                    type: 'clock.start',
                    params: { subject: { kind: 'commissioner_copy' }, startedAt: event.occurredAt },
                  });
                }
              }),
            },
            CSP_REQUEST_CHANGES: { target: 'drafting' },
          },
        },

        home_office_qa: {
          on: {
            ...holdableFrom('home_office_qa'),
            SUBMIT_TO_HOME_OFFICE: {
              guard: 'notYetSubmittedThisRound',
              actions: assign({ submittedToHomeOfficeThisRound: true }),
            },
            QA_OUTCOME: [
              {
                target: 'publication',
                guard: { type: 'approvedAfterSubmission', params: ({ event }) => ({ outcome: event.outcome }) },
                // Under a publication hold the publication clock starts stopped: it cannot be met until the hold ends.
                actions: enqueueActions(({ context, event, enqueue }) => {
                  enqueue({ type: 'clock.start', params: { subject: { kind: 'publication' }, startedAt: event.occurredAt } });
                  if (context.hold?.scope === 'publication') {
                    enqueue({ type: 'clock.pauseAll', params: { at: event.occurredAt, only: ['publication'] } });
                  }
                }),
              },
              {
                target: 'drafting',
                guard: {
                  type: 'resubmissionRequestedAfterSubmission',
                  params: ({ event }) => ({ outcome: event.outcome }),
                },
                actions: assign({
                  resubmissions: ({ context }) => context.resubmissions + 1,
                  homeOfficeRound: ({ context }) => context.homeOfficeRound + 1,
                  submittedToHomeOfficeThisRound: false,
                }),
              },
            ],
          },
        },

        publication: {
          on: {
            ...holdableFrom('publication'),
            ...recordCommissionerCopy,
            PUBLISH: {
              target: 'action_plan',
              guard: 'noHoldOpen',
              actions: [
                assign({ publishedAt: ({ event }) => event.occurredAt, publishedUrl: ({ event }) => event.url }),
                meetClock('publication'),
              ],
            },
          },
        },

        action_plan: {
          on: {
            ...holdableFrom('action_plan'),
            ...recordCommissionerCopy,
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
                    },
                  ],
                }),
                {
                  type: 'clock.start',
                  params: ({ event }) => ({
                    subject: { kind: 'action', actionId: event.actionId },
                    startedAt: event.occurredAt,
                    dueAt: event.dueAt,
                  }),
                },
              ],
            },
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
                  params: ({ event }) => ({
                    subject: { kind: 'action', actionId: event.actionId },
                    metAt: event.occurredAt,
                  }),
                },
              ],
            },
            // Zero actions counts as complete: not every review makes recommendations.
            // The copy to the Domestic Abuse Commissioner is a legal duty (DVCVA 2004
            // s.9(3B)): the file is not closed until it has been sent.
            CLOSE: {
              target: '#dhr.closed',
              guard: and(['allActionsComplete', 'commissionerCopySent']),
              actions: allClocks('clock.cancelAll'),
            },
          },
        },

        // Where RESUME returns to: the exact stage the review was held in.
        lastStage: { type: 'history', history: 'deep', target: 'setup' },
      },
    },

    // A review hold: the review's own work waits. Facts that happen regardless are
    // recorded, agencies' returns among them (v2), and requests can be withdrawn or given more time.
    on_hold: {
      on: {
        RESUME: {
          target: '#dhr.commissioned.lastStage',
          actions: [assign({ hold: null, holdStage: null }), allClocks('clock.resumeAll')],
        },
        ...recordHomeOfficeInformed,
        ...receiveScoping,
        ...receiveImr,
        ...withdrawRequest,
        ...extendDeadline,
        COPY_SENT_TO_COMMISSIONER: {
          guard: 'commissionerCopyMayBeSentWhileHeld',
          actions: recordCommissionerCopy.COPY_SENT_TO_COMMISSIONER.actions,
        },
      },
    },

    closed: { type: 'final' },
  },
});

export type DhrMachineV2 = typeof dhrMachineV2;

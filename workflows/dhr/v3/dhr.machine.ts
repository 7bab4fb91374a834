// The DHR workflow, version 3, as a pure XState v5 statechart.
//
// Pure: no delays (`after`), no clocks, no randomness, no I/O. Statutory time lives
// in Postgres; the machine only *declares* clock effects (see dhr.setup.ts) and the
// reviews service performs them. A guard that is not met leaves the snapshot as it
// was, which the service reports as 409 invalid_transition.
import { and, assign, enqueueActions } from 'xstate';
import { allClocks, dhrSetup, meetClock, startClock } from './dhr.setup';
import { agreedActionPlan, completeAction, draftOrAddAction } from './dhr.action-plan';
import { NO_REPORT_ON_RECORD, recordGuidanceStep } from './dhr.guidance';
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
import type { DhrContext, DhrEffect, DhrEvent, DhrInput } from './dhr.types';

type DecisionEvent = Extract<DhrEvent, { type: 'DECIDE_TO_COMMISSION' | 'DECIDE_NOT_TO_COMMISSION' }>;

/** The CSP's decision on the record (v3): what, when, by whom, and the kind of death. */
const recordDecision = (decision: 'commissioned' | 'not_commissioned') => ({
  decision,
  decidedAt: ({ event }: { event: DecisionEvent }) => event.occurredAt,
  decidedBy: ({ event }: { event: DecisionEvent }) => event.decidedBy,
  deathType: ({ event }: { event: DecisionEvent }) => event.deathType ?? null,
  deathTypeDescription: ({ event }: { event: DecisionEvent }) => event.deathTypeDescription ?? null,
});

export function initialDhrContext(input: DhrInput): DhrContext {
  return {
    notifiedAt: input.notifiedAt,
    scoping: [],
    chairUserId: null,
    panel: [],
    termsOfReference: null,
    homeOfficeInformedAt: null,
    decision: null,
    decidedAt: null,
    decidedBy: null,
    deathType: null,
    deathTypeDescription: null,
    homeOfficeResponse: null,
    drafts: [],
    family: 'not_contacted',
    homeOfficeRound: 1,
    submittedToHomeOfficeThisRound: false,
    resubmissions: 0,
    commissionerCopySentAt: null,
    publishedAt: null,
    publishedUrl: null,
    actions: [],
    actionPlanAgreedAt: null,
    report: NO_REPORT_ON_RECORD,
    keepOnlineUntil: null,
    guidance: [],
    hold: null,
    holdStage: null,
  };
}

export const dhrMachineV3 = dhrSetup.createMachine({
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
          actions: [assign(recordDecision('commissioned')), meetClock('decision'), startClock('completion')],
        },
        DECIDE_NOT_TO_COMMISSION: {
          target: 'not_commissioned',
          actions: [assign(recordDecision('not_commissioned')), meetClock('decision')],
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
        // v3: the Home Office's quality assurance panel reviews every "no"; its answer is recorded,
        // again after a challenge the CSP answered without reconsidering.
        HOME_OFFICE_RESPONSE: {
          guard: 'homeOfficeAwaitedAnswer',
          actions: assign({
            homeOfficeResponse: ({ event }) => ({ receivedAt: event.occurredAt, outcome: event.outcome, note: event.note ?? null }),
          }),
        },
        // A declined review must be able to come back: by direction of the Secretary of State ...
        SECRETARY_OF_STATE_DIRECTION: {
          target: 'commissioned',
          actions: [assign({ decision: 'directed' }), startClock('completion')],
        },
        // ... or because the CSP reconsiders after the Home Office challenged its "no" (v3).
        RECONSIDER_DECISION: {
          target: 'commissioned',
          guard: 'homeOfficeChallenged',
          actions: [
            assign({ decision: 'reconsidered', decidedAt: ({ event }) => event.occurredAt, decidedBy: ({ event }) => event.decidedBy }),
            startClock('completion'),
          ],
        },
        // The file is closed only once the Home Office has accepted the "no" (v3; v1 only asked that it was told).
        CLOSE: {
          target: 'closed',
          guard: 'homeOfficeAccepted',
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
            ...recordGuidanceStep,
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
            ...recordGuidanceStep,
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
            ...recordGuidanceStep,
            // v3: the action plan is drafted with the report and agreed at sign-off.
            ...draftOrAddAction,
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
            ...recordGuidanceStep,
            ...draftOrAddAction,
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
            ...recordGuidanceStep,
            ...draftOrAddAction,
            CSP_SIGN_OFF: {
              target: 'home_office_qa',
              // The report is completed: the commissioner-copy clock starts at the first
              // sign-off only; a sign-off after a Home Office resubmission must not restart it.
              // v3: the clock to the Home Office submission starts at every sign-off, and the
              // first agrees the action plan, starting its actions' clocks.
              actions: enqueueActions(({ context, event, enqueue }) => {
                // v3: which versions were signed off (the service names the latest when the event does not).
                enqueue.assign({ report: { ...context.report, signedOff: event.documents ?? null } });
                if (context.homeOfficeRound === 1) {
                  enqueue({ type: 'clock.start', params: { subject: { kind: 'commissioner_copy' }, startedAt: event.occurredAt } });
                }
                enqueue({ type: 'clock.start', params: { subject: { kind: 'home_office_submission' }, startedAt: event.occurredAt } });
                const agreed = agreedActionPlan(context, event.occurredAt);
                if (!agreed) return;
                enqueue.assign({ actionPlanAgreedAt: event.occurredAt, actions: agreed.actions });
                for (const { type: _type, ...params } of agreed.clockStarts as Extract<DhrEffect, { type: 'clock.start' }>[]) {
                  enqueue({ type: 'clock.start', params });
                }
              }),
            },
            CSP_REQUEST_CHANGES: { target: 'drafting' },
          },
        },

        home_office_qa: {
          on: {
            ...holdableFrom('home_office_qa'),
            ...recordGuidanceStep,
            // v3: the agreed action plan is carried out while the report is assured and waits to be published.
            ...draftOrAddAction,
            ...completeAction,
            SUBMIT_TO_HOME_OFFICE: {
              guard: 'notYetSubmittedThisRound',
              actions: [
                assign({
                  submittedToHomeOfficeThisRound: true,
                  report: ({ context, event }) => ({ ...context.report, submitted: event.documents ?? null }),
                }),
                meetClock('home_office_submission'),
                meetClock('qa_resubmission'),
              ],
            },
            QA_OUTCOME: [
              {
                target: 'publication',
                guard: { type: 'approvedAfterSubmission', params: ({ event }) => ({ outcome: event.outcome }) },
                // Under a publication hold the publication clock starts stopped: it cannot be met until the hold ends.
                actions: enqueueActions(({ context, event, enqueue }) => {
                  // v3: what the Home Office approved is what was sent this round; PUBLISH is checked against it.
                  enqueue.assign({ report: { ...context.report, approved: context.report.submitted } });
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
                actions: [
                  assign({
                    resubmissions: ({ context }) => context.resubmissions + 1,
                    homeOfficeRound: ({ context }) => context.homeOfficeRound + 1,
                    submittedToHomeOfficeThisRound: false,
                  }),
                  // v3: where national delay accumulates, so it runs until the report goes back.
                  startClock('qa_resubmission'),
                ],
              },
            ],
          },
        },

        publication: {
          on: {
            ...holdableFrom('publication'),
            ...recordGuidanceStep,
            ...draftOrAddAction,
            ...completeAction,
            ...recordCommissionerCopy,
            PUBLISH: {
              target: 'action_plan',
              guard: 'noHoldOpen',
              actions: [
                assign({
                  publishedAt: ({ event }) => event.occurredAt,
                  publishedUrl: ({ event }) => event.url,
                  report: ({ context, event }) => ({
                    ...context.report,
                    published: event.documents ?? null,
                    amendments: event.amendments ?? null,
                  }),
                  keepOnlineUntil: ({ event }) => event.keepOnlineUntil ?? null,
                }),
                meetClock('publication'),
                // v3: the report stays online at least 12 months (the rulebook's length unless a later date is given).
                {
                  type: 'clock.start',
                  params: ({ event }) => ({
                    subject: { kind: 'keep_online' },
                    startedAt: event.occurredAt,
                    ...(event.keepOnlineUntil === undefined ? {} : { dueAt: event.keepOnlineUntil }),
                  }),
                },
              ],
            },
          },
        },

        action_plan: {
          on: {
            ...holdableFrom('action_plan'),
            ...recordGuidanceStep,
            ...recordCommissionerCopy,
            ...draftOrAddAction,
            ...completeAction,
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
        ...recordGuidanceStep,
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

export type DhrMachineV3 = typeof dhrMachineV3;

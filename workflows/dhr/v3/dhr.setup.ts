// The typed building blocks of the DHR v3 statechart: context/event/input types,
// the declared clock effects and the guards. Kept apart from the chart itself so
// the chart reads as a list of stages and transitions.
import { setup } from 'xstate';
import type {
  DeadlineKind,
  DhrContext,
  DhrEffect,
  DhrEvent,
  DhrInput,
  HoldScope,
  ImrStatus,
  RequestKind,
  ScopingRequest,
  Stage,
  GuidanceStep,
} from './dhr.types';

export type DhrEffectType = DhrEffect['type'];

/** What a declared effect action carries as `params`: the effect without its `type`. */
export type EffectParams<T extends DhrEffectType> = Omit<Extract<DhrEffect, { type: T }>, 'type'>;

export const DHR_EFFECT_TYPES: readonly DhrEffectType[] = [
  'clock.start',
  'clock.meet',
  'clock.cancel',
  'clock.pauseAll',
  'clock.resumeAll',
  'clock.cancelAll',
  'clock.extend',
];

/**
 * Effects are declared, never performed: the machine stays pure and the reviews
 * service reads them (type + params) from the actions `transition()` returns, then
 * carries them out in the same database transaction as the event.
 */
function declaredOnly<T extends DhrEffectType>() {
  return (_args: unknown, _params: EffectParams<T>): void => undefined;
}

// Builders for the common effect shapes: a clock of one kind met or started at the
// event's occurredAt, and the whole-review clock operations.
type AtEvent = { event: { occurredAt: string } };

export const meetClock = (kind: DeadlineKind) =>
  ({ type: 'clock.meet', params: ({ event }: AtEvent) => ({ subject: { kind }, metAt: event.occurredAt }) }) as const;

export const startClock = (kind: DeadlineKind) =>
  ({
    type: 'clock.start',
    params: ({ event }: AtEvent) => ({ subject: { kind }, startedAt: event.occurredAt }),
  }) as const;

export const allClocks = <T extends 'clock.pauseAll' | 'clock.resumeAll' | 'clock.cancelAll'>(type: T) =>
  ({ type, params: ({ event }: AtEvent) => ({ at: event.occurredAt }) }) as const;

export type QaOutcome = Extract<DhrEvent, { type: 'QA_OUTCOME' }>['outcome'];

// Pure predicates over the context, named so the guards below read as the rules they enforce.
export const imrStatusOf = (context: DhrContext, agencyId: string): ImrStatus | undefined =>
  context.panel.find((member) => member.agencyId === agencyId)?.imr;

export const scopingOf = (context: DhrContext, agencyId: string): ScopingRequest | undefined =>
  context.scoping.find((request) => request.agencyId === agencyId);

export const isSetupComplete = (context: DhrContext): boolean =>
  context.chairUserId !== null && context.panel.length > 0 && context.termsOfReference !== null;

export const hasOutstandingImr = (context: DhrContext): boolean => context.panel.some((member) => member.imr === 'requested');

export const isReadyForSignoff = (context: DhrContext): boolean =>
  context.drafts.length > 0 && (context.family === 'responded' || context.family === 'not_involved');

/** Stages from which a commissioner copy may still be recorded while the review is held. */
const COPY_STAGES: readonly Stage[] = ['publication', 'action_plan'];

export const dhrSetup = setup({
  types: {} as {
    context: DhrContext;
    events: DhrEvent;
    input: DhrInput;
  },
  actions: {
    'clock.start': declaredOnly<'clock.start'>(),
    'clock.meet': declaredOnly<'clock.meet'>(),
    'clock.cancel': declaredOnly<'clock.cancel'>(),
    'clock.pauseAll': declaredOnly<'clock.pauseAll'>(),
    'clock.resumeAll': declaredOnly<'clock.resumeAll'>(),
    'clock.cancelAll': declaredOnly<'clock.cancelAll'>(),
    'clock.extend': declaredOnly<'clock.extend'>(),
  },
  guards: {
    homeOfficeNotYetInformed: ({ context }) => context.homeOfficeInformedAt === null,
    homeOfficeInformed: ({ context }) => context.homeOfficeInformedAt !== null,
    // v3: told of the "no", and no acceptance recorded yet (a challenge may be followed by an acceptance).
    homeOfficeAwaitedAnswer: ({ context }) => context.homeOfficeInformedAt !== null && context.homeOfficeResponse?.outcome !== 'accepted',
    homeOfficeAccepted: ({ context }) => context.homeOfficeResponse?.outcome === 'accepted',
    homeOfficeChallenged: ({ context }) => context.homeOfficeResponse?.outcome === 'challenged',
    setupComplete: ({ context }) => isSetupComplete(context),
    // One scoping request per agency: refused while outstanding and once returned; a withdrawn one may be asked again.
    scopingNotYetRequested: ({ context }, params: { agencyId: string }) =>
      [undefined, 'withdrawn'].includes(scopingOf(context, params.agencyId)?.status),
    scopingOutstanding: ({ context }, params: { agencyId: string }) => scopingOf(context, params.agencyId)?.status === 'requested',
    agencyNotOnPanel: ({ context }, params: { agencyId: string }) => imrStatusOf(context, params.agencyId) === undefined,
    /** The agency is on the panel and its IMR is in one of `statuses`. */
    imrStatusIn: ({ context }, params: { agencyId: string; statuses: readonly ImrStatus[] }) => {
      const status = imrStatusOf(context, params.agencyId);
      return status !== undefined && params.statuses.includes(status);
    },
    noImrOutstanding: ({ context }) => !hasOutstandingImr(context),
    draftExists: ({ context }) => context.drafts.length > 0,
    readyForSignoff: ({ context }) => isReadyForSignoff(context),
    notYetSubmittedThisRound: ({ context }) => !context.submittedToHomeOfficeThisRound,
    // A QA outcome only answers a submission of this round.
    approvedAfterSubmission: ({ context }, params: { outcome: QaOutcome }) =>
      context.submittedToHomeOfficeThisRound && params.outcome === 'approved',
    resubmissionRequestedAfterSubmission: ({ context }, params: { outcome: QaOutcome }) =>
      context.submittedToHomeOfficeThisRound && params.outcome === 'resubmit',
    commissionerCopyNotYetSent: ({ context }) => context.commissionerCopySentAt === null,
    commissionerCopySent: ({ context }) => context.commissionerCopySentAt !== null,
    commissionerCopyMayBeSentWhileHeld: ({ context }) =>
      context.commissionerCopySentAt === null && context.holdStage !== null && COPY_STAGES.includes(context.holdStage),
    // v2: a publication hold keeps the review in its stage; only PUBLISH waits for it
    // (a review hold leaves `commissioned` altogether, so it refuses PUBLISH too).
    noHoldOpen: ({ context }) => context.hold === null,
    heldForPublication: ({ context }) => context.hold?.scope === 'publication',
    // PUT_ON_HOLD's two branches, by scope: only while no hold is open (RESUME first).
    reviewHoldAsked: ({ context }, params: { scope: HoldScope }) => context.hold === null && params.scope === 'review',
    publicationHoldAsked: ({ context }, params: { scope: HoldScope }) => context.hold === null && params.scope === 'publication',
    /** WITHDRAW_REQUEST's branch for one kind: the agency's request of that kind is outstanding. */
    requestOutstanding: ({ context }, params: { agencyId: string; kind: RequestKind; wanted: RequestKind }) =>
      params.kind === params.wanted &&
      (params.kind === 'scoping'
        ? scopingOf(context, params.agencyId)?.status === 'requested'
        : imrStatusOf(context, params.agencyId) === 'requested'),
    actionIdIsNew: ({ context }, params: { actionId: string }) => !context.actions.some((action) => action.id === params.actionId),
    // v3: an action is carried out once agreed (a drafted one waits for the sign-off).
    actionIsOpen: ({ context }, params: { actionId: string }) =>
      context.actions.some((action) => action.id === params.actionId && action.status === 'open' && action.agreedAt !== null),
    allActionsComplete: ({ context }) => context.actions.every((action) => action.status === 'complete'),
    // v3: a guidance step is recorded when it can have happened (an IMR's sign-off once received, the time online once published).
    guidanceStepFits: ({ context }, params: { step: GuidanceStep; agencyId?: string }) => guidanceStepFits(context, params),
  },
});

/** Whether a guidance step can be recorded now: most at any time from commissioning; two need their fact first. */
export function guidanceStepFits(context: DhrContext, params: { step: GuidanceStep; agencyId?: string }): boolean {
  if (params.step === 'imr_signed_off') return params.agencyId !== undefined && imrStatusOf(context, params.agencyId) === 'received';
  if (params.step === 'report_kept_online') return context.publishedAt !== null;
  return true;
}

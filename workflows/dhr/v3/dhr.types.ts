// The contract between the DHR statechart (pure) and the services that persist it.
// Events arrive validated (DTOs) and with `occurredAt` resolved by the service:
// the named timestamp of the payload, else the time of the request.

/** The stages a commissioned review moves through (and can be put on hold from). */
export const COMMISSIONED_STAGES = [
  'setup',
  'information_gathering',
  'drafting',
  'family_review',
  'csp_signoff',
  'home_office_qa',
  'publication',
  'action_plan',
] as const;

/** Every stage, in the order a review meets them. */
export const STAGES = ['notification', 'not_commissioned', ...COMMISSIONED_STAGES, 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export const HOLD_KINDS = ['criminal_trial', 'inquest', 'iopc', 'other_review', 'other'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

/** What a hold stops: the whole review's work and clocks, or only its publication (v2). */
export const HOLD_SCOPES = ['review', 'publication'] as const;
export type HoldScope = (typeof HOLD_SCOPES)[number];

export type ImrStatus = 'not_requested' | 'requested' | 'received' | 'waived' | 'withdrawn';
export type FamilyStatus = 'not_contacted' | 'draft_shared' | 'responded' | 'not_involved';
export type ScopingStatus = 'requested' | 'returned' | 'withdrawn';

/** The kind of death under review: a homicide, a suicide after domestic abuse (in scope since 2016), or other. */
export const DEATH_TYPES = ['homicide', 'suicide', 'other'] as const;
export type DeathType = (typeof DEATH_TYPES)[number];

/** Who made the CSP's decision: a CSP chair on the system, or a named role recorded by the coordinator. */
export type DecisionMaker = { userId: string } | { role: string };

export const HOME_OFFICE_OUTCOMES = ['accepted', 'challenged'] as const;
export type HomeOfficeOutcome = (typeof HOME_OFFICE_OUTCOMES)[number];

/** v3: the report's three parts, each named by document and version on the record. */
export const REPORT_PARTS = ['overviewReport', 'executiveSummary', 'actionPlan'] as const;
export type ReportPart = (typeof REPORT_PARTS)[number];
export interface DocumentVersionRef {
  documentId: string;
  version: number;
}
/** Which version of each part an event was about (null: the file held no such document). */
export type ReportVersions = Record<ReportPart, DocumentVersionRef | null>;

/** v3: the report versions on the record: signed off, sent to the Home Office this round, approved, published. */
export interface ReportRecord {
  signedOff: ReportVersions | null;
  submitted: ReportVersions | null;
  approved: ReportVersions | null;
  published: ReportVersions | null;
  /** The amendments made since the approved version, listed when a later one was published. */
  amendments: string | null;
}

/**
 * v3: the statutory guidance's steps, recorded as tasks (not gates): the family leaflet
 * and specialist advocacy at set-up, the chair's statement of independence, each IMR's
 * senior-manager sign-off, the family shown the report before it goes to the Home
 * Office, and at publication the QA letter, the family and the Home Office told the
 * date, and the report kept online for its minimum time.
 */
export const GUIDANCE_STEPS = [
  'family_leaflet_given',
  'advocacy_offered',
  'chair_independence_statement',
  'imr_signed_off',
  'family_shown_report',
  'qa_letter_published',
  'family_told_publication_date',
  'home_office_told_publication_date',
  'report_kept_online',
] as const;
export type GuidanceStep = (typeof GUIDANCE_STEPS)[number];

/** One guidance step on the record: done (when, with what) or not done (and why). */
export interface GuidanceRecord {
  step: GuidanceStep;
  done: boolean;
  at: string; // ISO
  /** The advocacy service offered (advocacy_offered). */
  organisation: string | null;
  /** The agency whose IMR was signed off, and the senior manager's role (imr_signed_off). */
  agencyId: string | null;
  signedOffBy: string | null;
  /** Why not, when not done; or a note. */
  note: string | null;
}

/** The requests to an agency that WITHDRAW_REQUEST can withdraw. */
export const REQUEST_KINDS = ['scoping', 'imr'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface PanelMember {
  agencyId: string;
  imr: ImrStatus;
}

/** One agency asked whether it knew the people (stage 2: before the decision, or late in setup). */
export interface ScopingRequest {
  agencyId: string;
  status: ScopingStatus;
  requestedAt: string; // ISO
  returnedAt: string | null; // ISO
  withdrawnAt: string | null; // ISO (v2)
}

export interface ActionItem {
  id: string;
  agencyId: string;
  description: string;
  dueAt: string; // ISO
  status: 'open' | 'complete';
  completedAt: string | null;
  /** v3: drafted with the report from drafting on, agreed at CSP sign-off (when its clock starts). */
  agreedAt: string | null;
}

export interface Hold {
  kind: HoldKind;
  /** v2: a publication hold leaves the review in its stage and refuses only PUBLISH. */
  scope: HoldScope;
  reason: string;
  reference: string | null;
  since: string; // ISO
}

export interface DhrContext {
  notifiedAt: string;
  scoping: ScopingRequest[]; // at most one per agency
  chairUserId: string | null;
  panel: PanelMember[];
  termsOfReference: { agreedAt: string; periodFrom: string; periodTo: string } | null;
  homeOfficeInformedAt: string | null;
  decision: 'commissioned' | 'not_commissioned' | 'directed' | 'reconsidered' | null;
  /** v3: the CSP's decision on the record: when, by whom, and the kind of death. */
  decidedAt: string | null;
  decidedBy: DecisionMaker | null;
  deathType: DeathType | null;
  deathTypeDescription: string | null;
  /** v3: the Home Office's answer to a decision not to hold a review (its QA panel reviews every "no"). */
  homeOfficeResponse: { receivedAt: string; outcome: HomeOfficeOutcome; note: string | null } | null;
  drafts: { documentId: string | null; note: string | null; submittedAt: string }[];
  family: FamilyStatus;
  homeOfficeRound: number; // 1-based QA round
  submittedToHomeOfficeThisRound: boolean;
  resubmissions: number;
  commissionerCopySentAt: string | null;
  publishedAt: string | null;
  publishedUrl: string | null;
  actions: ActionItem[];
  /** v3: the first CSP sign-off, which agrees the action plan with the report. */
  actionPlanAgreedAt: string | null;
  /** v3: which report versions were signed off, sent, approved and published. */
  report: ReportRecord;
  /** v3: the published report stays online until then (at least 12 months). */
  keepOnlineUntil: string | null;
  /** v3: the guidance's steps recorded so far, in order (the latest of a step, per agency, counts). */
  guidance: GuidanceRecord[];
  hold: Hold | null; // the open hold, of either scope
  holdStage: Stage | null; // stage the review was in when put on hold (review holds only)
}

export interface DhrInput {
  notifiedAt: string;
}

interface At {
  occurredAt: string; // ISO, resolved by the service
}

export type DhrEvent =
  | ({ type: 'REQUEST_SCOPING'; agencyId: string; dueAt?: string } & At)
  | ({ type: 'RECEIVE_SCOPING'; agencyId: string; receivedAt: string } & At)
  | ({ type: 'DECIDE_TO_COMMISSION' } & Decision & At)
  | ({ type: 'DECIDE_NOT_TO_COMMISSION' } & Decision & At)
  | ({ type: 'HOME_OFFICE_INFORMED'; sentAt: string } & At)
  | ({ type: 'SECRETARY_OF_STATE_DIRECTION'; receivedAt: string } & At)
  | ({ type: 'APPOINT_CHAIR'; userId: string } & At)
  | ({ type: 'ADD_PANEL_AGENCY'; agencyId: string } & At)
  | ({ type: 'AGREE_TERMS_OF_REFERENCE'; agreedAt: string; periodFrom: string; periodTo: string } & At)
  | ({ type: 'REQUEST_IMR'; agencyId: string; dueAt?: string } & At)
  | ({ type: 'RECEIVE_IMR'; agencyId: string; receivedAt: string; signedOffBy?: string; signedOffAt?: string } & At)
  | ({ type: 'WAIVE_IMR'; agencyId: string; reason: string } & At)
  | ({ type: 'BEGIN_DRAFTING' } & At)
  | ({ type: 'SUBMIT_DRAFT'; documentId?: string; documentVersion?: number; note?: string } & At)
  | ({ type: 'SHARE_DRAFT_WITH_FAMILY'; sharedAt: string; responseDueAt?: string } & At)
  | ({ type: 'FAMILY_RESPONSE_RECEIVED'; receivedAt: string } & At)
  | ({ type: 'FAMILY_NOT_INVOLVED'; reason: string } & At)
  | ({ type: 'SUBMIT_FOR_SIGNOFF' } & At)
  | ({ type: 'CSP_SIGN_OFF'; signedAt: string; documents?: ReportVersions } & At)
  | ({ type: 'CSP_REQUEST_CHANGES'; reason: string } & At)
  | ({ type: 'SUBMIT_TO_HOME_OFFICE'; submittedAt: string; documents?: ReportVersions } & At)
  | ({ type: 'QA_OUTCOME'; receivedAt: string; outcome: 'approved' | 'resubmit'; notes?: string; documentId?: string } & At)
  | ({ type: 'COPY_SENT_TO_COMMISSIONER'; sentAt: string } & At)
  | ({
      type: 'PUBLISH';
      publishedAt: string;
      url: string;
      documentIds?: string[];
      documents?: ReportVersions;
      amendments?: string;
      keepOnlineUntil?: string;
    } & At)
  | ({
      type: 'ADD_ACTION';
      actionId: string;
      agencyId: string;
      description: string;
      dueAt: string;
      recommendationId?: string;
      owner?: string;
    } & At)
  | ({ type: 'COMPLETE_ACTION'; actionId: string; completedAt: string } & At)
  | ({ type: 'CLOSE' } & At)
  | ({ type: 'PUT_ON_HOLD'; kind: HoldKind; scope: HoldScope; reason: string; reference?: string } & At)
  | ({ type: 'RESUME' } & At)
  // v2. The machine cannot see clock rows: the service checks that deadlineId is a live clock of the review.
  | ({ type: 'EXTEND_DEADLINE'; deadlineId: string; dueAt: string; reason: string } & At)
  | ({ type: 'WITHDRAW_REQUEST'; agencyId: string; kind: RequestKind; reason: string } & At)
  | ({ type: 'HOME_OFFICE_RESPONSE'; receivedAt: string; outcome: HomeOfficeOutcome; note?: string } & At)
  | ({ type: 'RECONSIDER_DECISION'; decidedAt: string; rationale: string; decidedBy: DecisionMaker | null } & At)
  | ({
      type: 'RECORD_GUIDANCE_STEP';
      step: GuidanceStep;
      doneAt: string;
      done: boolean;
      organisation?: string;
      agencyId?: string;
      signedOffBy?: string;
      note?: string;
    } & At);

/** A CSP decision's payload; `decidedBy` is resolved by the service (the CSP chair sending it, or who the coordinator names). */
interface Decision {
  decidedAt: string;
  rationale: string;
  /** Optional in the API for clients of the first contract; the pages always ask. */
  deathType?: DeathType;
  deathTypeDescription?: string;
  decidedBy: DecisionMaker | null;
}

export type DhrEventType = DhrEvent['type'];

export const DHR_EVENT_TYPES: readonly DhrEventType[] = [
  'REQUEST_SCOPING',
  'RECEIVE_SCOPING',
  'DECIDE_TO_COMMISSION',
  'DECIDE_NOT_TO_COMMISSION',
  'HOME_OFFICE_INFORMED',
  'SECRETARY_OF_STATE_DIRECTION',
  'APPOINT_CHAIR',
  'ADD_PANEL_AGENCY',
  'AGREE_TERMS_OF_REFERENCE',
  'REQUEST_IMR',
  'RECEIVE_IMR',
  'WAIVE_IMR',
  'BEGIN_DRAFTING',
  'SUBMIT_DRAFT',
  'SHARE_DRAFT_WITH_FAMILY',
  'FAMILY_RESPONSE_RECEIVED',
  'FAMILY_NOT_INVOLVED',
  'SUBMIT_FOR_SIGNOFF',
  'CSP_SIGN_OFF',
  'CSP_REQUEST_CHANGES',
  'SUBMIT_TO_HOME_OFFICE',
  'QA_OUTCOME',
  'COPY_SENT_TO_COMMISSIONER',
  'PUBLISH',
  'ADD_ACTION',
  'COMPLETE_ACTION',
  'CLOSE',
  'PUT_ON_HOLD',
  'RESUME',
  'EXTEND_DEADLINE',
  'WITHDRAW_REQUEST',
  'HOME_OFFICE_RESPONSE',
  'RECONSIDER_DECISION',
  'RECORD_GUIDANCE_STEP',
];

export const DEADLINE_KINDS = [
  'decision',
  'home_office_notice',
  'scoping_return',
  'imr',
  'completion',
  'family_response',
  'commissioner_copy',
  'publication',
  'action',
  // v3: from sign-off to the Home Office submission, and from a resubmission request back to it.
  'home_office_submission',
  'qa_resubmission',
  // v3: the published report kept online until its date (at least 12 months); met when that is recorded.
  'keep_online',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * Which clock an effect is about: the kind, plus the agency (scoping_return, imr)
 * or the action (action) where a review has several clocks of one kind.
 */
export interface ClockSubject {
  kind: DeadlineKind;
  agencyId?: string;
  actionId?: string;
}

/**
 * Side effects the machine declares; the reviews service carries them out in the
 * same transaction as the event. `dueAt` present means an explicit due time (from
 * the payload); absent means "compute from the rulebook starting at `startedAt`".
 */
export type DhrEffect =
  | { type: 'clock.start'; subject: ClockSubject; startedAt: string; dueAt?: string }
  | { type: 'clock.meet'; subject: ClockSubject; metAt: string }
  | { type: 'clock.cancel'; subject: ClockSubject; at: string }
  /** Pauses the review's open clocks: all of them, or only the kinds in `only`, or all but those in `except`. */
  | { type: 'clock.pauseAll'; at: string; only?: DeadlineKind[]; except?: DeadlineKind[] }
  /** Moves one live clock's due time (an agreed new date); the reason is kept with it. */
  | { type: 'clock.extend'; deadlineId: string; dueAt: string; reason: string; at: string }
  | { type: 'clock.resumeAll'; at: string }
  | { type: 'clock.cancelAll'; at: string };

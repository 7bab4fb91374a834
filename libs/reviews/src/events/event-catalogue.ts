import type { DhrEventType } from '@dhr/workflows/dhr/contract';
import type { Role } from '@dhr/identity';
import * as dto from './event-payloads.dto';

type DtoClass = new () => dto.EventEnvelopeDto;

interface EventSpec {
  dto: DtoClass;
  /** Roles allowed by the contract (api.md). Agency contacts are further limited to their own agency. */
  roles: Role[];
  /** The payload field that names when the event happened; it is the event's occurredAt. */
  time?: string;
  /** Timestamps in the payload that are due dates (future), not facts (past). */
  dueFields?: string[];
}

const CHAIR_OR_COORDINATOR: Role[] = ['coordinator', 'independent_chair'];

/** One row per event: how its body is validated, who may send it, which field is its time. */
export const EVENT_CATALOGUE: Record<DhrEventType, EventSpec> = {
  REQUEST_SCOPING: { dto: dto.RequestScopingDto, roles: ['coordinator'], dueFields: ['dueAt'] },
  RECEIVE_SCOPING: { dto: dto.ReceiveScopingDto, roles: ['coordinator', 'agency_contact'], time: 'receivedAt' },
  DECIDE_TO_COMMISSION: { dto: dto.DecideToCommissionDto, roles: ['csp_chair', 'coordinator'], time: 'decidedAt' },
  DECIDE_NOT_TO_COMMISSION: { dto: dto.DecideNotToCommissionDto, roles: ['csp_chair', 'coordinator'], time: 'decidedAt' },
  HOME_OFFICE_INFORMED: { dto: dto.HomeOfficeInformedDto, roles: ['coordinator'], time: 'sentAt' },
  SECRETARY_OF_STATE_DIRECTION: { dto: dto.SecretaryOfStateDirectionDto, roles: ['coordinator'], time: 'receivedAt' },
  APPOINT_CHAIR: { dto: dto.AppointChairDto, roles: ['coordinator'] },
  ADD_PANEL_AGENCY: { dto: dto.AddPanelAgencyDto, roles: CHAIR_OR_COORDINATOR },
  AGREE_TERMS_OF_REFERENCE: { dto: dto.AgreeTermsOfReferenceDto, roles: CHAIR_OR_COORDINATOR, time: 'agreedAt' },
  REQUEST_IMR: { dto: dto.RequestImrDto, roles: CHAIR_OR_COORDINATOR, dueFields: ['dueAt'] },
  RECEIVE_IMR: { dto: dto.ReceiveImrDto, roles: ['coordinator', 'agency_contact'], time: 'receivedAt' },
  WAIVE_IMR: { dto: dto.WaiveImrDto, roles: CHAIR_OR_COORDINATOR },
  BEGIN_DRAFTING: { dto: dto.BeginDraftingDto, roles: CHAIR_OR_COORDINATOR },
  SUBMIT_DRAFT: { dto: dto.SubmitDraftDto, roles: ['independent_chair'] },
  SHARE_DRAFT_WITH_FAMILY: {
    dto: dto.ShareDraftWithFamilyDto,
    roles: ['independent_chair'],
    time: 'sharedAt',
    dueFields: ['responseDueAt'],
  },
  FAMILY_RESPONSE_RECEIVED: { dto: dto.FamilyResponseReceivedDto, roles: CHAIR_OR_COORDINATOR, time: 'receivedAt' },
  FAMILY_NOT_INVOLVED: { dto: dto.FamilyNotInvolvedDto, roles: ['independent_chair'] },
  SUBMIT_FOR_SIGNOFF: { dto: dto.SubmitForSignoffDto, roles: ['independent_chair'] },
  CSP_SIGN_OFF: { dto: dto.CspSignOffDto, roles: ['csp_chair'], time: 'signedAt' },
  CSP_REQUEST_CHANGES: { dto: dto.CspRequestChangesDto, roles: ['csp_chair'] },
  SUBMIT_TO_HOME_OFFICE: { dto: dto.SubmitToHomeOfficeDto, roles: ['coordinator'], time: 'submittedAt' },
  QA_OUTCOME: { dto: dto.QaOutcomeDto, roles: ['coordinator'], time: 'receivedAt' },
  COPY_SENT_TO_COMMISSIONER: { dto: dto.CopySentToCommissionerDto, roles: ['coordinator'], time: 'sentAt' },
  PUBLISH: { dto: dto.PublishDto, roles: ['coordinator'], time: 'publishedAt', dueFields: ['keepOnlineUntil'] },
  ADD_ACTION: { dto: dto.AddActionDto, roles: ['coordinator'], dueFields: ['dueAt'] },
  COMPLETE_ACTION: { dto: dto.CompleteActionDto, roles: ['coordinator', 'agency_contact'], time: 'completedAt' },
  CLOSE: { dto: dto.CloseDto, roles: ['coordinator'] },
  PUT_ON_HOLD: { dto: dto.PutOnHoldDto, roles: ['coordinator'] },
  RESUME: { dto: dto.ResumeDto, roles: ['coordinator'] },
  // The chair only for the clocks they own (see event-permission).
  EXTEND_DEADLINE: { dto: dto.ExtendDeadlineDto, roles: CHAIR_OR_COORDINATOR, dueFields: ['dueAt'] },
  WITHDRAW_REQUEST: { dto: dto.WithdrawRequestDto, roles: CHAIR_OR_COORDINATOR },
  HOME_OFFICE_RESPONSE: { dto: dto.HomeOfficeResponseDto, roles: ['coordinator'], time: 'receivedAt' },
  RECONSIDER_DECISION: { dto: dto.ReconsiderDecisionDto, roles: ['csp_chair', 'coordinator'], time: 'decidedAt' },
  RECORD_GUIDANCE_STEP: { dto: dto.RecordGuidanceStepDto, roles: CHAIR_OR_COORDINATOR, time: 'doneAt' },
};

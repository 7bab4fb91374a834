import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEADLINE_KINDS,
  DEATH_TYPES,
  GUIDANCE_STEPS,
  HOLD_KINDS,
  HOLD_SCOPES,
  HOME_OFFICE_OUTCOMES,
  STAGES,
} from '@dhr/workflows/dhr/contract';
import { DocumentVersion } from './document.response';
import { EVENT_TYPES } from './event-schemas';

// The Review and what hangs off it, as libs/reviews (review.view.ts, history.view.ts), libs/clocks
// (deadline.view.ts) and the review extensions (documents, action plan) build it.

/** A person or an agency with its name, beside its id. */
export class NamedRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class DeadlineExtension {
  @ApiProperty({ format: 'date-time', description: 'the due time it replaced' }) previousDueAt: string;
  @ApiProperty({ type: 'string', nullable: true }) reason: string | null;
  @ApiPropertyOptional({ format: 'date-time' }) extendedAt?: string;
}

export class Deadline {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'scoping_return, imr and action clocks: the agency' }) agencyId?: string;
  @ApiProperty({ type: 'string', nullable: true, description: "the agency's name; null for clocks of no agency" }) agencyName:
    string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'action clocks: the action' }) actionId?: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', description: 'computed in Europe/London; moved on by the time held after a hold' }) dueAt: string;
  @ApiProperty({ enum: ['open', 'met', 'on_hold', 'cancelled'] }) status: string;
  @ApiProperty({ description: 'open and past its due time' }) overdue: boolean;
  @ApiPropertyOptional({ format: 'date-time' }) metAt?: string;
  @ApiPropertyOptional({
    type: DeadlineExtension,
    description: 'the latest agreed new date (EXTEND_DEADLINE); history keeps every one',
  })
  extension?: DeadlineExtension;
}

export class Hold {
  @ApiProperty({ enum: HOLD_KINDS }) kind: string;
  @ApiProperty({ enum: HOLD_SCOPES, description: 'review: the review waits (onHold true); publication: only PUBLISH waits' }) scope: string;
  @ApiProperty() reason: string;
  @ApiProperty({ type: 'string', nullable: true }) reference: string | null;
  @ApiProperty({ format: 'date-time' }) since: string;
}

export class DecisionMakerRef {
  @ApiPropertyOptional({ type: () => NamedRef, description: 'the CSP chair who made it' }) user?: NamedRef;
  @ApiPropertyOptional({ description: 'the role or body the coordinator named, e.g. "CSP board"' }) role?: string;
}

export class DecisionRecord {
  @ApiProperty({ enum: ['commissioned', 'not_commissioned', 'directed', 'reconsidered'] }) outcome: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: () => DecisionMakerRef, nullable: true }) decidedBy: DecisionMakerRef | null;
  @ApiProperty({ type: 'string', enum: DEATH_TYPES, nullable: true }) deathType: string | null;
  @ApiProperty({ type: 'string', nullable: true }) deathTypeDescription: string | null;
}

export class HomeOfficeResponse {
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ enum: HOME_OFFICE_OUTCOMES }) outcome: string;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
}

export class DocumentVersionRef {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

/** The overview report, executive summary and action plan at the versions an event named (null: none in the file). */
export class ReportVersions {
  @ApiProperty({ type: () => DocumentVersionRef, nullable: true }) overviewReport: DocumentVersionRef | null;
  @ApiProperty({ type: () => DocumentVersionRef, nullable: true }) executiveSummary: DocumentVersionRef | null;
  @ApiProperty({ type: () => DocumentVersionRef, nullable: true }) actionPlan: DocumentVersionRef | null;
}

export class ReportRecord {
  @ApiProperty({ type: () => ReportVersions, nullable: true, description: 'at the latest CSP sign-off' }) signedOff: ReportVersions | null;
  @ApiProperty({ type: () => ReportVersions, nullable: true, description: 'sent to the Home Office this round' })
  submitted: ReportVersions | null;
  @ApiProperty({ type: () => ReportVersions, nullable: true, description: 'approved by the Home Office' }) approved: ReportVersions | null;
  @ApiProperty({ type: () => ReportVersions, nullable: true }) published: ReportVersions | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'amendments since the approved version, when a later one was published' })
  amendments: string | null;
}

export class GuidanceItem {
  @ApiProperty({ enum: GUIDANCE_STEPS }) step: string;
  @ApiProperty({ enum: ['done', 'not_done', 'to_do'] }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) at: string | null;
  @ApiProperty({ type: 'string', nullable: true }) organisation: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) agencyName: string | null;
  @ApiProperty({ type: 'string', nullable: true }) signedOffBy: string | null;
  @ApiProperty({ type: 'string', nullable: true }) note: string | null;
}

export class Guidance {
  @ApiProperty({ type: [GuidanceItem] }) steps: GuidanceItem[];
  @ApiProperty({ description: 'a specialist domestic abuse service is on the panel' }) specialistOnPanel: boolean;
}

export class WorkflowRef {
  @ApiProperty({ example: 'dhr' }) name: string;
  @ApiProperty({ type: 'integer', example: 1 }) version: number;
}

export class ScopingRequest {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ enum: ['requested', 'returned', 'withdrawn'] }) status: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) returnedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) withdrawnAt: string | null;
}

export class PanelMember {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ enum: ['not_requested', 'requested', 'received', 'waived', 'withdrawn'] }) imr: string;
}

export class TermsOfReference {
  @ApiProperty({ format: 'date-time' }) agreedAt: string;
  @ApiProperty({ format: 'date' }) periodFrom: string;
  @ApiProperty({ format: 'date' }) periodTo: string;
}

export class ReviewAction {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'the owning agency' }) agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: ['open', 'complete'] }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) recommendationId: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'a role or team in the agency, never a person' }) owner: string | null;
}

/** Where a national recommendation was sent and what came back (libs/action-plan: recommendation-routing.ts). */
export class RecommendationRouting {
  @ApiProperty({ type: 'string', nullable: true, description: 'the government department or national body it was sent to' })
  department: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'the date it was sent' }) sentOn: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'the department’s response' }) response: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'the date the response was received' })
  respondedOn: string | null;
  @ApiProperty({ enum: ['not_sent', 'awaiting_response', 'response_received'], description: 'follows from the dates' }) status: string;
}

export class RecommendationSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: '1, 2, 3… per review' }) number: number;
  @ApiProperty({ enum: ['local', 'national'] }) scope: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) ownerAgencyId: string | null;
  @ApiProperty({ type: () => RecommendationRouting, nullable: true, description: 'national recommendations only; null for a local one' })
  routing: RecommendationRouting | null;
}

/**
 * A review as its caller may see it. Agency contacts get the summary and their own agency's part
 * only: their panel entry, scoping request, actions and deadlines; no `family`, `drafts` or `hold`.
 */
export class Review {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DHR-CROY-2026-001' }) reference: string;
  @ApiProperty({ format: 'uuid' }) partnershipId: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ description: 'held by parallel proceedings' }) onHold: boolean;
  @ApiProperty({ type: () => Hold, nullable: true, description: 'the open hold; always null for agency contacts' }) hold: Hold | null;
  @ApiProperty({ enum: EVENT_TYPES, isArray: true, description: 'the events this caller may send now' }) allowedEvents: string[];
  @ApiProperty({ type: () => WorkflowRef }) workflow: WorkflowRef;
  @ApiProperty({ format: 'date-time' }) notifiedAt: string;
  @ApiProperty() notifiedBy: string;
  @ApiProperty({ format: 'date' }) deathDate: string;
  @ApiProperty() victimPseudonym: string;
  @ApiProperty({ type: 'string', nullable: true }) perpetratorPseudonym: string | null;
  @ApiProperty({ type: 'string', nullable: true }) policeForceArea: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) chairUserId: string | null;
  @ApiProperty({ type: () => NamedRef, nullable: true, description: 'the independent chair' }) chair: NamedRef | null;
  @ApiProperty({ type: [ScopingRequest] }) scoping: ScopingRequest[];
  @ApiProperty({ type: [PanelMember] }) panel: PanelMember[];
  @ApiProperty({ type: () => TermsOfReference, nullable: true }) termsOfReference: TermsOfReference | null;
  @ApiPropertyOptional({ enum: ['not_contacted', 'draft_shared', 'responded', 'not_involved'], description: 'not for agency contacts' })
  family?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'drafts submitted; not for agency contacts' }) drafts?: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) homeOfficeInformedAt: string | null;
  @ApiPropertyOptional({
    type: () => DecisionRecord,
    nullable: true,
    description: 'the CSP decision on the record; not for agency contacts',
  })
  decision?: DecisionRecord | null;
  @ApiPropertyOptional({
    type: () => HomeOfficeResponse,
    nullable: true,
    description: 'the Home Office’s answer to a "no"; not for agency contacts',
  })
  homeOfficeResponse?: HomeOfficeResponse | null;
  @ApiProperty({
    type: () => ReportRecord,
    nullable: true,
    description: 'which report versions were signed off, sent, approved, published',
  })
  report: ReportRecord | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'the published report stays online until then' })
  keepOnlineUntil: string | null;
  @ApiPropertyOptional({
    type: () => Guidance,
    nullable: true,
    description: 'the statutory guidance’s steps as tasks (from commissioning); not for agency contacts',
  })
  guidance?: Guidance | null;
  @ApiPropertyOptional({
    type: [String],
    description: 'for a coordinator: the chairs’ and CSP chairs’ events they may record now on their behalf (with onBehalfOf and evidence)',
  })
  allowedOnBehalf?: string[];
  @ApiProperty({ type: 'integer' }) resubmissions: number;
  @ApiProperty({ type: [ReviewAction] }) actions: ReviewAction[];
  @ApiProperty({ type: [RecommendationSummary] }) recommendations: RecommendationSummary[];
  @ApiProperty({ type: [DocumentVersion], description: 'the latest version of each document the caller may see' })
  documents: DocumentVersion[];
  @ApiProperty({ type: [Deadline] }) deadlines: Deadline[];
  @ApiProperty({ type: () => Deadline, nullable: true, description: "the caller's earliest open deadline" }) nextDeadline: Deadline | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'send as expectedVersion to detect a concurrent change' }) version: number;
}

export class ReviewPage {
  @ApiProperty({ type: [Review] }) items: Review[];
  @ApiProperty({ type: 'integer', description: 'how many match, over all pages' }) total: number;
}

export class HistoryEntry {
  @ApiProperty({ type: 'integer', description: '1, 2, 3… per review' }) seq: number;
  @ApiProperty({ description: 'an event type, or NOTIFIED (creation) or WORKFLOW_MIGRATED' }) type: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "the event's payload as recorded" })
  payload: Record<string, unknown>;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'null: the system' }) actorId: string | null;
  @ApiProperty({ type: () => NamedRef, nullable: true }) actor: NamedRef | null;
  @ApiProperty({
    type: () => NamedRef,
    nullable: true,
    description: 'the CSP chair or independent chair the actor (a coordinator) recorded this step for',
  })
  onBehalfOf: NamedRef | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'with onBehalfOf: what records the step' }) evidence: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'the agency the event concerns (its payload names it), if any' })
  agencyName: string | null;
  @ApiProperty({ format: 'date-time', description: 'when it happened' }) occurredAt: string;
  @ApiProperty({ format: 'date-time', description: 'when it was recorded' }) recordedAt: string;
  @ApiProperty({ enum: STAGES, nullable: true }) fromStage: string | null;
  @ApiProperty({ enum: STAGES }) toStage: string;
}

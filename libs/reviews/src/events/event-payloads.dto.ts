import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  ValidateNested,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  IsUUID,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { OptionalNotNull } from '@dhr/core';
import {
  DEATH_TYPES,
  DeathType,
  GUIDANCE_STEPS,
  GuidanceStep,
  DHR_EVENT_TYPES,
  DhrEventType,
  HOLD_KINDS,
  HOLD_SCOPES,
  HoldKind,
  HoldScope,
  HOME_OFFICE_OUTCOMES,
  HomeOfficeOutcome,
  REQUEST_KINDS,
  RequestKind,
} from '@dhr/workflows/dhr/contract';
import { IsDateOrDateTime, IsDueDate, IsIsoDate, IsIsoDateTime } from './iso-date-time.validator';

const TEXT = 4000;

/** Fields every event accepts. */
export class EventEnvelopeDto {
  @ApiProperty({ enum: DHR_EVENT_TYPES }) @IsIn(DHR_EVENT_TYPES as DhrEventType[]) type: DhrEventType;

  @ApiPropertyOptional({ description: 'when it really happened; default now; never in the future' })
  @OptionalNotNull()
  @IsIsoDateTime()
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'the review version you last saw; enables the 409 conflict check' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  expectedVersion?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'coordinator only: the CSP chair or independent chair this step is recorded for (with evidence)',
  })
  @OptionalNotNull()
  @IsUUID()
  onBehalfOf?: string;

  @ApiPropertyOptional({ description: 'with onBehalfOf: what records the step, e.g. "board minutes, 12 March 2026"' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  evidence?: string;
}

export class RequestScopingDto extends EventEnvelopeDto {
  @IsUUID() agencyId: string;
  @ApiPropertyOptional({ description: 'a date (due at 5pm London that day) or a date-time with offset; default from the rulebook' })
  @OptionalNotNull()
  @IsDueDate()
  dueAt?: string;
}
export class ReceiveScopingDto extends EventEnvelopeDto {
  @IsUUID() agencyId: string;
  @OptionalNotNull() @IsIsoDateTime() receivedAt?: string;
}

class Rationale extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() decidedAt?: string;
  @IsString() @MinLength(1) @MaxLength(TEXT) rationale: string;
  @ApiPropertyOptional({
    description:
      'who made the decision when the coordinator records it (a role or body, e.g. "CSP board"); a CSP chair sending it is the decision-maker',
  })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  decisionMaker?: string;
}
class Decision extends Rationale {
  @ApiPropertyOptional({ enum: DEATH_TYPES, description: 'homicide; suicide after domestic abuse; other (describe it)' })
  @OptionalNotNull()
  @IsIn(DEATH_TYPES)
  deathType?: DeathType;
  @ApiPropertyOptional({ description: 'required when deathType is other' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  deathTypeDescription?: string;
}
export class DecideToCommissionDto extends Decision {}
export class DecideNotToCommissionDto extends Decision {}
export class HomeOfficeResponseDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() receivedAt?: string;
  @ApiProperty({ enum: HOME_OFFICE_OUTCOMES }) @IsIn(HOME_OFFICE_OUTCOMES) outcome: HomeOfficeOutcome;
  @OptionalNotNull() @IsString() @MaxLength(TEXT) note?: string;
}
export class ReconsiderDecisionDto extends Rationale {}

export class HomeOfficeInformedDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() sentAt?: string;
}
export class SecretaryOfStateDirectionDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() receivedAt?: string;
}
export class AppointChairDto extends EventEnvelopeDto {
  @IsUUID() userId: string;
}
export class AddPanelAgencyDto extends EventEnvelopeDto {
  @IsUUID() agencyId: string;
}
export class AgreeTermsOfReferenceDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() agreedAt?: string;
  @IsIsoDate() periodFrom: string;
  @IsIsoDate() periodTo: string;
}
export class RequestImrDto extends EventEnvelopeDto {
  @IsUUID() agencyId: string;
  @ApiPropertyOptional({ description: 'a date (due at 5pm London that day) or a date-time with offset; default from the rulebook' })
  @OptionalNotNull()
  @IsDueDate()
  dueAt?: string;
}
export class ReceiveImrDto extends EventEnvelopeDto {
  @IsUUID() agencyId: string;
  @OptionalNotNull() @IsIsoDateTime() receivedAt?: string;
  @ApiPropertyOptional({ description: 'the role of the senior manager who signed the IMR off (e.g. "Detective Superintendent")' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  signedOffBy?: string;
  @ApiPropertyOptional({ description: 'when the senior manager signed it off (a date or date-time); needs signedOffBy' })
  @OptionalNotNull()
  @IsDateOrDateTime()
  signedOffAt?: string;
}
export class WaiveImrDto extends EventEnvelopeDto {
  @IsUUID() agencyId: string;
  @IsString() @MinLength(1) @MaxLength(TEXT) reason: string;
}
export class BeginDraftingDto extends EventEnvelopeDto {}
export class SubmitDraftDto extends EventEnvelopeDto {
  @ApiPropertyOptional({ description: 'the draft: an overview_report or executive_summary document of this review' })
  @OptionalNotNull()
  @IsUUID()
  documentId?: string;
  @ApiPropertyOptional({ description: 'which version of that document (default: its latest)' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  documentVersion?: number;
  @OptionalNotNull() @IsString() @MaxLength(TEXT) note?: string;
}
export class ShareDraftWithFamilyDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() sharedAt?: string;
  @ApiPropertyOptional({ description: 'a date (due at 5pm London that day) or a date-time with offset; default from the rulebook' })
  @OptionalNotNull()
  @IsDueDate()
  responseDueAt?: string;
}
export class FamilyResponseReceivedDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() receivedAt?: string;
}
export class FamilyNotInvolvedDto extends EventEnvelopeDto {
  @IsString() @MinLength(1) @MaxLength(TEXT) reason: string;
}
export class SubmitForSignoffDto extends EventEnvelopeDto {}
/** One document of the review at one version (default: its latest). */
export class DocumentVersionDto {
  @IsUUID() documentId: string;
  @ApiPropertyOptional({ description: 'default: the latest version' }) @OptionalNotNull() @IsInt() @Min(1) version?: number;
}
/** The report's three parts; a part not named is the latest document of its type in the review. */
export class ReportVersionsDto {
  @ApiPropertyOptional({ type: DocumentVersionDto, description: 'an overview_report document' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => DocumentVersionDto)
  overviewReport?: DocumentVersionDto;
  @ApiPropertyOptional({ type: DocumentVersionDto, description: 'an executive_summary document' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => DocumentVersionDto)
  executiveSummary?: DocumentVersionDto;
  @ApiPropertyOptional({ type: DocumentVersionDto, description: 'an action_plan document' })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => DocumentVersionDto)
  actionPlan?: DocumentVersionDto;
}
const REPORT_VERSIONS_DOC = 'which versions of the overview report, executive summary and action plan; default: the latest of each';

export class CspSignOffDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() signedAt?: string;
  @ApiPropertyOptional({ type: ReportVersionsDto, description: REPORT_VERSIONS_DOC })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => ReportVersionsDto)
  documents?: ReportVersionsDto;
}
export class CspRequestChangesDto extends EventEnvelopeDto {
  @IsString() @MinLength(1) @MaxLength(TEXT) reason: string;
}
export class SubmitToHomeOfficeDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() submittedAt?: string;
  @ApiPropertyOptional({ type: ReportVersionsDto, description: REPORT_VERSIONS_DOC })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => ReportVersionsDto)
  documents?: ReportVersionsDto;
}
export class QaOutcomeDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() receivedAt?: string;
  @IsIn(['approved', 'resubmit']) outcome: 'approved' | 'resubmit';
  @OptionalNotNull() @IsString() @MaxLength(TEXT) notes?: string;
  @ApiPropertyOptional({ description: 'the Home Office feedback letter: a home_office_feedback document of this review' })
  @OptionalNotNull()
  @IsUUID()
  documentId?: string;
}
export class CopySentToCommissionerDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() sentAt?: string;
}
export class PublishDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsIsoDateTime() publishedAt?: string;
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true }) @MaxLength(2000) url: string;
  @ApiPropertyOptional({
    description:
      'the documents published (overview_report, executive_summary, action_plan); default: the latest of each of those the review has',
    type: [String],
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  documentIds?: string[];
  @ApiPropertyOptional({
    type: ReportVersionsDto,
    description: `${REPORT_VERSIONS_DOC}; each must be the version the Home Office approved, or a later one with the amendments listed`,
  })
  @OptionalNotNull()
  @ValidateNested()
  @Type(() => ReportVersionsDto)
  documents?: ReportVersionsDto;
  @ApiPropertyOptional({
    description: 'the amendments made since the version the Home Office approved (needed when publishing a later one)',
  })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  amendments?: string;
  @ApiPropertyOptional({
    description: 'keep the report online until (a date, 5pm London, or a date-time); at least 12 months on; default 12 months',
  })
  @OptionalNotNull()
  @IsDueDate()
  keepOnlineUntil?: string;
}
export class AddActionDto extends EventEnvelopeDto {
  @OptionalNotNull() @IsUUID() actionId?: string;
  @IsUUID() agencyId: string;
  @IsString() @MinLength(1) @MaxLength(TEXT) description: string;
  @ApiProperty({ description: 'a date (due at 5pm London that day) or a date-time with offset' }) @IsDueDate() dueAt: string;
  @ApiPropertyOptional({ description: 'the recommendation this action carries out' })
  @OptionalNotNull()
  @IsUUID()
  recommendationId?: string;
  @ApiPropertyOptional({ description: 'who in the owning agency is responsible (a role or team, not a private person)' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  owner?: string;
}
export class CompleteActionDto extends EventEnvelopeDto {
  @IsUUID() actionId: string;
  @OptionalNotNull() @IsIsoDateTime() completedAt?: string;
}
export class CloseDto extends EventEnvelopeDto {}
export class PutOnHoldDto extends EventEnvelopeDto {
  @IsIn(HOLD_KINDS) kind: HoldKind;
  @ApiPropertyOptional({
    enum: HOLD_SCOPES,
    description: 'review: the review waits (its own clocks stop); publication: only PUBLISH waits. Default per kind from the rulebook',
  })
  @OptionalNotNull()
  @IsIn(HOLD_SCOPES)
  scope?: HoldScope;
  @IsString() @MinLength(1) @MaxLength(TEXT) reason: string;
  @OptionalNotNull() @IsString() @MaxLength(200) reference?: string;
}
export class ResumeDto extends EventEnvelopeDto {}
export class ExtendDeadlineDto extends EventEnvelopeDto {
  @ApiProperty({ description: 'the deadline (clock) to move: one of the review’s running deadlines' }) @IsUUID() deadlineId: string;
  @ApiProperty({ description: 'the new due date: a date (due at 5pm London that day) or a date-time with offset' })
  @IsDueDate()
  dueAt: string;
  @IsString() @MinLength(1) @MaxLength(TEXT) reason: string;
}
export class WithdrawRequestDto extends EventEnvelopeDto {
  @IsUUID() agencyId: string;
  @ApiProperty({ enum: REQUEST_KINDS }) @IsIn(REQUEST_KINDS) kind: RequestKind;
  @IsString() @MinLength(1) @MaxLength(TEXT) reason: string;
}

export class RecordGuidanceStepDto extends EventEnvelopeDto {
  @ApiProperty({ enum: GUIDANCE_STEPS }) @IsIn(GUIDANCE_STEPS) step: GuidanceStep;
  @ApiPropertyOptional({ description: 'when it was done (or found not to be done); default now' })
  @OptionalNotNull()
  @IsIsoDateTime()
  doneAt?: string;
  @ApiPropertyOptional({ description: 'false: not done, and `note` says why; default true' })
  @OptionalNotNull()
  @IsBoolean()
  done?: boolean;
  @ApiPropertyOptional({ description: 'the specialist advocacy service offered (advocacy_offered)' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  organisation?: string;
  @ApiPropertyOptional({ description: 'the agency whose IMR was signed off (imr_signed_off)' })
  @OptionalNotNull()
  @IsUUID()
  agencyId?: string;
  @ApiPropertyOptional({ description: 'the role of the senior manager who signed the IMR off (imr_signed_off)' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  signedOffBy?: string;
  @ApiPropertyOptional({ description: 'a note; when not done, why not' })
  @OptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT)
  note?: string;
}

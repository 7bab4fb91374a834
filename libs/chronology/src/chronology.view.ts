import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalNotNull } from '@dhr/core';

/** How many row problems an answer lists; `problemCount` gives the total. */
export const MAX_LISTED_PROBLEMS = 100;

export class ChronologyEntryView {
  @ApiProperty({ description: 'YYYY-MM-DD, or an ISO date-time with the London offset when a time was given' }) date: string;
  @ApiProperty() agency: string;
  @ApiProperty() event: string;
  @ApiProperty() source: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: "the row's line in the agency's file" }) line: number;
}

export class ChronologySourceView {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'rows read from this version' }) rows: number;
}

export class ChronologyNotMergedView {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty() version: number;
  @ApiProperty() mediaType: string;
  @ApiProperty() reason: string;
}

export class ChronologyProblemView {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty() version: number;
  @ApiProperty() line: number;
  @ApiProperty() field: string;
  @ApiProperty() reason: string;
}

/** GET /reviews/:id/chronology */
export class ChronologyView {
  @ApiProperty({ type: [ChronologyEntryView] }) entries: ChronologyEntryView[];
  @ApiProperty({ description: 'rows folded into an identical one (same date, agency, event and source)' }) duplicatesRemoved: number;
  @ApiProperty({ type: [ChronologySourceView] }) sources: ChronologySourceView[];
  @ApiProperty({ type: [ChronologyNotMergedView] }) notMerged: ChronologyNotMergedView[];
  @ApiProperty({ type: [ChronologyProblemView], description: `the first ${MAX_LISTED_PROBLEMS}` }) problems: ChronologyProblemView[];
  @ApiProperty() problemCount: number;
}

export const CHRONOLOGY_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ChronologyExportFormat = (typeof CHRONOLOGY_EXPORT_FORMATS)[number];

export class ChronologyContentQuery {
  @ApiPropertyOptional({ enum: CHRONOLOGY_EXPORT_FORMATS, default: 'csv' })
  @OptionalNotNull()
  @IsIn(CHRONOLOGY_EXPORT_FORMATS)
  format?: ChronologyExportFormat;
}

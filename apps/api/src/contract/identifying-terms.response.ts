import { ApiProperty } from '@nestjs/swagger';

// libs/anonymisation identifying-terms.service.ts and anonymisation-scanner.ts. Coordinators only.

export class TermAcceptance {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'null when the term has since been removed from the list' })
  term: string | null;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) acceptedBy: string;
  @ApiProperty({ format: 'date-time' }) acceptedAt: string;
}

export class IdentifyingTerms {
  @ApiProperty({ type: [String] }) terms: string[];
  @ApiProperty({ type: [TermAcceptance] }) acceptances: TermAcceptance[];
  @ApiProperty({ type: 'integer', description: 'send as expectedVersion with the next PUT' }) version: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) updatedAt: string | null;
}

export class CheckedDocument {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() mediaType: string;
}

export class FoundTerm {
  @ApiProperty() term: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: 'integer' }) occurrences: number;
  @ApiProperty({ description: 'a few words around the first occurrence' }) excerpt: string;
}

export class AcceptedTerm extends FoundTerm {
  @ApiProperty({ format: 'uuid' }) acceptanceId: string;
  @ApiProperty() reason: string;
}

export class UncheckedDocument extends CheckedDocument {
  @ApiProperty() reason: string;
}

/** What PUBLISH would find now. */
export class AnonymisationCheck {
  @ApiProperty({ description: 'no unaccepted match and nothing unreadable' }) clean: boolean;
  @ApiProperty({ type: [CheckedDocument] }) checked: CheckedDocument[];
  @ApiProperty({ type: [FoundTerm] }) matches: FoundTerm[];
  @ApiProperty({ type: [AcceptedTerm] }) accepted: AcceptedTerm[];
  @ApiProperty({ type: [UncheckedDocument] }) unreadable: UncheckedDocument[];
}

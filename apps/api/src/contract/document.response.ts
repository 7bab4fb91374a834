import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_TYPES } from '@dhr/documents';

/** Panel papers: when and by whom a document was shared with the panel. */
export class PanelSharing {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid', description: 'the user who shared it' }) by: string;
}

/** One version of a document (libs/documents document.view.ts): lists show the latest of each. */
export class DocumentVersion {
  @ApiProperty({ format: 'uuid', description: 'the document (the same for all its versions)' }) id: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) type: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) agencyId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) title: string | null;
  @ApiProperty({ type: 'integer', minimum: 1 }) version: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256: string;
  @ApiProperty({ type: 'integer', description: 'bytes' }) size: number;
  @ApiProperty({ description: 'as read from the bytes, e.g. application/pdf' }) mediaType: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
  @ApiProperty({
    type: () => PanelSharing,
    nullable: true,
    description: 'shared with every agency contact on the panel (when, by whom); null when not shared',
  })
  sharedWithPanel: PanelSharing | null;
}

/** An upload's answer: the version stored and the workflow event it recorded, if any. */
export class UploadedDocument extends DocumentVersion {
  @ApiProperty({ type: 'string', nullable: true, description: 'e.g. RECEIVE_IMR or SUBMIT_DRAFT; null when the file was only stored' })
  recordedEvent: string | null;
}

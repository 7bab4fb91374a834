import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// libs/audit: audit-entry.ts (viewOfRow) and audit-verifier.ts.

export class AuditEntry {
  @ApiProperty({ description: 'the entry number (digits)', example: '1042' }) id: string;
  @ApiProperty({ description: "the partnership id whose hash chain holds it, or 'system'" }) chain: string;
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) actorRole: string | null;
  @ApiProperty({ example: 'review.event.DECIDE_TO_COMMISSION' }) action: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) reviewId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) entity: string | null;
  @ApiProperty({ type: 'string', nullable: true }) entityId: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '`{field: {before, after}}` for the fields that changed; administrators see `[withheld]` for the values',
  })
  changes: Record<string, unknown> | null;
  @ApiProperty({ type: 'string', nullable: true }) requestId: string | null;
  @ApiProperty({ type: 'string', nullable: true }) sourceIp: string | null;
  @ApiProperty({ description: 'SHA-256, hex' }) prevHash: string;
  @ApiProperty({ description: 'SHA-256, hex: covers the content and prevHash' }) hash: string;
}

export class ChainBreak {
  @ApiProperty() chain: string;
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'null when the entry is missing altogether' }) id: string | null;
  @ApiProperty({ enum: ['hash_mismatch', 'broken_link', 'gap'] }) reason: string;
}

export class AuditVerification {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer', description: 'entries checked' }) entries: number;
  @ApiPropertyOptional({ type: () => ChainBreak, description: 'when not ok: the first broken entry' }) firstBrokenAt?: ChainBreak;
}

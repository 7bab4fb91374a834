import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// libs/audit: audit-entry.ts (viewOfRow) and audit-verifier.ts.

export class AuditEntry {
  @ApiProperty({ description: 'the entry number (digits)', example: '1042' }) id: string;
  @ApiProperty({ description: "the partnership id whose hash chain holds it, or 'system'" }) chain: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'position in the chain; null for a moment after commit, until sealed' })
  seq: number | null;
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
  @ApiProperty({ type: 'string', nullable: true, description: 'SHA-256, hex; null until sealed' }) prevHash: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'SHA-256, hex: covers the content and prevHash; null until sealed' })
  hash: string | null;
}

export class ChainBreak {
  @ApiProperty() chain: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'position in the chain; null for a moment after commit, until sealed' })
  seq: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'null when the entry is missing altogether' }) id: string | null;
  @ApiProperty({ enum: ['hash_mismatch', 'broken_link', 'gap'] }) reason: string;
}

export class UnsealedEntries {
  @ApiProperty({ type: 'integer', description: 'committed entries not yet sealed into their chain (normally 0: verify seals first)' })
  entries: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'seconds since the oldest of them was recorded; null when none' })
  oldestSeconds: number | null;
}

export class AuditVerification {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer', description: 'sealed entries checked' }) entries: number;
  @ApiProperty({ type: () => UnsealedEntries, description: 'what could not be checked yet' }) unsealed: UnsealedEntries;
  @ApiPropertyOptional({ type: () => ChainBreak, description: 'when not ok: the first broken entry' }) firstBrokenAt?: ChainBreak;
}

import { Module } from '@nestjs/common';
import { AuditQuery } from './audit-query';
import { AuditSealer } from './audit-sealer';
import { AuditVerifier } from './audit-verifier';
import { AuditWriter } from './audit-writer';

/** The audit trail: append (in the caller's transaction), seal into the chains, verify them, read for export. Needs DatabaseModule. */
@Module({
  providers: [AuditWriter, AuditSealer, AuditVerifier, AuditQuery],
  exports: [AuditWriter, AuditSealer, AuditVerifier, AuditQuery],
})
export class AuditModule {}

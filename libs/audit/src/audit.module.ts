import { Module } from '@nestjs/common';
import { AuditQuery } from './audit-query';
import { AuditVerifier } from './audit-verifier';
import { AuditWriter } from './audit-writer';

/** The audit trail: append (in the caller's transaction), verify the chains, read for export. Needs DatabaseModule. */
@Module({
  providers: [AuditWriter, AuditVerifier, AuditQuery],
  exports: [AuditWriter, AuditVerifier, AuditQuery],
})
export class AuditModule {}

import { Module } from '@nestjs/common';
import { AuditQuery } from './audit-query';
import { AuditSealer } from './audit-sealer';
import { AuditSealingLoop } from './audit-sealing-loop';
import { AuditVerifier } from './audit-verifier';
import { AuditWriter } from './audit-writer';

/** The audit trail: append (in the caller's transaction), seal into the chains, verify them, read for export. Needs DatabaseModule. */
@Module({
  providers: [AuditWriter, AuditSealer, AuditSealingLoop, AuditVerifier, AuditQuery],
  exports: [AuditWriter, AuditSealer, AuditSealingLoop, AuditVerifier, AuditQuery],
})
export class AuditModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@dhr/audit';
import { IdentityModule } from '@dhr/identity';
import { ReportingService } from './reporting.service';

/** Reports over many reviews: the CSP board report and the national data return. Read-only. */
@Module({
  imports: [IdentityModule, AuditModule],
  providers: [ReportingService],
  exports: [ReportingService],
})
export class ReportingModule {}

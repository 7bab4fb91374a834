import { Module, OnModuleInit } from '@nestjs/common';
import { AuditModule } from '@dhr/audit';
import { Clock } from '@dhr/core';
import { DocumentsModule, DocumentUploadChecks } from '@dhr/documents';
import { chronologyUploadCheck } from './chronology-upload.check';
import { ChronologyService } from './chronology.service';

/** The combined chronology of a review, merged from the agencies' chronology documents. */
@Module({
  imports: [DocumentsModule, AuditModule],
  providers: [ChronologyService],
  exports: [ChronologyService],
})
export class ChronologyModule implements OnModuleInit {
  constructor(
    private readonly checks: DocumentUploadChecks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.checks.register(chronologyUploadCheck(() => this.clock.now()));
  }
}

import { Module, OnModuleInit } from '@nestjs/common';
import { Clock } from '@dhr/core';
import { DocumentsModule, DocumentUploadChecks } from '@dhr/documents';
import { ReviewsModule } from '@dhr/reviews';
import { chronologyUploadCheck } from './chronology-upload.check';
import { ChronologyService } from './chronology.service';

/** The combined chronology of a review, merged from the agencies' chronology documents. */
@Module({
  imports: [DocumentsModule, ReviewsModule],
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

import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@dhr/audit';
import { DocumentsModule } from '@dhr/documents';
import { ReviewExtensions, ReviewsModule } from '@dhr/reviews';
import { AnonymisationScanner } from './anonymisation-scanner';
import { DraftAnonymisationCheck } from './draft-check.service';
import { IdentifyingTermsEntity, TermAcceptanceEntity } from './identifying-terms.entities';
import { IdentifyingTermsService } from './identifying-terms.service';
import { IdentifyingTermsStore } from './identifying-terms.store';
import { PublishGuardExtension } from './publish-guard.extension';

/** Identifying terms of a review and the anonymisation check before PUBLISH. */
@Module({
  imports: [TypeOrmModule.forFeature([IdentifyingTermsEntity, TermAcceptanceEntity]), AuditModule, DocumentsModule, ReviewsModule],
  providers: [IdentifyingTermsStore, AnonymisationScanner, IdentifyingTermsService, DraftAnonymisationCheck, PublishGuardExtension],
  exports: [IdentifyingTermsService, AnonymisationScanner, DraftAnonymisationCheck],
})
export class AnonymisationModule implements OnModuleInit {
  constructor(
    private readonly extensions: ReviewExtensions,
    private readonly publishGuard: PublishGuardExtension,
  ) {}

  onModuleInit(): void {
    this.extensions.register(this.publishGuard);
  }
}

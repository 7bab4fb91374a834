import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthGuard } from '@dhr/identity';
import { AuditController } from './controllers/audit.controller';
import { DocumentsController } from './controllers/documents.controller';
import { ActionPlanController } from './controllers/action-plan.controller';
import { MeetingsController } from './controllers/meetings.controller';
import { FamilyController } from './controllers/family.controller';
import { IdentifyingTermsController } from './controllers/identifying-terms.controller';
import { ChronologyController } from './controllers/chronology.controller';
import { AuthController } from './controllers/auth.controller';
import { IdentityController } from './controllers/identity.controller';
import { ReviewsController } from './controllers/reviews.controller';
import { MeController } from './controllers/me.controller';
import { DirectoryController } from './controllers/directory.controller';
import { OperationsController } from './controllers/operations.controller';
import { ReportingController } from './controllers/reporting.controller';
import { SearchController } from './controllers/search.controller';
import { OversightController } from './controllers/oversight.controller';
import { DOMAIN_MODULES } from './domain-modules';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency-store';

/** The HTTP app: thin controllers over the domain libs. CoreModule is added by the bootstrap. */
@Module({
  imports: DOMAIN_MODULES,
  controllers: [
    AuthController,
    IdentityController,
    ReviewsController,
    AuditController,
    DocumentsController,
    ActionPlanController,
    MeetingsController,
    FamilyController,
    IdentifyingTermsController,
    ChronologyController,
    MeController,
    DirectoryController,
    OperationsController,
    ReportingController,
    SearchController,
    OversightController,
  ],
  // Every route needs a bearer token unless marked @Public(); a POST may carry an Idempotency-Key (after the guard: keys are per user).
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    IdempotencyStore,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class ApiModule {}

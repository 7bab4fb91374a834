import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '@dhr/audit';
import { DatabaseModule } from '@dhr/core';
import { DocumentsModule } from '@dhr/documents';
import { ActionPlanModule } from '@dhr/action-plan';
import { MeetingsModule } from '@dhr/meetings';
import { FamilyModule } from '@dhr/family';
import { AnonymisationModule } from '@dhr/anonymisation';
import { ChronologyModule } from '@dhr/chronology';
import { AuthGuard, IdentityModule } from '@dhr/identity';
import { JobsModule } from '@dhr/jobs';
import { NotificationsModule } from '@dhr/notifications';
import { OpsModule } from '@dhr/ops';
import { ReviewsModule } from '@dhr/reviews';
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

/** The HTTP app: thin controllers over the domain libs. CoreModule is added by the bootstrap. */
@Module({
  imports: [
    DatabaseModule,
    AuditModule,
    JobsModule,
    NotificationsModule,
    IdentityModule,
    ReviewsModule,
    DocumentsModule,
    ActionPlanModule,
    MeetingsModule,
    FamilyModule,
    AnonymisationModule,
    ChronologyModule,
    OpsModule,
  ],
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
  ],
  // Every route needs a bearer token unless marked @Public().
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class ApiModule {}

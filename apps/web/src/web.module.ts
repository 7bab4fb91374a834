import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ActionPlanModule } from '@dhr/action-plan';
import { AnonymisationModule } from '@dhr/anonymisation';
import { AuditModule } from '@dhr/audit';
import { ChronologyModule } from '@dhr/chronology';
import { DatabaseModule } from '@dhr/core';
import { DocumentsModule } from '@dhr/documents';
import { FamilyModule } from '@dhr/family';
import { IdentityModule } from '@dhr/identity';
import { JobsModule } from '@dhr/jobs';
import { MeetingsModule } from '@dhr/meetings';
import { NotificationsModule } from '@dhr/notifications';
import { OpsModule } from '@dhr/ops';
import { ReviewsModule } from '@dhr/reviews';
import { SessionRedis } from './middleware/session-redis';
import { SignedInGuard } from './auth/signed-in.guard';
import { WebExceptionFilter } from './errors/web-exception.filter';
import { HomeController } from './routes/home/home.controller';
import { StaticPagesController } from './routes/pages/static-pages.controller';
import { SignInController } from './routes/sign-in/sign-in.controller';
import { ReviewsController } from './routes/reviews/reviews.controller';
import { ReviewWorkController } from './routes/reviews/review-work.controller';
import { RequestsController } from './routes/requests/requests.controller';
import { AdministrationController } from './routes/administration/administration.controller';
import { AccountsController } from './routes/accounts/accounts.controller';
import { AccountEmails } from './email/account-emails';

/**
 * The pages: thin controllers over the same domain libs as the API, called in process with
 * the signed-in actor. The same modules as apps/api, so every review-file extension
 * (documents, action plan, …) is registered and a review reads the same here as there.
 */
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
    HomeController,
    StaticPagesController,
    SignInController,
    ReviewWorkController,
    ReviewsController,
    RequestsController,
    AdministrationController,
    AccountsController,
  ],
  providers: [
    SessionRedis,
    AccountEmails,
    { provide: APP_GUARD, useClass: SignedInGuard },
    { provide: APP_FILTER, useClass: WebExceptionFilter },
  ],
})
export class WebModule {}

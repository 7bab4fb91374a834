import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { SessionRedis } from './middleware/session-redis';
import { SignedInGuard } from './auth/signed-in.guard';
import { WebExceptionFilter } from './errors/web-exception.filter';
import { HomeController } from './routes/home/home.controller';
import { StaticPagesController } from './routes/pages/static-pages.controller';
import { EditAccountsController } from './routes/administration/edit-accounts.controller';
import { ResendInvitationController } from './routes/administration/resend-invitation.controller';
import { SessionController } from './routes/session/session.controller';
import { SignInController } from './routes/sign-in/sign-in.controller';
import { ReviewsController } from './routes/reviews/reviews.controller';
import { ReviewWorkController } from './routes/reviews/review-work.controller';
import { RequestsController } from './routes/requests/requests.controller';
import { DocumentsController } from './routes/documents/documents.controller';
import { DecisionsController } from './routes/decisions/decisions.controller';
import { DashboardController } from './routes/dashboard/dashboard.controller';
import { AdministrationController } from './routes/administration/administration.controller';
import { AccountsController } from './routes/accounts/accounts.controller';
import { ReviewFileController } from './routes/review-file/review-file.controller';
import { ReviewFileFormsController } from './routes/review-file/review-file-forms.controller';
import { MeetingFormsController } from './routes/review-file/meeting-forms.controller';
import { RecommendationFormsController } from './routes/review-file/recommendation-forms.controller';
import { DeadlineFormsController } from './routes/review-file/deadline-forms.controller';
import { ReviewSectionsInterceptor } from './routes/review-file/review-sections.interceptor';
import { PartnershipController } from './routes/partnership/partnership.controller';
import { BoardReportController } from './routes/reporting/board-report.controller';
import { DataReturnController } from './routes/reporting/data-return.controller';
import { MembershipsController } from './routes/administration/memberships.controller';
import { SearchController } from './routes/search/search.controller';
import { AccountEmails } from './email/account-emails';
import { ClocksModule } from '@dhr/clocks';
import { DOMAIN_MODULES } from '../../api/src/domain-modules';

/**
 * The pages: thin controllers over the same domain libs as the API, called in process with
 * the signed-in actor. The same modules as apps/api, so every review-file extension
 * (documents, action plan, …) is registered and a review reads the same here as there.
 */
@Module({
  // ClocksModule for the rulebook in force: which deadlines a chair may move, the usual hold scopes.
  imports: [...DOMAIN_MODULES, ClocksModule],
  controllers: [
    HomeController,
    StaticPagesController,
    EditAccountsController,
    ResendInvitationController,
    SessionController,
    SignInController,
    ReviewWorkController,
    ReviewsController,
    ReviewFileController,
    ReviewFileFormsController,
    MeetingFormsController,
    RecommendationFormsController,
    DeadlineFormsController,
    RequestsController,
    DocumentsController,
    DecisionsController,
    DashboardController,
    AdministrationController,
    AccountsController,
    PartnershipController,
    MembershipsController,
    BoardReportController,
    DataReturnController,
    SearchController,
  ],
  providers: [
    SessionRedis,
    AccountEmails,
    { provide: APP_GUARD, useClass: SignedInGuard },
    { provide: APP_FILTER, useClass: WebExceptionFilter },
    { provide: APP_INTERCEPTOR, useClass: ReviewSectionsInterceptor },
  ],
})
export class WebModule {}

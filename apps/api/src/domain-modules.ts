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
import { ReportingModule } from '@dhr/reporting';
import { OversightModule } from '@dhr/oversight';
import { ReviewsModule } from '@dhr/reviews';
import { SearchModule } from '@dhr/search';

/**
 * The domain libs a front door composes: every review-file extension (documents, action plan,
 * anonymisation, …) registers itself, so a review reads and changes the same through the API
 * and the pages. One list for both apps, so neither can miss one.
 */
export const DOMAIN_MODULES = [
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
  ReportingModule,
  SearchModule,
  OversightModule,
];

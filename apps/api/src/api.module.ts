import { Module } from '@nestjs/common';
import { AuditModule } from '@dhr/audit';
import { DatabaseModule } from '@dhr/core';
import { DocumentsModule } from '@dhr/documents';
import { IdentityModule } from '@dhr/identity';
import { JobsModule } from '@dhr/jobs';
import { NotificationsModule } from '@dhr/notifications';
import { ReviewsModule } from '@dhr/reviews';
import { AuditController } from './controllers/audit.controller';
import { DocumentsController } from './controllers/documents.controller';
import { AuthController } from './controllers/auth.controller';
import { IdentityController } from './controllers/identity.controller';
import { ReviewsController } from './controllers/reviews.controller';

/** The HTTP app: thin controllers over the domain libs. CoreModule is added by the bootstrap. */
@Module({
  imports: [DatabaseModule, AuditModule, JobsModule, NotificationsModule, IdentityModule, ReviewsModule, DocumentsModule],
  controllers: [AuthController, IdentityController, ReviewsController, AuditController, DocumentsController],
})
export class ApiModule {}

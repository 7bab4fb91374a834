import { Module } from '@nestjs/common';
import { DatabaseModule } from '@dhr/core';
import { IdentityModule } from '@dhr/identity';
import { JobsModule } from '@dhr/jobs';
import { NotificationsModule } from '@dhr/notifications';
import { ReviewsModule } from '@dhr/reviews';
import { AuthController } from './controllers/auth.controller';
import { IdentityController } from './controllers/identity.controller';
import { ReviewsController } from './controllers/reviews.controller';

/** The HTTP app: thin controllers over the domain libs. CoreModule is added by the bootstrap. */
@Module({
  imports: [DatabaseModule, JobsModule, NotificationsModule, IdentityModule, ReviewsModule],
  controllers: [AuthController, IdentityController, ReviewsController],
})
export class ApiModule {}

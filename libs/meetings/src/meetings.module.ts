import { Module, OnModuleInit } from '@nestjs/common';
import { IdentityModule } from '@dhr/identity';
import { MeetingFactsSource, NotificationsModule } from '@dhr/notifications';
import { ReviewsModule } from '@dhr/reviews';
import { MeetingAttendees } from './meeting-attendees';
import { MeetingsService } from './meetings.service';
import { MeetingsReadModel } from './meetings-read-model';

/** Panel meetings: invitations with iCalendar, reminders, minutes. Emails and reminders run in @dhr/notifications. */
@Module({
  imports: [ReviewsModule, IdentityModule, NotificationsModule],
  providers: [MeetingsService, MeetingAttendees],
  exports: [MeetingsService],
})
export class MeetingsModule implements OnModuleInit {
  constructor(private readonly facts: MeetingFactsSource) {}

  /** Notifications reads meetings through this lib's read model (it cannot import us back: we import it). */
  onModuleInit(): void {
    this.facts.provide(MeetingsReadModel);
  }
}

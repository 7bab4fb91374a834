import { Module } from '@nestjs/common';
import { IdentityModule } from '@dhr/identity';
import { NotificationsModule } from '@dhr/notifications';
import { ReviewsModule } from '@dhr/reviews';
import { MeetingAttendees } from './meeting-attendees';
import { MeetingsService } from './meetings.service';

/** Panel meetings: invitations with iCalendar, reminders, minutes. Emails and reminders run in @dhr/notifications. */
@Module({
  imports: [ReviewsModule, IdentityModule, NotificationsModule],
  providers: [MeetingsService, MeetingAttendees],
  exports: [MeetingsService],
})
export class MeetingsModule {}

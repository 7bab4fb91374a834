import { Module } from '@nestjs/common';
import { AuditModule } from '@dhr/audit';
import { NotificationsModule } from '@dhr/notifications';
import { MeetingsService } from './meetings.service';

/** Panel meetings: invitations with iCalendar, reminders, minutes. Emails and reminders run in @dhr/notifications. */
@Module({
  imports: [AuditModule, NotificationsModule],
  providers: [MeetingsService],
  exports: [MeetingsService],
})
export class MeetingsModule {}

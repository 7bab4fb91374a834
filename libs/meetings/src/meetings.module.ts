import { Module } from '@nestjs/common';

/** Panel meetings: invitations with iCalendar, reminders, minutes. */
@Module({})
export class MeetingsModule {}

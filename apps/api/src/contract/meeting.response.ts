import { ApiProperty } from '@nestjs/swagger';

// libs/meetings meeting.view.ts.

export class MeetingAttendee {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ description: 'their role' }) role: string;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) agencyId: string | null;
}

export class Meeting {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: '1, 2, 3… per review' }) number: number;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ description: 'a room or an online-meeting link' }) location: string;
  @ApiProperty({ type: 'string', nullable: true }) agenda: string | null;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status: string;
  @ApiProperty({ type: 'integer', description: 'the iCalendar SEQUENCE: rises with each change' }) sequence: number;
  @ApiProperty({ type: [MeetingAttendee] }) attendees: MeetingAttendee[];
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) minutesDocumentId: string | null;
}

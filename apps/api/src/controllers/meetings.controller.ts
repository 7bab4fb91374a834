import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiError } from '@dhr/core';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { LinkMinutesDto, MeetingsService, ScheduleMeetingDto, UpdateMeetingDto } from '@dhr/meetings';
import { UUID_PARAM } from '../uuid-param';

const ANY_REVIEW_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
/** Meetings are arranged by the review's coordinators and its independent chair. */
const ARRANGERS = ['coordinator', 'independent_chair'] as const;
const MEETING_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => ApiError.field('meetingId', 'must be a UUID') });

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('reviews/:id/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Roles(...ARRANGERS)
  @Post()
  schedule(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: ScheduleMeetingDto) {
    return this.meetings.schedule(actor, id, body);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get()
  list(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.meetings.list(actor, id);
  }

  @Roles(...ARRANGERS)
  @Patch(':meetingId')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('meetingId', MEETING_ID_PARAM) meetingId: string,
    @Body() body: UpdateMeetingDto,
  ) {
    return this.meetings.update(actor, id, meetingId, body);
  }

  @Roles(...ARRANGERS)
  @Post(':meetingId/cancel')
  @HttpCode(200)
  cancel(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Param('meetingId', MEETING_ID_PARAM) meetingId: string) {
    return this.meetings.cancel(actor, id, meetingId);
  }

  @Roles(...ARRANGERS)
  @Put(':meetingId/minutes')
  linkMinutes(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('meetingId', MEETING_ID_PARAM) meetingId: string,
    @Body() body: LinkMinutesDto,
  ) {
    return this.meetings.linkMinutes(actor, id, meetingId, body);
  }
}

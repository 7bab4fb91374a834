import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@dhr/core';
import { Actor, CurrentActor, Roles } from '@dhr/identity';
import { LinkMinutesDto, MeetingsService, ScheduleMeetingDto, UpdateMeetingDto } from '@dhr/meetings';
import { UUID_PARAM } from '../uuid-param';
import { ApiErrors } from '../contract/error-body.response';
import { Meeting } from '../contract/meeting.response';

const ANY_REVIEW_ROLE = ['coordinator', 'csp_chair', 'independent_chair', 'agency_contact'] as const;
/** Meetings are arranged by the review's coordinators and its independent chair. */
const ARRANGERS = ['coordinator', 'independent_chair'] as const;
const MEETING_ID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => DomainError.field('meetingId', 'must be a UUID') });

const UNCHANGEABLE: [409, string] = [
  409,
  '`invalid_stage`: the review is closed; `meeting_cancelled`: the meeting was cancelled; `meeting_started`: it has begun',
];

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('reviews/:id/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Roles(...ARRANGERS)
  @Post()
  @ApiOperation({ operationId: 'scheduleMeeting', summary: 'Arrange a panel meeting; attendees get calendar invitations' })
  @ApiCreatedResponse({ type: Meeting })
  @ApiErrors(400, 401, 403, 404, [409, '`invalid_stage`: the review is closed'], 413)
  schedule(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Body() body: ScheduleMeetingDto) {
    return this.meetings.schedule(actor, id, body);
  }

  @Roles(...ANY_REVIEW_ROLE)
  @Get()
  @ApiOperation({ operationId: 'listMeetings', summary: "The review's meetings by number (agency contacts: those they are invited to)" })
  @ApiOkResponse({ type: [Meeting] })
  @ApiErrors(400, 401, 403, 404)
  list(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string) {
    return this.meetings.list(actor, id);
  }

  @Roles(...ARRANGERS)
  @Patch(':meetingId')
  @ApiOperation({ operationId: 'updateMeeting', summary: 'Move or change a meeting; attendees get an update' })
  @ApiOkResponse({ type: Meeting })
  @ApiErrors(400, 401, 403, 404, UNCHANGEABLE, 413)
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
  @ApiOperation({ operationId: 'cancelMeeting', summary: 'Cancel a meeting; attendees get a cancellation' })
  @ApiOkResponse({ type: Meeting })
  @ApiErrors(400, 401, 403, 404, UNCHANGEABLE)
  cancel(@CurrentActor() actor: Actor, @Param('id', UUID_PARAM) id: string, @Param('meetingId', MEETING_ID_PARAM) meetingId: string) {
    return this.meetings.cancel(actor, id, meetingId);
  }

  @Roles(...ARRANGERS)
  @Put(':meetingId/minutes')
  @ApiOperation({ operationId: 'linkMeetingMinutes', summary: 'Link an uploaded minutes document to a meeting' })
  @ApiOkResponse({ type: Meeting })
  @ApiErrors(
    [400, '`validation_failed`: also a document that is not minutes of this review'],
    401,
    403,
    404,
    [409, '`meeting_cancelled`: the meeting was cancelled'],
    413,
  )
  linkMinutes(
    @CurrentActor() actor: Actor,
    @Param('id', UUID_PARAM) id: string,
    @Param('meetingId', MEETING_ID_PARAM) meetingId: string,
    @Body() body: LinkMinutesDto,
  ) {
    return this.meetings.linkMinutes(actor, id, meetingId, body);
  }
}

import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Clock, DomainError } from '@dhr/core';
import { Actor, CurrentActor, IdentityDirectory } from '@dhr/identity';
import { MeetingsService, MeetingView, ScheduleMeetingDto, UpdateMeetingDto } from '@dhr/meetings';
import { ReviewQueries, type VisibleReview } from '@dhr/reviews';
import { PageRoles } from '../../auth/page-access';
import { answer, dtoProblems } from '../../presenters/dto-errors';
import {
  checked,
  inviteChoices,
  MEETING_WORDS,
  meetingFormProblems,
  meetingName,
  meetingValues,
  readMeetingTimes,
} from '../../presenters/meeting-forms';
import { meetingWhen } from '../../presenters/meetings.presenter';
import { errorsOf, libProblems } from './form-problems';
import { meetingParticipants } from './meeting-participants';
import { heading, idParam, passesGate } from './review-id';

/** Meetings are arranged by the review's coordinators and its own independent chair (the meetings lib's rule, as the API). */
const ARRANGERS = ['coordinator', 'independent_chair'] as const;
const FIRST_INPUT: Record<string, string> = { date: 'date-day' };
type Form = Record<string, unknown>;
type Values = Record<string, string | undefined>;
type Chosen = { attendeeUserIds: string[]; agencyIds: string[] };

const CLOSED = 'This review is closed, so its meetings can no longer be arranged.';
const CANCELLED = 'This meeting has been cancelled.';
const BEGUN = 'This meeting has begun, so it can no longer be changed or cancelled.';

const REFUSALS: Partial<Record<string, string>> = { meeting_cancelled: CANCELLED, meeting_started: BEGUN, invalid_stage: CLOSED };

/** Why a meeting (or the review's meetings) can no longer be changed, from the lib's refusal; null for any other error. */
function refusal(error: unknown): string | null {
  return error instanceof DomainError ? (REFUSALS[error.code] ?? null) : null;
}

/**
 * Arranging panel meetings in the pages: schedule one (date, start and end time in London,
 * place or video link, agenda, who to invite), change one, and cancel one after a confirmation.
 * Plain POST forms with the CSRF token, checked with the meetings lib's own DTOs; a GOV.UK error
 * summary (400) for a bad answer; then the Meetings page with a banner. The lib writes the
 * invitations, updates and cancellations for the notification pipeline to email.
 */
@Controller('reviews')
export class MeetingFormsController {
  constructor(
    private readonly reviews: ReviewQueries,
    private readonly meetings: MeetingsService,
    private readonly directory: IdentityDirectory,
    private readonly clock: Clock,
  ) {}

  // ---- Schedule a meeting -----------------------------------------------------------------

  @Get(':id/meetings/schedule')
  @PageRoles(...ARRANGERS)
  async schedulePage(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const review = await this.reviews.get(actor, idParam(id));
    if (!passesGate(review.stage, 'open')) return this.renderRefused(res, review, CLOSED);
    await this.renderSchedule(res, actor, review, {}, { attendeeUserIds: [], agencyIds: [] });
  }

  @Post(':id/meetings/schedule')
  @PageRoles(...ARRANGERS)
  async schedule(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: Form, @Req() req: Request, @Res() res: Response) {
    const review = await this.reviews.get(actor, idParam(id));
    const values = this.timeAndPlace(body);
    const chosen: Chosen = { attendeeUserIds: checked(body.attendeeUserIds), agencyIds: checked(body.agencyIds) };
    const times = readMeetingTimes(values, this.clock.now(), () => true);
    const dto = await dtoProblems(
      ScheduleMeetingDto,
      {
        startsAt: 'problems' in times ? undefined : times.startsAt,
        endsAt: 'problems' in times ? undefined : times.endsAt,
        location: values.location,
        agenda: values.agenda,
        attendeeUserIds: chosen.attendeeUserIds,
        agencyIds: chosen.agencyIds,
      },
      MEETING_WORDS,
    );
    // Only the people and agencies offered: anyone else takes no part in the review (as the lib would say).
    const offered = await meetingParticipants(this.directory, actor, review);
    const stranger: Record<string, string> = {};
    if (chosen.attendeeUserIds.some((u) => !offered.people.some((p) => p.id === u) && u !== actor.userId && u !== review.chairUserId))
      stranger.attendeeUserIds = MEETING_WORDS.attendeeUserIds('invalid');
    if (chosen.agencyIds.some((a) => !offered.agencies.some((o) => o.id === a))) stranger.agencyIds = MEETING_WORDS.agencyIds('invalid');
    const problems = meetingFormProblems('problems' in times ? times.problems : {}, stranger, dto.problems);
    if (Object.keys(problems).length) return this.renderSchedule(res.status(400), actor, review, values, chosen, problems);
    let meeting: MeetingView;
    try {
      meeting = await this.meetings.schedule(actor, review.id, dto.value);
    } catch (error) {
      const fields = libProblems(error, MEETING_WORDS);
      if (fields) return this.renderSchedule(res.status(400), actor, review, values, chosen, meetingFormProblems(fields));
      const refused = refusal(error);
      if (refused) return this.renderRefused(res.status(409), review, refused);
      throw error;
    }
    req.session.flash = { success: `${meetingName(meeting)} scheduled: invitations are on their way` };
    res.redirect(303, `/reviews/${review.id}/meetings`);
  }

  private async renderSchedule(
    res: Response,
    actor: Actor,
    review: VisibleReview,
    values: Values,
    chosen: Chosen,
    problems?: Record<string, string>,
  ): Promise<void> {
    const participants = await meetingParticipants(this.directory, actor, review);
    res.render('pages/review-file/schedule-meeting', {
      review: heading(review, 'meetings'),
      values,
      ...inviteChoices(participants.people, participants.agencies, chosen),
      chair: participants.chair,
      errors: problems ? errorsOf(problems, FIRST_INPUT) : undefined,
    });
  }

  // ---- Change a meeting -------------------------------------------------------------------

  @Get(':id/meetings/:meetingId/change')
  @PageRoles(...ARRANGERS)
  async changePage(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('meetingId') meetingId: string, @Res() res: Response) {
    const { review, meeting } = await this.find(actor, id, meetingId);
    const unchangeable = this.unchangeable(review, meeting);
    if (unchangeable) return this.renderRefused(res, review, unchangeable, meeting);
    this.renderChange(res, review, meeting, meetingValues(meeting));
  }

  @Post(':id/meetings/:meetingId/change')
  @PageRoles(...ARRANGERS)
  async change(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Body() body: Form,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const { review, meeting } = await this.find(actor, id, meetingId);
    const unchangeable = this.unchangeable(review, meeting);
    if (unchangeable) return this.renderRefused(res.status(409), review, unchangeable, meeting);
    const values = this.timeAndPlace(body);
    // Only a moved meeting must start in the future (the lib's rule).
    const times = readMeetingTimes(values, this.clock.now(), (startsAt) => startsAt.getTime() !== Date.parse(meeting.startsAt));
    const dto = await dtoProblems(
      UpdateMeetingDto,
      {
        startsAt: 'problems' in times ? undefined : times.startsAt,
        endsAt: 'problems' in times ? undefined : times.endsAt,
        location: values.location ?? '',
        agenda: values.agenda ?? null,
      },
      MEETING_WORDS,
    );
    const problems = meetingFormProblems('problems' in times ? times.problems : {}, dto.problems);
    if (Object.keys(problems).length) return this.renderChange(res.status(400), review, meeting, values, problems);
    let changed: MeetingView;
    try {
      changed = await this.meetings.update(actor, review.id, meeting.id, dto.value);
    } catch (error) {
      const fields = libProblems(error, MEETING_WORDS);
      if (fields) return this.renderChange(res.status(400), review, meeting, values, meetingFormProblems(fields));
      const refused = refusal(error);
      if (refused) return this.renderRefused(res.status(409), review, refused, meeting);
      throw error;
    }
    req.session.flash = {
      success:
        changed.sequence === meeting.sequence
          ? `Nothing was changed in meeting ${meeting.number}`
          : `${meetingName(changed)} changed: everyone invited is sent the update`,
    };
    res.redirect(303, `/reviews/${review.id}/meetings`);
  }

  private renderChange(
    res: Response,
    review: VisibleReview,
    meeting: MeetingView,
    values: Values,
    problems?: Record<string, string>,
  ): void {
    res.render('pages/review-file/change-meeting', {
      review: heading(review, 'meetings'),
      meeting: { id: meeting.id, number: meeting.number, when: meetingWhen(meeting.startsAt, meeting.endsAt) },
      values,
      errors: problems ? errorsOf(problems, FIRST_INPUT) : undefined,
    });
  }

  // ---- Cancel a meeting -------------------------------------------------------------------

  @Get(':id/meetings/:meetingId/cancel')
  @PageRoles(...ARRANGERS)
  async cancelPage(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('meetingId') meetingId: string, @Res() res: Response) {
    const { review, meeting } = await this.find(actor, id, meetingId);
    const unchangeable = this.unchangeable(review, meeting);
    if (unchangeable) return this.renderRefused(res, review, unchangeable, meeting);
    res.render('pages/review-file/cancel-meeting', {
      review: heading(review, 'meetings'),
      meeting: { id: meeting.id, number: meeting.number, when: meetingWhen(meeting.startsAt, meeting.endsAt), location: meeting.location },
      invited: meeting.attendees.length,
    });
  }

  @Post(':id/meetings/:meetingId/cancel')
  @PageRoles(...ARRANGERS)
  async cancel(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('meetingId') meetingId: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { review, meeting } = await this.find(actor, id, meetingId);
    try {
      await this.meetings.cancel(actor, review.id, meeting.id);
    } catch (error) {
      const refused = refusal(error);
      if (refused) return this.renderRefused(res.status(409), review, refused, meeting);
      throw error;
    }
    req.session.flash = { success: `${meetingName(meeting)} cancelled: everyone invited is told` };
    res.redirect(303, `/reviews/${review.id}/meetings`);
  }

  // ---- Shared -----------------------------------------------------------------------------

  /** The review and its meeting as this person may see them; the 404 page for either not there or not theirs. */
  private async find(actor: Actor, id: string, meetingId: string): Promise<{ review: VisibleReview; meeting: MeetingView }> {
    const review = await this.reviews.get(actor, idParam(id));
    const wanted = idParam(meetingId, 'meeting');
    const meeting = (await this.meetings.list(actor, review.id)).find((m) => m.id === wanted);
    if (!meeting) throw DomainError.notFound('meeting');
    return { review, meeting };
  }

  /** Why this meeting can no longer change (offered before the form, as the lib would refuse after it), or null. */
  private unchangeable(review: VisibleReview, meeting: MeetingView): string | null {
    if (!passesGate(review.stage, 'open')) return CLOSED;
    if (meeting.status === 'cancelled') return CANCELLED;
    if (Date.parse(meeting.startsAt) <= this.clock.now().getTime()) return BEGUN;
    return null;
  }

  private renderRefused(res: Response, review: VisibleReview, reason: string, meeting?: MeetingView): void {
    res.render('pages/review-file/not-now', {
      review: heading(review, 'meetings'),
      title: meeting ? `Meeting ${meeting.number} cannot be changed` : 'A meeting cannot be scheduled',
      reason,
      back: { href: `/reviews/${review.id}/meetings`, text: 'Back to meetings' },
    });
  }

  /** The time-and-place answers, as typed (trimmed; blank left out). */
  private timeAndPlace(body: Form): Values {
    return {
      'date-day': answer(body['date-day']),
      'date-month': answer(body['date-month']),
      'date-year': answer(body['date-year']),
      startTime: answer(body.startTime),
      endTime: answer(body.endTime),
      location: answer(body.location),
      agenda: answer(body.agenda),
    };
  }
}

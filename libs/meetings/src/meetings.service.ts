import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewAccess } from '@dhr/access';
import { AuditWriter, diffFields, FieldChanges } from '@dhr/audit';
import { ApiError, Clock, inTransaction } from '@dhr/core';
import type { Actor } from '@dhr/identity';
import { OutboxRelay, OutboxWriter } from '@dhr/jobs';
import { meetingReminderAt, NotificationTemplate, NotificationWriter } from '@dhr/notifications';
import { auditReview, findVisibleReview, ReviewEntity } from '@dhr/reviews';
import { checkTimes, MeetingTimes } from './meeting-times';
import { loadAttendees, resolveAttendees } from './meeting-attendees';
import type { LinkMinutesDto, ScheduleMeetingDto, UpdateMeetingDto } from './meeting.dto';
import { AttendeeRow, MeetingRow, meetingView, MeetingView } from './meeting.view';

const COLUMNS = 'id, review_id, number, starts_at, ends_at, location, agenda, status, sequence, reminder_at, minutes_document_id';

/**
 * Panel meetings of a review. Every change bumps the iCalendar SEQUENCE and, in the same
 * transaction, writes one notification per attendee (invitation, update or cancellation:
 * emailed by the notification pipeline with the .ics built at send time), a
 * 'meeting.changed' outbox row (re-plans the day-before reminder) and an audit entry.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditWriter,
    private readonly notifications: NotificationWriter,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {}

  async schedule(actor: Actor, reviewId: string, dto: ScheduleMeetingDto): Promise<MeetingView> {
    const view = await inTransaction(this.db, async (manager) => {
      const review = await this.findForChange(manager, actor, reviewId, 'review');
      const now = this.clock.now();
      const times = checkTimes({ startsAt: new Date(dto.startsAt), endsAt: new Date(dto.endsAt) }, now, true);
      const location = requireText(dto.location, 'location');
      const attendees = await resolveAttendees(manager, review, actor.userId, dto);
      const [{ next }]: { next: number }[] = await manager.query(
        'SELECT coalesce(max(number), 0)::int + 1 AS next FROM meetings WHERE review_id = $1',
        [review.id],
      );
      const id = randomUUID();
      const [row]: MeetingRow[] = await manager.query(
        `INSERT INTO meetings (id, review_id, number, starts_at, ends_at, location, agenda, status, sequence, reminder_at, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'scheduled', 0, $8, $9, $10, $10) RETURNING ${COLUMNS}`,
        [
          id,
          review.id,
          next,
          times.startsAt,
          times.endsAt,
          location,
          dto.agenda ?? null,
          meetingReminderAt(times.startsAt, now),
          actor.userId,
          now,
        ],
      );
      await manager.query('INSERT INTO meeting_attendees (meeting_id, user_id) SELECT $1, unnest($2::uuid[])', [id, attendees]);
      await this.announce(manager, row, 'meeting.invitation', attendees);
      await this.record(manager, actor, now, review, 'meeting.schedule', id, diffFields({}, audited(row, attendees.length)));
      return meetingView(row, (await loadAttendees(manager, [id])).get(id)!);
    });
    this.relay.relaySoon();
    return view;
  }

  /** The review's meetings, oldest first; agency contacts see only those they are invited to. */
  list(actor: Actor, reviewId: string): Promise<MeetingView[]> {
    return inTransaction(this.db, async (manager) => {
      const { review, access } = await this.findVisible(manager, actor, reviewId);
      const rows: MeetingRow[] = await manager.query(
        `SELECT ${COLUMNS} FROM meetings m WHERE review_id = $1
           AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.user_id = $2))
         ORDER BY number`,
        [review.id, access === 'agency' ? actor.userId : null],
      );
      const attendees = await loadAttendees(
        manager,
        rows.map((r) => r.id),
      );
      const views = rows.map((row) => meetingView(row, visibleAttendees(attendees.get(row.id)!, actor, access)));
      await this.record(manager, actor, this.clock.now(), review, 'meeting.list', null, {
        returned: { before: null, after: views.map((v) => v.id) },
      });
      return views;
    });
  }

  async update(actor: Actor, reviewId: string, meetingId: string, dto: UpdateMeetingDto): Promise<MeetingView> {
    const view = await inTransaction(this.db, async (manager) => {
      const review = await this.findForChange(manager, actor, reviewId, 'meeting');
      const before = await this.findMeetingForChange(manager, review.id, meetingId);
      const now = this.clock.now();
      const moved = dto.startsAt !== undefined && Date.parse(dto.startsAt) !== before.starts_at.getTime();
      const times: MeetingTimes = checkTimes(
        {
          startsAt: dto.startsAt !== undefined ? new Date(dto.startsAt) : before.starts_at,
          endsAt: dto.endsAt !== undefined ? new Date(dto.endsAt) : before.ends_at,
        },
        now,
        moved,
      );
      const location = dto.location !== undefined ? requireText(dto.location, 'location') : before.location;
      const agenda = dto.agenda !== undefined ? dto.agenda || null : before.agenda;
      const unchanged =
        times.startsAt.getTime() === before.starts_at.getTime() &&
        times.endsAt.getTime() === before.ends_at.getTime() &&
        location === before.location &&
        agenda === before.agenda;
      const attendees = await this.attendeeIds(manager, before.id);
      if (unchanged) return meetingView(before, (await loadAttendees(manager, [before.id])).get(before.id)!);
      const after = await updateReturning(
        manager,
        `UPDATE meetings SET starts_at = $2, ends_at = $3, location = $4, agenda = $5, sequence = sequence + 1, reminder_at = $6, updated_at = $7
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, times.startsAt, times.endsAt, location, agenda, meetingReminderAt(times.startsAt, now), now],
      );
      await this.announce(manager, after, 'meeting.updated', attendees);
      await this.record(manager, actor, now, review, 'meeting.update', after.id, diffFields(audited(before), audited(after)));
      return meetingView(after, (await loadAttendees(manager, [after.id])).get(after.id)!);
    });
    this.relay.relaySoon();
    return view;
  }

  async cancel(actor: Actor, reviewId: string, meetingId: string): Promise<MeetingView> {
    const view = await inTransaction(this.db, async (manager) => {
      const review = await this.findForChange(manager, actor, reviewId, 'meeting');
      const before = await this.findMeetingForChange(manager, review.id, meetingId);
      const now = this.clock.now();
      const attendees = await this.attendeeIds(manager, before.id);
      const after = await updateReturning(
        manager,
        `UPDATE meetings SET status = 'cancelled', sequence = sequence + 1, reminder_at = NULL, updated_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, now],
      );
      await this.announce(manager, after, 'meeting.cancelled', attendees);
      await this.record(manager, actor, now, review, 'meeting.cancel', after.id, diffFields(audited(before), audited(after)));
      return meetingView(after, (await loadAttendees(manager, [after.id])).get(after.id)!);
    });
    this.relay.relaySoon();
    return view;
  }

  /** Links an uploaded `minutes` document of this review; allowed after the meeting and after the review closed. */
  linkMinutes(actor: Actor, reviewId: string, meetingId: string, dto: LinkMinutesDto): Promise<MeetingView> {
    return inTransaction(this.db, async (manager) => {
      const review = await this.findEditable(manager, actor, reviewId, 'meeting');
      const before = await this.findMeeting(manager, review.id, meetingId, true);
      if (before.status === 'cancelled') throw meetingCancelled();
      const docs: unknown[] = await manager.query(`SELECT 1 FROM documents WHERE id = $1 AND review_id = $2 AND type = 'minutes'`, [
        dto.documentId,
        review.id,
      ]);
      if (docs.length === 0) throw ApiError.field('documentId', 'must be an uploaded document of type minutes of this review');
      const now = this.clock.now();
      const after = await updateReturning(
        manager,
        `UPDATE meetings SET minutes_document_id = $2, updated_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, dto.documentId, now],
      );
      await this.record(manager, actor, now, review, 'meeting.minutes', after.id, diffFields(audited(before), audited(after)));
      return meetingView(after, (await loadAttendees(manager, [after.id])).get(after.id)!);
    });
  }

  /** One notification per attendee, once per meeting version and kind, and a re-plan of the reminder. */
  private async announce(manager: EntityManager, meeting: MeetingRow, template: NotificationTemplate, attendees: string[]): Promise<void> {
    const kind = template.slice('meeting.'.length);
    await this.notifications.create(manager, {
      reviewId: meeting.review_id,
      clockId: null,
      clockDueAt: null,
      template,
      step: `meeting-${kind}`,
      alarmKey: `meeting:${meeting.id}:${meeting.sequence}:${kind}`,
      recipientIds: attendees,
      meetingId: meeting.id,
      meetingSequence: meeting.sequence,
    });
    await this.outbox.add(manager, 'meeting.changed', { meetingId: meeting.id });
  }

  private async attendeeIds(manager: EntityManager, meetingId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      'SELECT user_id FROM meeting_attendees WHERE meeting_id = $1 ORDER BY user_id',
      [meetingId],
    );
    return rows.map((r) => r.user_id);
  }

  /** On a meeting's own routes the 404 names the meeting either way, so a hidden review and a missing meeting answer alike. */
  private async findVisible(
    manager: EntityManager,
    actor: Actor,
    id: string,
    notFound: 'review' | 'meeting' = 'review',
  ): Promise<{ review: ReviewEntity; access: ReviewAccess }> {
    return findVisibleReview(manager, actor, id, { notFound });
  }

  /** The review, locked against a concurrent CLOSE or meeting, for its coordinator or own chair; 404/403 otherwise. */
  private async findEditable(manager: EntityManager, actor: Actor, id: string, notFound: 'review' | 'meeting'): Promise<ReviewEntity> {
    const { review, access } = await this.findVisible(manager, actor, id, notFound);
    if (access !== 'full' || (actor.role !== 'coordinator' && actor.role !== 'independent_chair'))
      throw ApiError.forbidden("only the review's coordinators and its independent chair may arrange meetings");
    await manager.query('SELECT 1 FROM reviews WHERE id = $1 FOR NO KEY UPDATE', [review.id]);
    const [{ stage }]: { stage: string }[] = await manager.query('SELECT stage FROM reviews WHERE id = $1', [review.id]);
    return Object.assign(review, { stage });
  }

  /** As findEditable, and the review must not be closed (409 invalid_stage). */
  private async findForChange(manager: EntityManager, actor: Actor, id: string, notFound: 'review' | 'meeting'): Promise<ReviewEntity> {
    const review = await this.findEditable(manager, actor, id, notFound);
    if (review.stage === 'closed')
      throw new ApiError(409, {
        error: 'invalid_stage',
        stage: review.stage,
        message: 'meetings cannot be arranged once the review is closed',
      });
    return review;
  }

  private async findMeeting(manager: EntityManager, reviewId: string, meetingId: string, lock: boolean): Promise<MeetingRow> {
    const [row]: MeetingRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM meetings WHERE id = $1 AND review_id = $2${lock ? ' FOR NO KEY UPDATE' : ''}`,
      [meetingId, reviewId],
    );
    if (!row) throw ApiError.notFound('meeting');
    return row;
  }

  /** A meeting that can still change: not cancelled, not begun. */
  private async findMeetingForChange(manager: EntityManager, reviewId: string, meetingId: string): Promise<MeetingRow> {
    const row = await this.findMeeting(manager, reviewId, meetingId, true);
    if (row.status === 'cancelled') throw meetingCancelled();
    if (row.starts_at.getTime() <= this.clock.now().getTime())
      throw new ApiError(409, { error: 'meeting_started', message: 'a meeting that has begun can no longer be changed or cancelled' });
    return row;
  }

  private record(
    manager: EntityManager,
    actor: Actor,
    at: Date,
    review: ReviewEntity,
    action: string,
    meetingId: string | null,
    changes?: FieldChanges,
  ): Promise<void> {
    return auditReview(this.audit, manager, actor, at, {
      action,
      partnershipId: review.partnershipId,
      reviewId: review.id,
      entity: meetingId ? 'meeting' : 'review',
      entityId: meetingId ?? review.id,
      changes,
    });
  }
}

/** TypeORM answers an UPDATE … RETURNING on pg with [rows, affected]: the one updated row. */
async function updateReturning(manager: EntityManager, query: string, params: unknown[]): Promise<MeetingRow> {
  const [rows]: [MeetingRow[], number] = await manager.query(query, params);
  return rows[0];
}

function meetingCancelled(): ApiError {
  return new ApiError(409, { error: 'meeting_cancelled', message: 'the meeting has been cancelled' });
}

function requireText(value: string, field: string): string {
  const text = value.trim();
  if (!text) throw ApiError.field(field, 'must not be blank');
  return text;
}

/** Agency contacts see the chair, coordinators and their own agency's contacts among the attendees, not other agencies'. */
function visibleAttendees(rows: AttendeeRow[], actor: Actor, access: ReviewAccess): AttendeeRow[] {
  return access === 'agency' ? rows.filter((a) => a.agency_id === null || a.agency_id === actor.agencyId) : rows;
}

/** What the audit trail keeps of a meeting: times and status as they are, free text only as hashes (no personal data). */
function audited(row: MeetingRow, attendeeCount?: number): Record<string, unknown> {
  return {
    number: row.number,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    locationSha256: sha256(row.location),
    agendaSha256: row.agenda === null ? null : sha256(row.agenda),
    status: row.status,
    sequence: row.sequence,
    minutesDocumentId: row.minutes_document_id,
    ...(attendeeCount !== undefined ? { attendeeCount } : {}),
  };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

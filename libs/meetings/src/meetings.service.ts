import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { diffFields } from '@dhr/audit';
import { DomainError } from '@dhr/core';
import { reviewHasDocument } from '@dhr/documents';
import type { Actor } from '@dhr/identity';
import { meetingReminderAt, NotificationTemplate, NotificationWriter } from '@dhr/notifications';
import { ReviewFile, ReviewFileOptions, ReviewTx } from '@dhr/reviews';
import { checkTimes, MeetingTimes } from './meeting-times';
import { MeetingAttendees } from './meeting-attendees';
import type { LinkMinutesDto, ScheduleMeetingDto, UpdateMeetingDto } from './meeting.dto';
import { AttendeeRow, MeetingRow, meetingView, MeetingView } from './meeting.view';
import { MeetingsReadModel } from './meetings-read-model';

const COLUMNS = 'id, review_id, number, starts_at, ends_at, location, agenda, status, sequence, reminder_at, minutes_document_id';

/**
 * Who arranges meetings: the review's coordinators and its own chair. On a meeting's own routes the 404
 * names the meeting, so a hidden review and a missing meeting answer alike. Minutes may be linked after
 * the review closed, so only arranging passes the 'open' gate.
 */
function arrangers(notFound: 'review' | 'meeting', gate?: 'open'): ReviewFileOptions {
  return {
    notFound,
    gate,
    authorise: (actor, access) => {
      if (access !== 'full' || (actor.role !== 'coordinator' && actor.role !== 'independent_chair'))
        throw DomainError.forbidden("only the review's coordinators and its independent chair may arrange meetings");
    },
  };
}

/**
 * Panel meetings of a review. Every change bumps the iCalendar SEQUENCE and, in the same
 * transaction, writes one notification per attendee (invitation, update or cancellation:
 * emailed by the notification pipeline with the .ics built at send time), a
 * 'meeting.changed' outbox row (re-plans the day-before reminder) and an audit entry.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly file: ReviewFile,
    private readonly attendees: MeetingAttendees,
    private readonly notifications: NotificationWriter,
  ) {}

  schedule(actor: Actor, reviewId: string, dto: ScheduleMeetingDto): Promise<MeetingView> {
    return this.file.change(actor, reviewId, arrangers('review', 'open'), async (tx) => {
      const { manager, now, review } = tx;
      const times = checkTimes({ startsAt: new Date(dto.startsAt), endsAt: new Date(dto.endsAt) }, now, true);
      const location = requireText(dto.location, 'location');
      const attendees = await this.attendees.resolve(manager, review, actor.userId, dto);
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
      await this.announce(tx, row, 'meeting.invitation', attendees);
      await tx.audit('meeting.schedule', { entity: 'meeting', entityId: id, changes: diffFields({}, audited(row, attendees.length)) });
      return this.view(manager, row);
    });
  }

  /** The review's meetings, oldest first; agency contacts see only those they are invited to. */
  list(actor: Actor, reviewId: string): Promise<MeetingView[]> {
    return this.file.read(actor, reviewId, {}, async (tx) => {
      const rows: MeetingRow[] = await tx.manager.query(
        `SELECT ${COLUMNS} FROM meetings m WHERE review_id = $1
           AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM meeting_attendees a WHERE a.meeting_id = m.id AND a.user_id = $2))
         ORDER BY number`,
        [tx.review.id, tx.access === 'agency' ? actor.userId : null],
      );
      const attendees = await this.attendees.load(
        tx.manager,
        rows.map((r) => r.id),
      );
      const views = rows.map((row) => meetingView(row, visibleAttendees(attendees.get(row.id)!, tx)));
      await tx.audit('meeting.list', { changes: { returned: { before: null, after: views.map((v) => v.id) } } });
      return views;
    });
  }

  update(actor: Actor, reviewId: string, meetingId: string, dto: UpdateMeetingDto): Promise<MeetingView> {
    return this.file.change(actor, reviewId, arrangers('meeting', 'open'), async (tx) => {
      const { manager, now } = tx;
      const before = await findMeetingForChange(tx, meetingId);
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
      if (unchanged) return this.view(manager, before);
      const attendees = await MeetingsReadModel.attendeeIds(before.id, manager);
      const after = await updateReturning(
        manager,
        `UPDATE meetings SET starts_at = $2, ends_at = $3, location = $4, agenda = $5, sequence = sequence + 1, reminder_at = $6, updated_at = $7
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, times.startsAt, times.endsAt, location, agenda, meetingReminderAt(times.startsAt, now), now],
      );
      await this.announce(tx, after, 'meeting.updated', attendees);
      await tx.audit('meeting.update', { entity: 'meeting', entityId: after.id, changes: diffFields(audited(before), audited(after)) });
      return this.view(manager, after);
    });
  }

  cancel(actor: Actor, reviewId: string, meetingId: string): Promise<MeetingView> {
    return this.file.change(actor, reviewId, arrangers('meeting', 'open'), async (tx) => {
      const before = await findMeetingForChange(tx, meetingId);
      const attendees = await MeetingsReadModel.attendeeIds(before.id, tx.manager);
      const after = await updateReturning(
        tx.manager,
        `UPDATE meetings SET status = 'cancelled', sequence = sequence + 1, reminder_at = NULL, updated_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, tx.now],
      );
      await this.announce(tx, after, 'meeting.cancelled', attendees);
      await tx.audit('meeting.cancel', { entity: 'meeting', entityId: after.id, changes: diffFields(audited(before), audited(after)) });
      return this.view(tx.manager, after);
    });
  }

  /** Links an uploaded `minutes` document of this review; allowed after the meeting and after the review closed. */
  linkMinutes(actor: Actor, reviewId: string, meetingId: string, dto: LinkMinutesDto): Promise<MeetingView> {
    return this.file.change(actor, reviewId, arrangers('meeting'), async (tx) => {
      const before = await findMeeting(tx, meetingId);
      if (before.status === 'cancelled') throw meetingCancelled();
      if (!(await reviewHasDocument(tx.manager, tx.review.id, dto.documentId, 'minutes')))
        throw DomainError.field('documentId', 'must be an uploaded document of type minutes of this review');
      const after = await updateReturning(
        tx.manager,
        `UPDATE meetings SET minutes_document_id = $2, updated_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
        [before.id, dto.documentId, tx.now],
      );
      await tx.audit('meeting.minutes', { entity: 'meeting', entityId: after.id, changes: diffFields(audited(before), audited(after)) });
      return this.view(tx.manager, after);
    });
  }

  /** One notification per attendee, once per meeting version and kind, and a re-plan of the reminder (relayed after commit). */
  private async announce(tx: ReviewTx, meeting: MeetingRow, template: NotificationTemplate, attendees: string[]): Promise<void> {
    const kind = template.slice('meeting.'.length);
    await this.notifications.create(tx.manager, {
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
    await tx.outbox('meeting.changed', { meetingId: meeting.id });
  }

  private async view(manager: EntityManager, row: MeetingRow): Promise<MeetingView> {
    return meetingView(row, (await this.attendees.load(manager, [row.id])).get(row.id)!);
  }
}

/** The review's meeting, locked for the change; 404 otherwise. */
async function findMeeting(tx: ReviewTx, meetingId: string): Promise<MeetingRow> {
  const [row]: MeetingRow[] = await tx.manager.query(`SELECT ${COLUMNS} FROM meetings WHERE id = $1 AND review_id = $2 FOR NO KEY UPDATE`, [
    meetingId,
    tx.review.id,
  ]);
  if (!row) throw DomainError.notFound('meeting');
  return row;
}

/** A meeting that can still change: not cancelled, not begun. */
async function findMeetingForChange(tx: ReviewTx, meetingId: string): Promise<MeetingRow> {
  const row = await findMeeting(tx, meetingId);
  if (row.status === 'cancelled') throw meetingCancelled();
  if (row.starts_at.getTime() <= tx.now.getTime())
    throw new DomainError('meeting_started', { message: 'a meeting that has begun can no longer be changed or cancelled' });
  return row;
}

/** TypeORM answers an UPDATE … RETURNING on pg with [rows, affected]: the one updated row. */
async function updateReturning(manager: EntityManager, query: string, params: unknown[]): Promise<MeetingRow> {
  const [rows]: [MeetingRow[], number] = await manager.query(query, params);
  return rows[0];
}

function meetingCancelled(): DomainError {
  return new DomainError('meeting_cancelled', { message: 'the meeting has been cancelled' });
}

function requireText(value: string, field: string): string {
  const text = value.trim();
  if (!text) throw DomainError.field(field, 'must not be blank');
  return text;
}

/** Agency contacts see the chair, coordinators and their own agency's contacts among the attendees, not other agencies'. */
function visibleAttendees(rows: AttendeeRow[], tx: ReviewTx): AttendeeRow[] {
  return tx.access === 'agency' ? rows.filter((a) => a.agency_id === null || a.agency_id === tx.actor.agencyId) : rows;
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

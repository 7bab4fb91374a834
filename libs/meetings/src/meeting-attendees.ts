import type { EntityManager } from 'typeorm';
import { ApiError } from '@dhr/core';
import type { ReviewEntity } from '@dhr/reviews';
import type { AttendeeRow } from './meeting.view';

/**
 * Who may be invited: users of the review's partnership who take part in it — its
 * coordinators and CSP chairs, its own independent chair, and the agency contacts of
 * the agencies involved (panel or scoping). As SQL over users alias `u`.
 */
const ELIGIBLE = `u.partnership_id = $1 AND (
    u.role IN ('coordinator', 'csp_chair')
    OR (u.role = 'independent_chair' AND u.id = $2)
    OR (u.role = 'agency_contact' AND u.agency_id = ANY($3::uuid[])))`;

/**
 * The attendee user ids for a new meeting: the users named, every agency contact of the
 * agencies named, the review's chair and the scheduling user. 400 naming the field when
 * a user or agency takes no part in the review.
 */
export async function resolveAttendees(
  manager: EntityManager,
  review: ReviewEntity,
  schedulerId: string,
  request: { attendeeUserIds?: string[]; agencyIds?: string[] },
): Promise<string[]> {
  const userIds = [...new Set(request.attendeeUserIds ?? [])];
  const agencyIds = [...new Set(request.agencyIds ?? [])];
  if (agencyIds.some((id) => !review.involvedAgencyIds.includes(id)))
    throw ApiError.field('agencyIds', 'every agency must take part in the review (panel or scoping)');
  const params = [review.partnershipId, review.chairUserId, review.involvedAgencyIds];
  const named: { id: string }[] = userIds.length
    ? await manager.query(`SELECT u.id FROM users u WHERE u.id = ANY($4::uuid[]) AND ${ELIGIBLE}`, [...params, userIds])
    : [];
  if (named.length !== userIds.length)
    throw ApiError.field(
      'attendeeUserIds',
      "every user must take part in the review (its coordinators, CSP chairs, chair or agencies' contacts)",
    );
  const contacts: { id: string }[] = agencyIds.length
    ? await manager.query(`SELECT u.id FROM users u WHERE u.role = 'agency_contact' AND u.agency_id = ANY($4::uuid[]) AND ${ELIGIBLE}`, [
        ...params,
        agencyIds,
      ])
    : [];
  const always = [schedulerId, ...(review.chairUserId ? [review.chairUserId] : [])];
  return [...new Set([...always, ...userIds, ...contacts.map((c) => c.id)])].sort();
}

/** Attendees of these meetings with their role and agency, in a stable order. */
export async function loadAttendees(manager: EntityManager, meetingIds: string[]): Promise<Map<string, AttendeeRow[]>> {
  const byMeeting = new Map<string, AttendeeRow[]>(meetingIds.map((id) => [id, []]));
  if (meetingIds.length === 0) return byMeeting;
  const rows: AttendeeRow[] = await manager.query(
    `SELECT a.meeting_id, a.user_id, u.role, u.agency_id
       FROM meeting_attendees a JOIN users u ON u.id = a.user_id
      WHERE a.meeting_id = ANY($1::uuid[]) ORDER BY a.meeting_id, u.role, a.user_id`,
    [meetingIds],
  );
  for (const row of rows) byMeeting.get(row.meeting_id)!.push(row);
  return byMeeting;
}

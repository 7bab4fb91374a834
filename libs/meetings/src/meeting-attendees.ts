import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@dhr/core';
import { DirectoryUser, IdentityDirectory } from '@dhr/identity';
import type { ReviewRecord } from '@dhr/reviews';
import type { AttendeeRow } from './meeting.view';

/**
 * Who may be invited: users of the review's partnership who take part in it — its
 * coordinators and CSP chairs, its own independent chair, and the agency contacts of
 * the agencies involved (panel or scoping).
 */
function takesPart(user: DirectoryUser, review: ReviewRecord): boolean {
  if (user.partnershipId !== review.partnershipId) return false;
  switch (user.role) {
    case 'coordinator':
    case 'csp_chair':
      return true;
    case 'independent_chair':
      return user.id === review.chairUserId;
    case 'agency_contact':
      return user.agencyId !== null && review.involvedAgencyIds.includes(user.agencyId);
    default:
      return false;
  }
}

/** The attendees of meetings: who is invited (asked of the identity directory, which owns the users) and who they are. */
@Injectable()
export class MeetingAttendees {
  constructor(private readonly directory: IdentityDirectory) {}

  /**
   * The attendee user ids for a new meeting: the users named, every agency contact of the
   * agencies named, the review's chair and the scheduling user. 400 naming the field when
   * a user or agency takes no part in the review.
   */
  async resolve(
    manager: EntityManager,
    review: ReviewRecord,
    schedulerId: string,
    request: { attendeeUserIds?: string[]; agencyIds?: string[] },
  ): Promise<string[]> {
    const userIds = [...new Set(request.attendeeUserIds ?? [])];
    const agencyIds = [...new Set(request.agencyIds ?? [])];
    if (agencyIds.some((id) => !review.involvedAgencyIds.includes(id)))
      throw DomainError.field('agencyIds', 'every agency must take part in the review (panel or scoping)');
    const named = (await this.directory.users(userIds, manager, review.partnershipId)).filter((u) => takesPart(u, review));
    if (named.length !== userIds.length)
      throw DomainError.field(
        'attendeeUserIds',
        "every user must take part in the review (its coordinators, CSP chairs, chair or agencies' contacts)",
      );
    const contactIds = await this.directory.agencyContactIds(agencyIds, manager);
    const contacts = (await this.directory.users(contactIds, manager, review.partnershipId)).filter((u) => takesPart(u, review));
    const always = [schedulerId, ...(review.chairUserId ? [review.chairUserId] : [])];
    return [...new Set([...always, ...userIds, ...contacts.map((c) => c.id)])].sort();
  }

  /** Attendees of these meetings with their role and agency, by role then user id. */
  async load(manager: EntityManager, meetingIds: string[]): Promise<Map<string, AttendeeRow[]>> {
    const byMeeting = new Map<string, AttendeeRow[]>(meetingIds.map((id) => [id, []]));
    if (meetingIds.length === 0) return byMeeting;
    const rows: { meeting_id: string; user_id: string; partnership_id: string }[] = await manager.query(
      `SELECT a.meeting_id, a.user_id, r.partnership_id
         FROM meeting_attendees a JOIN meetings m ON m.id = a.meeting_id JOIN reviews r ON r.id = m.review_id
        WHERE a.meeting_id = ANY($1::uuid[])`,
      [meetingIds],
    );
    // Each attendee as the member they are in the review's partnership (a person may serve several).
    const users = new Map<string, DirectoryUser>();
    for (const partnershipId of new Set(rows.map((r) => r.partnership_id))) {
      const ids = rows.filter((r) => r.partnership_id === partnershipId).map((r) => r.user_id);
      for (const u of await this.directory.users(ids, manager, partnershipId)) users.set(`${partnershipId}:${u.id}`, u);
    }
    // Someone no longer a member there is still listed, as their account stands now.
    const left = rows.filter((r) => !users.has(`${r.partnership_id}:${r.user_id}`));
    const now = new Map((await this.directory.users(new Set(left.map((r) => r.user_id)), manager)).map((u) => [u.id, u]));
    for (const r of left) if (now.has(r.user_id)) users.set(`${r.partnership_id}:${r.user_id}`, now.get(r.user_id)!);
    const attendees = rows
      .filter((r) => users.has(`${r.partnership_id}:${r.user_id}`))
      .map((r) => ({
        meeting_id: r.meeting_id,
        user_id: r.user_id,
        role: users.get(`${r.partnership_id}:${r.user_id}`)!.role,
        agency_id: users.get(`${r.partnership_id}:${r.user_id}`)!.agencyId,
      }))
      .sort((a, b) => compare(a.role, b.role) || compare(a.user_id, b.user_id));
    for (const row of attendees) byMeeting.get(row.meeting_id)!.push(row);
    return byMeeting;
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

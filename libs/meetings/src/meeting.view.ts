export type MeetingStatus = 'scheduled' | 'cancelled';

/** A meetings row as read with raw SQL. */
export interface MeetingRow {
  id: string;
  review_id: string;
  number: number;
  starts_at: Date;
  ends_at: Date;
  location: string;
  agenda: string | null;
  status: MeetingStatus;
  sequence: number;
  reminder_at: Date | null;
  minutes_document_id: string | null;
}

export interface AttendeeRow {
  meeting_id: string;
  user_id: string;
  role: string;
  agency_id: string | null;
}

export interface MeetingAttendeeView {
  userId: string;
  role: string;
  agencyId: string | null;
}

export interface MeetingView {
  id: string;
  number: number;
  startsAt: string;
  endsAt: string;
  location: string;
  agenda: string | null;
  status: MeetingStatus;
  sequence: number;
  attendees: MeetingAttendeeView[];
  minutesDocumentId: string | null;
}

export function meetingView(row: MeetingRow, attendees: AttendeeRow[]): MeetingView {
  return {
    id: row.id,
    number: row.number,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    location: row.location,
    agenda: row.agenda,
    status: row.status,
    sequence: row.sequence,
    attendees: attendees.map((a) => ({ userId: a.user_id, role: a.role, agencyId: a.agency_id })),
    minutesDocumentId: row.minutes_document_id,
  };
}

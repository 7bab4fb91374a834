import { MigrationInterface, QueryRunner } from 'typeorm';

/** Family members, contact log and panel meetings (libs/family, libs/meetings). */
export class FamilyAndMeetings1795392800000 implements MigrationInterface {
  name = 'FamilyAndMeetings1795392800000';

  async up(q: QueryRunner): Promise<void> {
    // Panel meetings. `sequence` is the iCalendar SEQUENCE: +1 on every change, so mail
    // clients replace the event; `reminder_at` is NULL when the day-before reminder time
    // had already passed when the meeting was scheduled or moved (no reminder then).
    await q.query(`
      CREATE TABLE meetings (
        id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES reviews(id),
        number int NOT NULL CHECK (number >= 1),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        location text NOT NULL CHECK (length(location) BETWEEN 1 AND 500),
        agenda text,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
        sequence int NOT NULL DEFAULT 0 CHECK (sequence >= 0),
        reminder_at timestamptz,
        minutes_document_id uuid REFERENCES documents(id),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (review_id, number),
        CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '12 hours')
      )`);
    await q.query(`CREATE INDEX meetings_upcoming_idx ON meetings(starts_at) WHERE status = 'scheduled'`);
    await q.query(`
      CREATE TABLE meeting_attendees (
        meeting_id uuid NOT NULL REFERENCES meetings(id),
        user_id uuid NOT NULL REFERENCES users(id),
        PRIMARY KEY (meeting_id, user_id)
      )`);
    await q.query(`CREATE INDEX meeting_attendees_user_idx ON meeting_attendees(user_id)`);
    // Meeting emails: which meeting, and the SEQUENCE the email was made for (a later change
    // makes an unsent invitation or reminder 'superseded': the newer email carries the news).
    await q.query(`ALTER TABLE notifications ADD COLUMN meeting_id uuid REFERENCES meetings(id)`);
    await q.query(`ALTER TABLE notifications ADD COLUMN meeting_sequence int`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending','sent','failed','superseded'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE notifications SET status = 'failed' WHERE status = 'superseded'`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending','sent','failed'))`);
    await q.query(`ALTER TABLE notifications DROP COLUMN meeting_sequence`);
    await q.query(`ALTER TABLE notifications DROP COLUMN meeting_id`);
    await q.query(`DROP TABLE meeting_attendees`);
    await q.query(`DROP TABLE meetings`);
  }
}

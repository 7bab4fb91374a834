import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recommendations and action details of the action plan (libs/action-plan), and the
 * family members and append-only contact log of a review (libs/family).
 */
export class ActionPlan1795392900000 implements MigrationInterface {
  name = 'ActionPlan1795392900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recommendations (
        id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES reviews(id),
        number int NOT NULL CHECK (number >= 1),
        scope text NOT NULL CHECK (scope IN ('local', 'national')),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
        owner_agency_id uuid REFERENCES agencies(id),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (review_id, number),
        CHECK (scope = 'national' OR owner_agency_id IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE action_details (
        action_id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES reviews(id),
        recommendation_id uuid REFERENCES recommendations(id),
        owner text CHECK (length(owner) BETWEEN 1 AND 200)
      )`);
    await q.query(`CREATE INDEX action_details_review_idx ON action_details(review_id)`);

    await q.query(`
      CREATE TABLE family_members (
        id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES reviews(id),
        pseudonym text NOT NULL CHECK (length(pseudonym) BETWEEN 1 AND 200),
        relationship text NOT NULL CHECK (length(relationship) BETWEEN 1 AND 100),
        contact_preference text NOT NULL
          CHECK (contact_preference IN ('email', 'phone', 'letter', 'in_person', 'via_advocate', 'no_contact')),
        advocate_organisation text CHECK (length(advocate_organisation) BETWEEN 1 AND 200),
        advocate_role text CHECK (length(advocate_role) BETWEEN 1 AND 200),
        involvement text NOT NULL DEFAULT 'not_yet_contacted'
          CHECK (involvement IN ('not_yet_contacted', 'involved', 'declined', 'not_contactable')),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX family_members_review_idx ON family_members(review_id)`);
    await q.query(`
      CREATE TABLE family_contacts (
        id uuid PRIMARY KEY,
        review_id uuid NOT NULL REFERENCES reviews(id),
        family_member_id uuid NOT NULL REFERENCES family_members(id),
        occurred_at timestamptz NOT NULL,
        method text NOT NULL CHECK (method IN ('email', 'phone', 'letter', 'meeting', 'via_advocate')),
        direction text NOT NULL CHECK (direction IN ('outbound', 'inbound')),
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
        recorded_by uuid NOT NULL REFERENCES users(id),
        recorded_at timestamptz NOT NULL,
        CHECK (occurred_at <= recorded_at)
      )`);
    await q.query(`CREATE INDEX family_contacts_member_idx ON family_contacts(family_member_id, occurred_at)`);
    // The contact log is append-only: the database refuses to change or remove an entry.
    await q.query(`
      CREATE FUNCTION family_contacts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'family_contacts is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER family_contacts_append_only BEFORE UPDATE OR DELETE ON family_contacts
      FOR EACH ROW EXECUTE FUNCTION family_contacts_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE family_contacts`);
    await q.query(`DROP FUNCTION family_contacts_append_only()`);
    await q.query(`DROP TABLE family_members`);
    await q.query(`DROP TABLE action_details`);
    await q.query(`DROP TABLE recommendations`);
  }
}

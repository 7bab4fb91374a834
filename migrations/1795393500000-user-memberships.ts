import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One person, several partnerships (owned by libs/identity): a membership is a role in one
 * partnership (and, for an agency contact, an agency of it). The user row's role, partnership
 * and agency stay as the account's first ("home") membership, which existing clients read;
 * a trigger keeps that membership in this table whatever code writes the user row, so every
 * question "who holds this role here?" is asked of one table.
 */
export class UserMemberships1795393500000 implements MigrationInterface {
  name = 'UserMemberships1795393500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_memberships (
        user_id uuid NOT NULL REFERENCES users(id),
        partnership_id uuid NOT NULL REFERENCES partnerships(id),
        role text NOT NULL CHECK (role IN ('coordinator', 'csp_chair', 'independent_chair', 'agency_contact')),
        agency_id uuid REFERENCES agencies(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, partnership_id),
        CONSTRAINT user_memberships_agency_for_contacts CHECK ((role = 'agency_contact') = (agency_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX user_memberships_partnership_role ON user_memberships (partnership_id, role)`);
    await q.query(`CREATE INDEX user_memberships_agency ON user_memberships (agency_id) WHERE agency_id IS NOT NULL`);
    await q.query(`
      INSERT INTO user_memberships (user_id, partnership_id, role, agency_id, created_at)
      SELECT id, partnership_id, role, agency_id, created_at FROM users
       WHERE partnership_id IS NOT NULL AND role <> 'admin'`);
    await q.query(`
      CREATE FUNCTION users_home_membership() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.partnership_id IS NOT NULL
           AND (OLD.partnership_id IS DISTINCT FROM NEW.partnership_id OR NEW.role = 'admin') THEN
          DELETE FROM user_memberships WHERE user_id = OLD.id AND partnership_id = OLD.partnership_id;
        END IF;
        IF NEW.partnership_id IS NOT NULL AND NEW.role <> 'admin' THEN
          INSERT INTO user_memberships (user_id, partnership_id, role, agency_id)
          VALUES (NEW.id, NEW.partnership_id, NEW.role, NEW.agency_id)
          ON CONFLICT (user_id, partnership_id) DO UPDATE SET role = EXCLUDED.role, agency_id = EXCLUDED.agency_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER users_home_membership AFTER INSERT OR UPDATE OF role, partnership_id, agency_id ON users
      FOR EACH ROW EXECUTE FUNCTION users_home_membership()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_home_membership ON users`);
    await q.query(`DROP FUNCTION users_home_membership()`);
    await q.query(`DROP TABLE user_memberships`);
  }
}

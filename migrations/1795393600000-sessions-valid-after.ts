import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a person's other sessions ended (owned by libs/identity): set when their password is changed,
 * their two-factor is reset or they are deactivated. A web session signed in before it, or a bearer
 * token issued before it, is refused at its next request (the guards already read the user by
 * primary key on every request, so the check costs no extra query). Null: nothing ended yet.
 */
export class SessionsValidAfter1795393600000 implements MigrationInterface {
  name = 'SessionsValidAfter1795393600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN sessions_valid_after timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN sessions_valid_after`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deactivated users (owned by libs/identity): `deactivated_at` set means the account may not sign
 * in, its bearer tokens and web sessions stop at their next request (the guards read the user by
 * primary key on every request, so the check costs no extra query). Nothing is deleted: the
 * account's history stays attributable.
 */
export class UserDeactivation1795393200000 implements MigrationInterface {
  name = 'UserDeactivation1795393200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}

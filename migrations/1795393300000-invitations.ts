import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations and forgotten-password links (owned by libs/identity). The link's token is a
 * random 256-bit value kept only as its SHA-256 hash (the token itself is in the email alone);
 * a link works until `expires_at` (INVITATION_TTL_HOURS) and once (`used_at`).
 * `kind = 'invitation'` carries the account to create (email, name, role, partnership, agency)
 * and who invited; `kind = 'password_reset'` names an existing user.
 */
export class Invitations1795393300000 implements MigrationInterface {
  name = 'Invitations1795393300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('invitation', 'password_reset')),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        email text NOT NULL,
        name text,
        role text,
        partnership_id uuid REFERENCES partnerships(id),
        agency_id uuid REFERENCES agencies(id),
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        invited_by uuid REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (kind <> 'invitation' OR (name IS NOT NULL AND role IS NOT NULL)),
        CHECK (kind <> 'password_reset' OR user_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX invitations_user_idx ON invitations(user_id) WHERE user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE invitations`);
  }
}

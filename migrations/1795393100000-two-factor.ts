import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-factor sign-in for the web pages (owned by libs/identity). The TOTP secret is stored
 * AES-256-GCM encrypted (a key derived from DOCUMENT_KEY: iv | tag | ciphertext); a row without
 * `confirmed_at` is an enrolment begun and not finished. `last_time_step` refuses a code used
 * twice. Recovery codes are stored as SHA-256 hashes only (they are long random strings, so a
 * fast hash is enough) and spent by setting `used_at`.
 */
export class TwoFactor1795393100000 implements MigrationInterface {
  name = 'TwoFactor1795393100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_two_factor (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret_encrypted bytea NOT NULL,
        confirmed_at timestamptz,
        last_time_step bigint,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE user_recovery_codes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash text NOT NULL CHECK (code_hash ~ '^[0-9a-f]{64}$'),
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, code_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE user_recovery_codes`);
    await q.query(`DROP TABLE user_two_factor`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partnership's email settings (owned by libs/identity): the sender its emails go out as
 * (name and address; unset: MAIL_FROM), and the person recipients should contact and reply to
 * (unset: the partnership's coordinators). A contact is a name and an address together.
 */
export class PartnershipEmailSettings1795393900000 implements MigrationInterface {
  name = 'PartnershipEmailSettings1795393900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE partnerships
         ADD COLUMN sender_name text, ADD COLUMN sender_email text, ADD COLUMN contact_name text, ADD COLUMN contact_email text,
         ADD CONSTRAINT partnerships_contact_whole CHECK ((contact_name IS NULL) = (contact_email IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE partnerships DROP CONSTRAINT partnerships_contact_whole,
         DROP COLUMN sender_name, DROP COLUMN sender_email, DROP COLUMN contact_name, DROP COLUMN contact_email`,
    );
  }
}

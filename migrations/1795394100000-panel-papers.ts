import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Panel papers (owned by libs/documents): a document the coordinator or the review's chair has
 * shared with the panel, when and by whom. Every agency contact on the panel may then read it.
 * An agency's IMR or chronology is never shared: other agencies never see another agency's
 * return (the service refuses it with 400; the constraint makes it impossible).
 */
export class PanelPapers1795394100000 implements MigrationInterface {
  name = 'PanelPapers1795394100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE documents ADD COLUMN shared_with_panel_at timestamptz, ADD COLUMN shared_with_panel_by uuid REFERENCES users(id)`,
    );
    await q.query(
      `ALTER TABLE documents ADD CONSTRAINT documents_shared_with_panel_by CHECK ((shared_with_panel_at IS NULL) = (shared_with_panel_by IS NULL))`,
    );
    await q.query(
      `ALTER TABLE documents ADD CONSTRAINT documents_agency_returns_not_shared
         CHECK (shared_with_panel_at IS NULL OR (type NOT IN ('imr', 'chronology') AND agency_id IS NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_agency_returns_not_shared`);
    await q.query(`ALTER TABLE documents DROP CONSTRAINT documents_shared_with_panel_by`);
    await q.query(`ALTER TABLE documents DROP COLUMN shared_with_panel_at, DROP COLUMN shared_with_panel_by`);
  }
}

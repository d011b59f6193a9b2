import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files agents attach to a reply or note: uploaded first (pending: no message yet, owned by the
 * uploader and tied to the ticket), linked to the message when it is sent. Pending rows always have
 * an uploader and a ticket; a sweep deletes those never sent. Row-level security is unchanged (staff
 * of the client); the application may now set `message_id` when it links a pending file.
 */
export class AttachmentUploads1764800000000 implements MigrationInterface {
  name = 'AttachmentUploads1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
ALTER TABLE attachments
  ALTER COLUMN message_id DROP NOT NULL,
  ADD COLUMN uploaded_by uuid REFERENCES users (id) ON DELETE CASCADE,
  ADD COLUMN ticket_id uuid REFERENCES tickets (id) ON DELETE CASCADE,
  ADD CONSTRAINT attachments_pending_owner CHECK (message_id IS NOT NULL OR (uploaded_by IS NOT NULL AND ticket_id IS NOT NULL));
CREATE INDEX attachments_pending_idx ON attachments (ticket_id, uploaded_by) WHERE message_id IS NULL;
CREATE INDEX attachments_pending_age_idx ON attachments (created_at) WHERE message_id IS NULL;
GRANT UPDATE (message_id) ON attachments TO switchboard_app;
`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
REVOKE UPDATE (message_id) ON attachments FROM switchboard_app;
DELETE FROM attachments WHERE message_id IS NULL;
DROP INDEX IF EXISTS attachments_pending_age_idx;
DROP INDEX IF EXISTS attachments_pending_idx;
ALTER TABLE attachments
  DROP CONSTRAINT IF EXISTS attachments_pending_owner,
  DROP COLUMN IF EXISTS ticket_id,
  DROP COLUMN IF EXISTS uploaded_by,
  ALTER COLUMN message_id SET NOT NULL;
`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The From, To and Cc of an email message: as received for a customer's mail, as sent for an agent's
 * reply (which also keeps the subject it went out with in `subject`). `{from, to, cc}` with
 * `{name, address}` entries; null for messages that are not email.
 */
export class EmailEnvelope1764600000000 implements MigrationInterface {
  name = 'EmailEnvelope1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE messages ADD COLUMN email_envelope jsonb CHECK (email_envelope IS NULL OR jsonb_typeof(email_envelope) = 'object');`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE messages DROP COLUMN IF EXISTS email_envelope;');
  }
}

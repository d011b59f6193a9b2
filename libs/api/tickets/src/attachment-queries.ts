import { ValidationException } from '@switchboard/api-platform';
import { ATTACHMENTS_PER_MESSAGE_MAX, type AttachmentView } from '@switchboard/shared-contracts';
import type { EntityManager } from 'typeorm';

/** Reads and writes of attachment rows shared by the ticket services, inside their transactions. */

/**
 * The caller's pending uploads on this ticket named by a reply or note, locked for linking, as the
 * message will list them. Any id that is not one of them (another agent's, another ticket's, already
 * sent, unknown) refuses the whole message on `attachmentIds`.
 */
export async function pendingAttachmentsFor(m: EntityManager, ticketId: string, userId: string, ids: readonly string[]): Promise<AttachmentView[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  if (unique.length > ATTACHMENTS_PER_MESSAGE_MAX) throw new ValidationException([{ field: 'attachmentIds', message: `may name at most ${ATTACHMENTS_PER_MESSAGE_MAX} files` }]);
  const rows = await m.query<{ id: string; filename: string; content_type: string; size_bytes: number }[]>(
    `SELECT id, filename, content_type, size_bytes FROM attachments
      WHERE id = ANY ($1::uuid[]) AND ticket_id = $2 AND uploaded_by = $3 AND message_id IS NULL ORDER BY created_at, id FOR UPDATE`,
    [unique, ticketId, userId],
  );
  if (rows.length !== unique.length) throw new ValidationException([{ field: 'attachmentIds', message: 'must name files you uploaded to this ticket and have not sent yet' }]);
  const order = new Map(unique.map((id, index) => [id, index]));
  return rows
    .sort((a, b) => (order.get(a.id) as number) - (order.get(b.id) as number))
    .map((row) => ({ id: row.id, filename: row.filename, contentType: row.content_type, size: row.size_bytes, stored: true }));
}

/** Links pending uploads (checked by pendingAttachmentsFor in the same transaction) to the message that carries them. */
export async function linkAttachments(m: EntityManager, messageId: string, attachments: readonly AttachmentView[]): Promise<void> {
  if (attachments.length === 0) return;
  await m.query('UPDATE attachments SET message_id = $1 WHERE id = ANY ($2::uuid[]) AND message_id IS NULL', [messageId, attachments.map((a) => a.id)]);
}

/** Deletes uploads never sent with a message, older than `hours`. Returns how many. */
export async function sweepPendingAttachments(m: EntityManager, hours: number): Promise<number> {
  const [, deleted] = await m.query<[unknown, number]>(`DELETE FROM attachments WHERE message_id IS NULL AND created_at < now() - make_interval(hours => $1)`, [hours]);
  return deleted;
}

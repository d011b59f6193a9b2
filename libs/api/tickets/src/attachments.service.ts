import { Inject, Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, DomainException, NotFoundException, ValidationException, checkedUuid, type AppConfig, type Principal } from '@switchboard/api-platform';
import { ATTACHMENTS_PER_MESSAGE_MAX, ErrorCode, type UploadedAttachment } from '@switchboard/shared-contracts';
import { canAddNote, cleanAttachmentFilename, storedContentType } from '@switchboard/shared-domain';
import { TicketsException } from './tickets.exception';
import { lockTicket } from './ticket-work.service';

/** Uploads an agent may keep waiting on one ticket before sending them (or removing some). */
export const PENDING_ATTACHMENTS_PER_TICKET_MAX = ATTACHMENTS_PER_MESSAGE_MAX * 2;

export interface UploadInput {
  /** `X-Filename`, URL-encoded (encodeURIComponent). */
  filenameHeader: string | undefined;
  contentTypeHeader: string | undefined;
  /** The raw body (a Buffer when one was sent). */
  body: unknown;
}

export interface AttachmentDownload {
  filename: string;
  contentType: string;
  content: Buffer;
}

const STAFF_ROLES: readonly string[] = ['agent', 'team_lead', 'admin'];

/**
 * Files on tickets. Agents upload a file to a ticket first (pending: theirs, on that ticket, no
 * message yet), then send a reply or note naming it; staff of the client download the files of its
 * messages. A file id is a random UUID. Anything a caller may not read is "not found", the same
 * answer as an id that does not exist.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly tenants: TenantDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(principal: Principal, ticketId: string, input: UploadInput): Promise<UploadedAttachment> {
    checkedUuid(ticketId, 'ticketId');
    const filename = filenameOf(input.filenameHeader);
    const content = Buffer.isBuffer(input.body) ? input.body : Buffer.alloc(0);
    if (content.length === 0) throw new ValidationException([{ field: 'file', message: 'is empty: send the file as the request body' }]);
    const limit = this.config.attachments.maxBytes;
    if (content.length > limit) throw new DomainException(ErrorCode.PayloadTooLarge, `The file is ${content.length} bytes; attachments may be at most ${limit} bytes. Nothing was stored.`, [{ field: 'file', message: `must be at most ${limit} bytes` }]);
    const contentType = storedContentType(input.contentTypeHeader);

    return await this.tenants.run(principal, async (m) => {
      const ticket = await lockTicket(m, ticketId);
      // Whoever may write on the ticket may attach: a note is open to all staff who see it (replies are checked when sent).
      const verdict = canAddNote(principal);
      if (!verdict.ok) throw new TicketsException(ErrorCode.Forbidden, verdict.message);
      const [{ pending }] = await m.query<{ pending: number }[]>('SELECT count(*)::int AS pending FROM attachments WHERE ticket_id = $1 AND uploaded_by = $2 AND message_id IS NULL', [ticket.id, principal.userId]);
      if (pending >= PENDING_ATTACHMENTS_PER_TICKET_MAX) {
        throw new ValidationException([{ field: 'file', message: `${PENDING_ATTACHMENTS_PER_TICKET_MAX} of your files already wait to be sent on this ticket: send them or remove some first` }]);
      }
      const [row] = await m.query<{ id: string }[]>(
        'INSERT INTO attachments (client_id, ticket_id, uploaded_by, filename, content_type, size_bytes, content) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
        [ticket.clientId, ticket.id, principal.userId, filename, contentType, content.length, content],
      );
      return { id: row.id, filename, contentType, size: content.length };
    });
  }

  /** A file of a message of the caller's clients, or one of the caller's own pending uploads. */
  async download(principal: Principal, attachmentId: string): Promise<AttachmentDownload> {
    checkedUuid(attachmentId, 'attachmentId');
    if (!STAFF_ROLES.includes(principal.role)) throw new NotFoundException('Attachment');
    const [row] = await this.tenants.run(principal, (m) =>
      m.query<{ filename: string; content_type: string; content: Buffer }[]>(
        `SELECT filename, content_type, content FROM attachments
          WHERE id = $1 AND client_id = ANY ($2::uuid[]) AND (message_id IS NOT NULL OR uploaded_by = $3)`,
        [attachmentId, principal.clientIds, principal.userId],
      ),
    );
    if (!row) throw new NotFoundException('Attachment');
    return { filename: row.filename, contentType: row.content_type, content: row.content };
  }

  /** Removes one of the caller's pending uploads (a chip taken off the draft). */
  async remove(principal: Principal, attachmentId: string): Promise<void> {
    checkedUuid(attachmentId, 'attachmentId');
    const [, deleted] = await this.tenants.run(principal, (m) =>
      m.query<[unknown, number]>('DELETE FROM attachments WHERE id = $1 AND message_id IS NULL AND uploaded_by = $2', [attachmentId, principal.userId]),
    );
    if (!deleted) throw new NotFoundException('Attachment');
  }
}

function filenameOf(header: string | undefined): string {
  if (!header) throw new ValidationException([{ field: 'filename', message: 'is required: give the file name URL-encoded in the X-Filename header' }]);
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    throw new ValidationException([{ field: 'filename', message: 'must be URL-encoded (encodeURIComponent)' }]);
  }
  const verdict = cleanAttachmentFilename(decoded);
  if (!verdict.ok) throw new ValidationException([{ field: 'filename', message: verdict.message }]);
  return verdict.filename;
}

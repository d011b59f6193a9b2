import { Injectable } from '@nestjs/common';
import { AuditService } from '@switchboard/api-audit';
import { TenantDatabase } from '@switchboard/api-database';
import { checkedUuid, ForbiddenException, NotFoundException, pageOf, ValidationException, type PageRequest, type Principal } from '@switchboard/api-platform';
import type { ClientView, InboxAdminView, InboxView, Page } from '@switchboard/shared-contracts';
import { parseClientRequest, parseInboxRequest, type ClientSettings } from '@switchboard/shared-domain';
import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { TenancyService } from './tenancy.service';

const CLIENT_COLUMNS = `id, slug, name, brand_color AS "brandColor", time_zone AS "timeZone", languages, channels, business_calendar AS "businessCalendar", pii_policy AS "piiPolicy"`;
const INBOX_COLUMNS = `id, client_id AS "clientId", channel, name, address, widget_key AS "widgetKey", settings, allowed_origins AS "allowedOrigins", created_at AS "createdAt"`;
type InboxRow = Omit<InboxAdminView, 'createdAt'> & { createdAt: Date };

const isUniqueViolation = (error: unknown, constraint?: string) => {
  const e = ((error as { driverError?: unknown })?.driverError ?? error) as { code?: string; constraint?: string } | null;
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
};

/** A chat widget names its inbox with this: unguessable, URL-safe. */
const newWidgetKey = () => `wk_${randomBytes(18).toString('base64url')}`;

/**
 * Clients and their inboxes as admins manage them. Reads are scoped by the caller's clients (and
 * RLS); writes are admins' only (the controller, the service and the write policies say so) and are
 * audited in the same transaction. A foreign or absent id is the same 404.
 */
@Injectable()
export class ClientAdminService {
  constructor(
    private readonly tenants: TenantDatabase,
    private readonly audit: AuditService,
    private readonly tenancy: TenancyService,
  ) {}

  /** A page of the caller's clients by name, maybe only those whose name or slug holds `q`. */
  listClients(principal: Principal, page: PageRequest, q: string | null): Promise<Page<ClientView>> {
    return this.tenants.run(principal, async (m) => {
      const params: unknown[] = [[...principal.clientIds]];
      const filters = ['id = ANY ($1)'];
      if (q) {
        params.push(`%${likeEscaped(q)}%`);
        filters.push(`(name ILIKE $${params.length} OR slug ILIKE $${params.length})`);
      }
      if (page.after) {
        params.push(page.after[0], page.after[1]);
        filters.push(`(name, id::text) > ($${params.length - 1}, $${params.length})`);
      }
      const rows = await m.query<ClientView[]>(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE ${filters.join(' AND ')} ORDER BY name, id::text LIMIT ${page.limit + 1}`, params);
      return pageOf(rows, page.limit, (c) => [c.name, c.id], (c) => c);
    });
  }

  async createClient(principal: Principal, input: unknown): Promise<ClientView> {
    requireAdmin(principal);
    const parsed = parseClientRequest(input, null);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    const c = parsed.value;
    const id = randomUUID();
    // Admins see every client: the new one joins this transaction's scope so it can be written and read back.
    const view = await this.tenants.run({ role: principal.role, clientIds: [...principal.clientIds, id] }, async (m) => {
      await unique('slug', 'is already the slug of another client', () =>
        m.query(
          `INSERT INTO clients (id, slug, name, time_zone, languages, channels, business_calendar, pii_policy, brand_color) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [id, c.slug, c.name, c.timeZone, c.languages, c.channels, c.businessCalendar, c.piiPolicy, c.brandColor],
        ),
      );
      await this.audit.record(m, { action: 'client.created', actorUserId: principal.userId, clientId: id, targetType: 'client', targetId: id, details: { ...c } });
      return await this.oneClient(m, id);
    });
    return view;
  }

  async updateClient(principal: Principal, clientId: string, input: unknown): Promise<ClientView> {
    requireAdmin(principal);
    this.assertClient(principal, clientId);
    const view = await this.tenants.run(principal, async (m) => {
      const [current] = await m.query<(ClientSettings & { id: string })[]>(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE id = $1 FOR UPDATE`, [clientId]);
      if (!current) throw new NotFoundException('Client');
      const { id: _id, slug: _slug, brandColor, ...rest } = current as ClientSettings & { id: string; slug: string };
      const parsed = parseClientRequest(input, { ...rest, brandColor });
      if (!parsed.ok) throw new ValidationException(parsed.fields);
      const c = parsed.value;
      await m.query(
        `UPDATE clients SET name = $2, time_zone = $3, languages = $4, channels = $5, business_calendar = $6, pii_policy = $7, brand_color = $8, updated_at = now() WHERE id = $1`,
        [clientId, c.name, c.timeZone, c.languages, c.channels, c.businessCalendar, c.piiPolicy, c.brandColor],
      );
      await this.audit.record(m, { action: 'client.updated', actorUserId: principal.userId, clientId, targetType: 'client', targetId: clientId, details: { changed: input as Record<string, unknown> } });
      return await this.oneClient(m, clientId);
    });
    this.tenancy.forgetWidgetSettings();
    return view;
  }

  /** A page of a client's inboxes by channel and name. Admins get the full view (widget key, settings, sites); other staff the plain one. */
  listInboxes(principal: Principal, clientId: string, page: PageRequest): Promise<Page<InboxView | InboxAdminView>> {
    this.assertClient(principal, clientId);
    return this.tenants.run(principal, async (m) => {
      const params: unknown[] = [clientId];
      let after = '';
      if (page.after) {
        params.push(...page.after);
        after = ` AND (channel, name, id::text) > ($2, $3, $4)`;
      }
      const rows = await m.query<InboxRow[]>(`SELECT ${INBOX_COLUMNS} FROM inboxes WHERE client_id = $1${after} ORDER BY channel, name, id::text LIMIT ${page.limit + 1}`, params);
      const admin = principal.role === 'admin';
      return pageOf(rows, page.limit, (i) => [i.channel, i.name, i.id], (i) => (admin ? inboxView(i) : { id: i.id, clientId: i.clientId, channel: i.channel, name: i.name, address: i.address }));
    });
  }

  async createInbox(principal: Principal, clientId: string, input: unknown): Promise<InboxAdminView> {
    requireAdmin(principal);
    this.assertClient(principal, clientId);
    const parsed = parseInboxRequest(input, null);
    if (!parsed.ok) throw new ValidationException(parsed.fields);
    const i = parsed.value;
    const view = await this.tenants.run(principal, async (m) => {
      const [client] = await m.query<{ channels: string[] }[]>('SELECT channels FROM clients WHERE id = $1', [clientId]);
      if (!client) throw new NotFoundException('Client');
      if (!client.channels.includes(i.channel)) throw new ValidationException([{ field: 'channel', message: `the client is not served on ${i.channel}: add the channel to the client first` }]);
      const [row] = await unique('address', `is already the address of another ${i.channel} inbox`, () =>
        m.query<InboxRow[]>(
          `INSERT INTO inboxes (client_id, channel, name, address, widget_key, settings, allowed_origins) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${INBOX_COLUMNS}`,
          [clientId, i.channel, i.name, i.address, i.channel === 'chat' ? newWidgetKey() : null, i.settings, i.allowedOrigins],
        ),
      );
      await this.audit.record(m, { action: 'inbox.created', actorUserId: principal.userId, clientId, targetType: 'inbox', targetId: row.id, details: { channel: i.channel, name: i.name, address: i.address, settings: i.settings, allowedOrigins: i.allowedOrigins } });
      return inboxView(row);
    });
    this.tenancy.forgetWidgetSettings();
    return view;
  }

  async updateInbox(principal: Principal, inboxId: string, input: unknown): Promise<InboxAdminView> {
    requireAdmin(principal);
    checkedUuid(inboxId, 'inboxId');
    const view = await this.tenants.run(principal, async (m) => {
      const [current] = await m.query<InboxRow[]>(`SELECT ${INBOX_COLUMNS} FROM inboxes WHERE id = $1 FOR UPDATE`, [inboxId]);
      if (!current) throw new NotFoundException('Inbox');
      const parsed = parseInboxRequest(input, current);
      if (!parsed.ok) throw new ValidationException(parsed.fields);
      const i = parsed.value;
      const [[row]] = await unique('address', `is already the address of another ${current.channel} inbox`, () =>
        m.query<[InboxRow[], number]>(
          `UPDATE inboxes SET name = $2, address = $3, settings = $4, allowed_origins = $5, widget_key = coalesce($6, widget_key) WHERE id = $1 RETURNING ${INBOX_COLUMNS}`,
          [inboxId, i.name, i.address, i.settings, i.allowedOrigins, i.rotateWidgetKey ? newWidgetKey() : null],
        ),
      );
      const { rotateWidgetKey, ...changed } = (input ?? {}) as Record<string, unknown>;
      await this.audit.record(m, { action: i.rotateWidgetKey ? 'inbox.widget_key_rotated' : 'inbox.updated', actorUserId: principal.userId, clientId: current.clientId, targetType: 'inbox', targetId: inboxId, details: { changed, rotateWidgetKey: rotateWidgetKey === true } });
      return inboxView(row);
    });
    this.tenancy.forgetWidgetSettings();
    return view;
  }

  /** Deletes an inbox that never received a ticket (one with tickets stays: their history points at it). */
  async deleteInbox(principal: Principal, inboxId: string): Promise<void> {
    requireAdmin(principal);
    checkedUuid(inboxId, 'inboxId');
    await this.tenants.run(principal, async (m) => {
      const [current] = await m.query<{ client_id: string; name: string; channel: string }[]>('SELECT client_id, name, channel FROM inboxes WHERE id = $1 FOR UPDATE', [inboxId]);
      if (!current) throw new NotFoundException('Inbox');
      const [used] = await m.query('SELECT 1 FROM tickets WHERE inbox_id = $1 LIMIT 1', [inboxId]);
      if (used) throw new ValidationException([{ field: 'inboxId', message: 'has tickets: an inbox with history cannot be deleted' }]);
      await m.query('DELETE FROM inboxes WHERE id = $1', [inboxId]);
      await this.audit.record(m, { action: 'inbox.deleted', actorUserId: principal.userId, clientId: current.client_id, targetType: 'inbox', targetId: inboxId, details: { name: current.name, channel: current.channel } });
    });
    this.tenancy.forgetWidgetSettings();
  }

  private assertClient(principal: Principal, clientId: string): void {
    if (!principal.clientIds.includes(checkedUuid(clientId, 'clientId'))) throw new NotFoundException('Client');
  }

  private async oneClient(m: EntityManager, id: string): Promise<ClientView> {
    const [row] = await m.query<ClientView[]>(`SELECT ${CLIENT_COLUMNS} FROM clients WHERE id = $1`, [id]);
    return row;
  }
}

function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenException('Only admins manage clients and inboxes.');
}

function inboxView(row: InboxRow): InboxAdminView {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

/** `q` is searched as text: `%` and `_` are not wildcards. */
export function likeEscaped(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function unique<T>(field: string, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationException([{ field, message }]);
    throw error;
  }
}

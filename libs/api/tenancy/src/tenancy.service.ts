import { Inject, Injectable } from '@nestjs/common';
import { TenantDatabase } from '@switchboard/api-database';
import { APP_CONFIG, NotFoundException, SYSTEM_SCOPE, type AppConfig, type TenantScope } from '@switchboard/api-platform';
import type { ClientStaffing, ClientView, WidgetInboxView } from '@switchboard/shared-contracts';
import { widgetView } from '@switchboard/shared-domain';
import type { EntityManager } from 'typeorm';
import { ClientEntity } from './client.entity';
import { InboxEntity } from './inbox.entity';
import { TenancyException } from './tenancy.exception';

/** How old a staffing count the widget may be told (this node's own changes are read at once). */
const STAFFING_MAX_AGE_MS = 1_000;

/** A chat inbox with its client, as a widget connect and a new chat need them, and when they were read. */
interface WidgetSettings {
  inbox: InboxEntity;
  client: ClientEntity;
  at: number;
}

/**
 * Clients and their inboxes. Every query is scoped twice: by the caller's client ids here and by
 * row-level security in PostgreSQL. "Not yours" and "absent" give the same 404.
 */
@Injectable()
export class TenancyService {
  /** Staffing counts by client, with when they were read: the widget asks on every connect and every new chat. */
  private readonly staffingRead = new Map<string, { at: number; staffing: ClientStaffing }>();

  /** Widget settings this node read lately, by widget key and by inbox id (only inboxes that exist; see AppConfig.widgetSettingsMaxAgeMs). */
  private readonly widgetSettingsByKey = new Map<string, WidgetSettings>();
  private readonly widgetSettingsById = new Map<string, WidgetSettings>();
  /** widgetInbox reads under way, per widget key. */
  private readonly widgetReads = new Map<string, Promise<{ clientId: string; inboxId: string; allowedOrigins: string[]; view: WidgetInboxView }>>();

  constructor(
    private readonly tenants: TenantDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  getClient(scope: TenantScope, clientId: string): Promise<ClientView> {
    return this.tenants.run(scope, async (m) => clientView(await this.findClient(m, scope, clientId)));
  }

  staffing(scope: TenantScope, clientId: string): Promise<ClientStaffing> {
    return this.tenants.run(scope, async (m) => {
      await this.findClient(m, scope, clientId);
      return await this.staffingIn(m, clientId);
    });
  }

  /** Staffing of several clients, read now, for live fan-out (system scope: the caller decides who hears it). */
  staffingForClients(clientIds: readonly string[]): Promise<ClientStaffing[]> {
    return this.tenants.run(SYSTEM_SCOPE, async (m) => {
      const all: ClientStaffing[] = [];
      for (const id of clientIds) all.push(await this.staffingIn(m, id, { fresh: true }));
      return all;
    });
  }

  /** An admin changed an inbox or a client: this node reads widget settings afresh (other nodes within widgetSettingsMaxAgeMs). */
  forgetWidgetSettings(): void {
    this.widgetSettingsByKey.clear();
    this.widgetSettingsById.clear();
    // A read begun before the change is not shared with visitors who connect after it.
    this.widgetReads.clear();
  }

  /** An agent of these clients changed state on this node: their staffing is read afresh next time. */
  staffingChanged(clientIds: readonly string[]): void {
    for (const id of clientIds) this.staffingRead.delete(id);
  }

  /**
   * What the public widget may know about an inbox, by its key, and which sites may embed it. With
   * the settings and the staffing count both read lately on this node, no transaction at all.
   */
  async widgetInbox(widgetKey: string): Promise<{ clientId: string; inboxId: string; allowedOrigins: string[]; view: WidgetInboxView }> {
    const answer = (settings: WidgetSettings, staffing: ClientStaffing) => ({
      clientId: settings.client.id,
      inboxId: settings.inbox.id,
      allowedOrigins: settings.inbox.allowedOrigins,
      view: widgetInboxView(settings.client, settings.inbox, staffing),
    });
    const kept = this.keptWidgetSettings(this.widgetSettingsByKey.get(widgetKey));
    const staffing = kept && this.keptStaffing(kept.client.id);
    if (kept && staffing) return answer(kept, staffing);
    // One read per key at a time: when the kept count expires, the visitors connecting meanwhile (a
    // hundred a second at peak) wait for that read instead of each starting a transaction of its own.
    const inFlight = this.widgetReads.get(widgetKey);
    if (inFlight) return await inFlight;
    const read = this.tenants
      .run(SYSTEM_SCOPE, async (m) => {
        const settings = kept ?? (await this.readWidgetSettings(m, { widgetKey, channel: 'chat' }));
        if (!settings) throw TenancyException.unknownInbox();
        return answer(settings, await this.staffingIn(m, settings.client.id));
      })
      .finally(() => this.widgetReads.delete(widgetKey));
    this.widgetReads.set(widgetKey, read);
    return await read;
  }

  /** The widget view of a chat inbox, read in the caller's transaction (its scope must see the inbox's client): the chat intake decides live chat or an offline message by it. */
  async widgetInboxViewIn(m: EntityManager, inboxId: string): Promise<WidgetInboxView> {
    const settings = this.keptWidgetSettings(this.widgetSettingsById.get(inboxId)) ?? (await this.readWidgetSettings(m, { id: inboxId, channel: 'chat' }));
    if (!settings) throw TenancyException.unknownInbox();
    return widgetInboxView(settings.client, settings.inbox, await this.staffingIn(m, settings.client.id));
  }

  /** The public view of every widget inbox of a client, for live availability fan-out. */
  widgetInboxesOfClient(clientId: string): Promise<{ inboxId: string; view: WidgetInboxView }[]> {
    return this.tenants.run(SYSTEM_SCOPE, async (m) => {
      const client = await m.getRepository(ClientEntity).findOne({ where: { id: clientId } });
      if (!client) return [];
      const inboxes = await m.getRepository(InboxEntity).find({ where: { clientId, channel: 'chat' } });
      const staffing = await this.staffingIn(m, clientId);
      return inboxes.filter((inbox) => inbox.widgetKey).map((inbox) => ({ inboxId: inbox.id, view: widgetInboxView(client, inbox, staffing) }));
    });
  }

  /** Every origin some inbox lets embed its widget (the transport-level CORS check; each namespace checks its own). */
  async widgetOrigins(): Promise<string[]> {
    const rows = await this.tenants.run(SYSTEM_SCOPE, (m) => m.query<{ origin: string }[]>(`SELECT DISTINCT unnest(allowed_origins) AS origin FROM inboxes WHERE channel = 'chat'`));
    return rows.map((r) => r.origin);
  }

  /** A second-old count is as good for the widget as a fresh one; `fresh` reads it now (and keeps it). */
  private async staffingIn(m: EntityManager, clientId: string, { fresh = false } = {}): Promise<ClientStaffing> {
    const kept = fresh ? null : this.keptStaffing(clientId);
    if (kept) return kept;
    const [row] = await m.query<{ available: number; signed_in: number; rostered: number }[]>('SELECT * FROM client_staffing($1)', [clientId]);
    const staffing = { clientId, available: row.available, signedIn: row.signed_in, rostered: row.rostered };
    this.staffingRead.set(clientId, { at: Date.now(), staffing });
    return staffing;
  }

  private keptStaffing(clientId: string): ClientStaffing | null {
    const kept = this.staffingRead.get(clientId);
    return kept && Date.now() - kept.at < STAFFING_MAX_AGE_MS ? kept.staffing : null;
  }

  private keptWidgetSettings(kept: WidgetSettings | undefined): WidgetSettings | null {
    return kept && Date.now() - kept.at < this.config.widgetSettingsMaxAgeMs ? kept : null;
  }

  private async readWidgetSettings(m: EntityManager, where: { widgetKey: string; channel: 'chat' } | { id: string; channel: 'chat' }): Promise<WidgetSettings | null> {
    const inbox = await m.getRepository(InboxEntity).findOne({ where });
    if (!inbox) return null;
    const client = await m.getRepository(ClientEntity).findOneOrFail({ where: { id: inbox.clientId } });
    const settings = { inbox, client, at: Date.now() };
    if (this.config.widgetSettingsMaxAgeMs > 0) {
      this.widgetSettingsById.set(inbox.id, settings);
      if (inbox.widgetKey) this.widgetSettingsByKey.set(inbox.widgetKey, settings);
    }
    return settings;
  }

  private async findClient(m: EntityManager, scope: TenantScope, clientId: string): Promise<ClientEntity> {
    const client = scope.clientIds.includes(clientId) ? await m.getRepository(ClientEntity).findOne({ where: { id: clientId } }) : null;
    if (!client) throw new NotFoundException('Client');
    return client;
  }
}

function widgetInboxView(client: ClientEntity, inbox: InboxEntity, staffing: ClientStaffing, now = new Date()): WidgetInboxView {
  return widgetView(
    { clientName: client.name, brandColor: client.brandColor, inboxName: inbox.name, calendar: client.businessCalendar, timeZone: client.timeZone, settings: inbox.settings, availableAgents: staffing.available },
    now,
  );
}

function clientView(c: ClientEntity): ClientView {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    brandColor: c.brandColor,
    timeZone: c.timeZone,
    languages: c.languages,
    channels: c.channels,
    businessCalendar: c.businessCalendar,
    piiPolicy: c.piiPolicy,
  };
}

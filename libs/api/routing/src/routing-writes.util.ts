import type { EntityManager } from 'typeorm';

export interface TicketEventRow {
  clientId: string;
  ticketId: string;
  type: string;
  data: Record<string, unknown>;
  actorUserId?: string | null;
}

/** Appends many ticket events in one statement (a round may write thousands). */
export async function recordEventsInBulk(m: EntityManager, events: TicketEventRow[]): Promise<void> {
  if (events.length === 0) return;
  await m.query(
    `INSERT INTO ticket_events (client_id, ticket_id, type, actor_user_id, data)
     SELECT r.client_id, r.ticket_id, r.type, r.actor_user_id, r.data FROM jsonb_to_recordset($1) AS r(client_id uuid, ticket_id uuid, type text, actor_user_id uuid, data jsonb)`,
    [JSON.stringify(events.map((e) => ({ client_id: e.clientId, ticket_id: e.ticketId, type: e.type, actor_user_id: e.actorUserId ?? null, data: e.data })))],
  );
}

import type { AgentServerEvents, CustomerServerEvents, MessageView, QueueView, VisitorSession } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { acked, connected, emitAck, nextEvent } from './socket-events';
import { http, login, ownerQuery } from './test-app';

/** On shift around the clock (the second range runs past midnight). */
export const ALWAYS_ON_SHIFT = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '23:59' }, { start: '23:59', end: '00:00' }]]));

export interface WorldAgent {
  id: string;
  email: string;
  name: string;
}

const created: { clientId: string; slug: string }[] = [];

/** Removes every world this test file made (the database is shared by all suites). */
export async function destroyRoutingWorlds(): Promise<void> {
  for (const { clientId, slug } of created.splice(0)) {
    await ownerQuery(`DELETE FROM users WHERE email LIKE $1`, [`%.${slug}@switchboard.test`]);
    await ownerQuery('DELETE FROM audit_log WHERE client_id = $1', [clientId]);
    await ownerQuery('DELETE FROM clients WHERE id = $1', [clientId]);
  }
}

/**
 * A client of its own for a routing suite (so other suites' tickets and the demo agents never mix in):
 * a chat inbox, agents with chosen skills, languages and capacity, always on shift, and a lead.
 */
export async function createRoutingWorld(tag: string) {
  const slug = `rt-${tag}-${randomUUID().slice(0, 8)}`;
  const [client] = await ownerQuery<{ id: string }>(`INSERT INTO clients (slug, name, time_zone, languages, channels) VALUES ($1, $2, 'UTC', '{en,es}', '{chat,email,voice}') RETURNING id`, [slug, `Routing ${tag}`]);
  created.push({ clientId: client.id, slug });
  const widgetKey = `wk_${slug.replace(/-/g, '_')}`;
  const [inbox] = await ownerQuery<{ id: string }>(`INSERT INTO inboxes (client_id, channel, name, address, widget_key, settings) VALUES ($1, 'chat', 'Chat', $2, $3, '{"offlineMessages": false}') RETURNING id`, [client.id, `${slug}/chat`, widgetKey]);
  const [{ password_hash }] = await ownerQuery<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'agent1@switchboard.demo'`);
  for (const key of ['chat_support', 'email_support', 'rt_billing']) await ownerQuery('INSERT INTO skills (key, name) VALUES ($1, $1) ON CONFLICT (key) DO NOTHING', [key]);

  async function user(name: string, role: 'agent' | 'team_lead'): Promise<WorldAgent> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${slug}@switchboard.test`;
    const [row] = await ownerQuery<{ id: string }>(`INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`, [email, name, role, password_hash]);
    await ownerQuery('INSERT INTO staff_clients (user_id, client_id) VALUES ($1, $2)', [row.id, client.id]);
    return { id: row.id, email, name };
  }

  return {
    clientId: client.id,
    inboxId: inbox.id,
    widgetKey,
    lead: await user('Lena Lead', 'team_lead'),

    async agent(name: string, profile: { skills?: Record<string, number>; languages?: string[]; capacity?: Record<string, number> } = {}): Promise<WorldAgent> {
      const agent = await user(name, 'agent');
      await ownerQuery(`INSERT INTO agent_profiles (user_id, time_zone, languages, capacity, shift_schedule) VALUES ($1, 'UTC', $2, $3, $4)`, [
        agent.id,
        profile.languages ?? ['en'],
        profile.capacity ?? { voice: 1, chat: 3, email: 5, social: 3 },
        ALWAYS_ON_SHIFT,
      ]);
      await ownerQuery(`INSERT INTO agent_state_history (user_id, state, started_at) VALUES ($1, 'offline', now())`, [agent.id]);
      for (const [skill, proficiency] of Object.entries(profile.skills ?? {})) {
        await ownerQuery('INSERT INTO agent_skills (user_id, skill_id, proficiency) SELECT $1, id, $3 FROM skills WHERE key = $2', [agent.id, skill, proficiency]);
      }
      return agent;
    },

    /** Ends every open ticket of the world's client and its open offers, between tests. */
    async closeAll(): Promise<void> {
      await ownerQuery(`UPDATE tickets SET status = 'closed', closed_at = now(), transfer = NULL WHERE client_id = $1 AND status IN ('new', 'queued', 'assigned', 'pending')`, [client.id]);
      await ownerQuery(`UPDATE offers SET status = 'rescinded', decided_at = now(), reason = 'test cleanup' WHERE client_id = $1 AND status = 'pending'`, [client.id]);
    },
  };
}

export type RoutingWorld = Awaited<ReturnType<typeof createRoutingWorld>>;

/** Sockets and calls against one running API node. */
export function nodeClient(baseUrl: string, sockets: Socket[]) {
  function open<S extends Socket>(namespace: string, auth: Record<string, string>): S {
    const socket = io(`${baseUrl}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket as S;
  }

  return {
    /** Signs the agent in, connects their console and makes them available. */
    async online(agent: WorldAgent, state: { state: 'available' } | { state: 'away'; reason: string } = { state: 'available' }) {
      const { accessToken } = await login(baseUrl, agent.email);
      const socket = open<Socket<AgentServerEvents>>('/agent', { token: accessToken });
      await connected(socket);
      acked(await emitAck(socket, 'presence.set', state));
      return { ...agent, token: accessToken, socket };
    },

    async signIn(agent: WorldAgent) {
      const { accessToken } = await login(baseUrl, agent.email);
      return accessToken;
    },

    /** A widget visitor writes: a new chat ticket (or a follow-up on their open one). */
    async chat(widgetKey: string, body: string, visitorToken?: string) {
      const socket = open<Socket<CustomerServerEvents>>('/customer', visitorToken ? { inboxKey: widgetKey, visitorToken } : { inboxKey: widgetKey });
      const session = await nextEvent<VisitorSession>(socket, 'visitor.session');
      const message = acked(await emitAck<MessageView>(socket, 'message.send', { clientMsgId: randomUUID(), body }));
      return { socket, ticketId: message.ticketId, visitorToken: session.visitorToken };
    },

    async queue(adminToken: string, clientId: string, settings: Record<string, unknown>): Promise<QueueView> {
      const created = await http<QueueView>(baseUrl, 'POST', `/api/clients/${clientId}/queues`, { token: adminToken, body: settings });
      if (created.status !== 201) throw new Error(`queue not created: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body;
    },

    async route(adminToken: string, inboxId: string, routing: { defaultQueueId: string | null; rules?: unknown[] }): Promise<void> {
      const result = await http(baseUrl, 'PUT', `/api/inboxes/${inboxId}/routing`, { token: adminToken, body: { rules: [], ...routing } });
      if (result.status !== 200) throw new Error(`routing not set: ${result.status} ${JSON.stringify(result.body)}`);
    },
  };
}

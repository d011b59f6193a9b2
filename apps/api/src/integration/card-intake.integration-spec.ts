import type { Ack, MessageView, VisitorSession } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
// The corpus is a test fixture of the domain library, shared with its unit spec.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { generateCardCorpus, type CorpusLine } from '../../../../libs/shared/domain/src/card-corpus.spec-fixtures';
import { createRoutingWorld, destroyRoutingWorlds, type RoutingWorld } from '../testing/routing-world';
import { connected, emitAck, nextEvent } from '../testing/socket-events';
import { http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

jest.setTimeout(300_000);

/** One line of each format, several of each kind of security code, some split across two messages. */
function sample(): CorpusLine[] {
  const corpus = generateCardCorpus(10_000).filter((l) => l.format !== 'not a card');
  const chosen: CorpusLine[] = [];
  const perFormat = new Map<string, number>();
  for (const line of corpus) {
    const n = perFormat.get(line.format) ?? 0;
    if (n >= (line.format === 'split across two messages' ? 12 : 6)) continue;
    perFormat.set(line.format, n + 1);
    chosen.push(line);
  }
  return chosen;
}

/**
 * Card numbers through the real chat intake: a visitor types corpus lines in the widget (cards in
 * every format, codes named and unnamed, cards split across two messages); nothing Luhn-valid or any
 * code reaches PostgreSQL (any table of the client), the lead's and the visitor's sockets, the HTTP
 * timeline, or the logs (at trace level).
 */
describe('card data through the chat intake', () => {
  let t: TestApp;
  let world: RoutingWorld;
  const logs: string[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'trace', SOCKET_RATE_LIMIT_PER_MINUTE: '10000' }, { logDestination: { write: (line: string) => void logs.push(line) } });
    world = await createRoutingWorld('cards');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await destroyRoutingWorlds();
    await t.close();
  });

  it('masks every card number and code before the database, the sockets, the API and the logs', async () => {
    const lines = sample();
    const lead = await login(t.url, world.lead.email);
    const staff = io(`${t.url}/agent`, { auth: { token: lead.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    const visitor = io(`${t.url}/customer`, { auth: { inboxKey: world.widgetKey }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(staff, visitor);
    const seen: string[] = [];
    staff.onAny((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
    visitor.onAny((event, payload) => seen.push(`${event} ${JSON.stringify(payload)}`));
    await Promise.all([connected(staff), nextEvent<VisitorSession>(visitor, 'visitor.session')]);

    let ticketId: string | null = null;
    const send = async (body: string) => {
      const ack = await emitAck<MessageView>(visitor, 'message.send', { clientMsgId: randomUUID(), body });
      if (!ack.ok) throw new Error(`${ack.error.code}: ${ack.error.message}`);
      seen.push(`ack ${JSON.stringify(ack)}`);
      if (!ticketId) {
        ticketId = ack.data.ticketId;
        const watched: Ack<unknown> = await emitAck(staff, 'ticket.watch', { ticketId });
        expect(watched.ok).toBe(true);
      }
    };
    for (const line of lines) {
      // A split card's halves go one after the other, as typed (the first is blanked at once, or
      // re-masked when the second arrives and announced with message.updated).
      for (const message of line.messages) await send(message);
    }
    // The lead's last message.created has arrived once the timeline holds every line.
    const timeline = await http<{ items: MessageView[] }>(t.url, 'GET', `/api/tickets/${ticketId}/messages?limit=100`, { token: lead.accessToken });
    expect(timeline.status).toBe(200);
    seen.push(JSON.stringify(timeline.body));

    const rows = await ownerQuery<{ t: string }>(
      `SELECT row_to_json(m)::text AS t FROM messages m WHERE m.client_id = $1
       UNION ALL SELECT row_to_json(e)::text FROM ticket_events e WHERE e.client_id = $1
       UNION ALL SELECT row_to_json(k)::text FROM tickets k WHERE k.client_id = $1
       UNION ALL SELECT row_to_json(c)::text FROM contacts c WHERE c.client_id = $1
       UNION ALL SELECT row_to_json(a)::text FROM audit_log a WHERE a.client_id = $1`,
      [world.clientId],
    );
    const stored = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE client_id = $1 AND direction = 'inbound'`, [world.clientId]);
    expect(stored[0].n).toBe(lines.reduce((n, l) => n + l.messages.length, 0));

    const places = { database: rows.map((r) => r.t).join('\n'), sockets: seen.join('\n'), logs: logs.join('') };
    const digitsOnly = (text: string) => text.replace(/\D/g, '');
    const found: string[] = [];
    for (const line of lines) {
      for (const [place, text] of Object.entries(places)) {
        for (const pan of line.pans) if (digitsOnly(text).includes(pan.slice(0, -4))) found.push(`${place}: card ${pan} (${line.format})`);
        for (const cvv of line.cvvs) {
          // The code must not stand beside the card's visible last four anywhere.
          const lastFour = line.pans[0].slice(-4);
          if (new RegExp(`${lastFour}[^\\d]{0,40}(?<!\\d)${cvv}(?!\\d)`).test(text)) found.push(`${place}: code ${cvv} next to …${lastFour} (${line.format})`);
        }
      }
    }
    console.log(`card intake: ${lines.length} corpus lines (${lines.filter((l) => l.messages.length === 2).length} split in two, ${lines.filter((l) => l.cvvs.length).length} with a code) through the widget; ${rows.length} rows, ${seen.length} socket payloads, ${logs.length} log lines checked; ${found.length} found`);
    expect(logs.length).toBeGreaterThan(lines.length);
    expect(found).toEqual([]);
  });
});

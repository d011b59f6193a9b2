import type { AppConfig } from '@switchboard/api-platform';
import type { TenantDatabase } from '@switchboard/api-database';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { AgentRoster, Roster, RosterEntry } from './agent-roster.service';
import { ReadyAgents } from './ready-agents.snapshot';

/** A roster whose reads finish when the test says so, each with the agents ready at that moment. */
class HeldRoster {
  readonly pending: { finish: (ready: RosterEntry[]) => void }[] = [];
  read(): Promise<Roster> {
    return new Promise((resolve) => this.pending.push({ finish: (ready) => resolve({ ready, unavailableByClient: new Map() }) }));
  }
}

function entry(id: string): RosterEntry {
  const facts = { id, name: id, timeZone: 'UTC', schedule: [], clientIds: ['c'], teamIds: [], languages: ['en'], skills: {}, capacity: { voice: 1, chat: 3, email: 5, social: 3 }, role: 'agent', active: true };
  return { facts: facts as unknown as RosterEntry['facts'], version: '1', state: 'available', ready: true, connected: true, idleSince: new Date(0) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadyAgents', () => {
  // Occupancy and recent offers: nobody holds anything.
  const m = { query: async () => [] } as unknown as EntityManager;
  const tenants = { run: (_scope: unknown, work: (m: EntityManager) => Promise<unknown>) => work(m) } as unknown as TenantDatabase;
  const config = { routing: { agentsMaxAgeMs: 600_000, fairnessWindowSeconds: 60 } } as AppConfig;
  const logger = { child: () => ({ warn: () => undefined }) } as unknown as Logger;
  const ids = (view: { agents: { id: string }[] }) => view.agents.map((agent) => agent.id);

  it('keeps a picture for its age', async () => {
    const roster = new HeldRoster();
    const ready = new ReadyAgents(roster as unknown as AgentRoster, tenants, config, logger);
    const first = ready.read(m);
    roster.pending[0].finish([entry('ivy')]);
    expect(ids(await first)).toEqual(['ivy']);
    expect(ids(await ready.read(m))).toEqual(['ivy']);
    expect(roster.pending).toHaveLength(1);
  });

  it('reads again after an agent became ready while the picture was being read', async () => {
    const roster = new HeldRoster();
    const ready = new ReadyAgents(roster as unknown as AgentRoster, tenants, config, logger);
    const first = ready.read(m);
    // Ivy goes available while the read is on its way; the read may have missed her.
    ready.onAgentStatusChanged();
    roster.pending[0].finish([]);
    expect(ids(await first)).toEqual([]);

    // The next round plans with that picture and reads a fresh one beside it.
    expect(ids(await ready.read(m))).toEqual([]);
    expect(roster.pending).toHaveLength(2);
    roster.pending[1].finish([entry('ivy')]);
    await tick();
    expect(ids(await ready.read(m))).toEqual(['ivy']);
    expect(roster.pending).toHaveLength(2);
  });
});

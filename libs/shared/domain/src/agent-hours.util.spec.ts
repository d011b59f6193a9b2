import type { AgentState, StateReason } from '@switchboard/shared-contracts';
import { agentSecondsByClient, isPaidPresence, type AgentHoursInput, type PresenceStretch, type WorkStretch } from './agent-hours.util';

const T0 = Date.parse('2026-11-02T08:00:00.000Z');
/** An instant `min` minutes after 08:00 UTC. */
const t = (min: number) => new Date(T0 + min * 60_000).toISOString();
const state = (agentId: string, s: AgentState, startMin: number, endMin: number | null, reason: StateReason | null = null): PresenceStretch => ({ agentId, state: s, reason, start: t(startMin), end: endMin === null ? null : t(endMin) });
const work = (agentId: string, clientId: string, ticketId: string, startMin: number, endMin: number): WorkStretch => ({ agentId, clientId, ticketId, start: t(startMin), end: t(endMin) });
const minutes = (totals: Map<string, number>) => Object.fromEntries([...totals].map(([client, seconds]) => [client, seconds / 60]));
const input = (over: Partial<AgentHoursInput>): AgentHoursInput => ({
  window: { from: t(0), to: t(24 * 60) },
  asOf: t(48 * 60),
  presence: [],
  work: [],
  servedClients: new Map([
    ['ann', ['X']],
    ['bo', ['X', 'Y']],
  ]),
  ...over,
});

describe('isPaidPresence', () => {
  it.each([
    ['available', null, true],
    ['away', 'after_call_work', true],
    ['away', 'meeting', true],
    ['away', 'training', true],
    ['away', 'break', false],
    ['away', 'lunch', false],
    ['away', 'disconnected', false],
    ['away', 'not_responding', false],
    ['offline', null, false],
  ] as const)('%s (%s) → %s', (s, reason, paid) => {
    expect(isPaidPresence(s, reason)).toBe(paid);
  });
});

describe('agentSecondsByClient', () => {
  it.each<[string, Partial<AgentHoursInput>, Record<string, number>]>([
    [
      // 08:00–12:00 available, 12:00–12:30 lunch, 12:30–13:00 training, 13:00–14:00 break, then offline: 4 h + 30 min.
      'one agent of one client: available and paid away reasons count, lunch, break and offline do not',
      { presence: [state('ann', 'available', 0, 240), state('ann', 'away', 240, 270, 'lunch'), state('ann', 'away', 270, 300, 'training'), state('ann', 'away', 300, 360, 'break'), state('ann', 'offline', 360, null)] },
      { X: 270 },
    ],
    [
      // Bo: available 08:00–10:00. X's chat 08:00–08:30, Y's call 09:00–09:20 → X 30 + Y 20; the idle 70 min half each.
      'an agent serving two clients: work time to the ticket’s client, idle time split equally',
      { presence: [state('bo', 'available', 0, 120), state('bo', 'offline', 120, null)], work: [work('bo', 'X', 'x1', 0, 30), work('bo', 'Y', 'y1', 60, 80)] },
      { X: 30 + 35, Y: 20 + 35 },
    ],
    [
      // Two chats at once 08:00–08:20 (one X, one Y): 10 min each; X's alone 08:20–08:40: 20; idle 08:40–09:00: 10 each.
      'concurrent tickets of two clients share the moment per ticket held',
      { presence: [state('bo', 'available', 0, 60)], work: [work('bo', 'X', 'x1', 0, 40), work('bo', 'Y', 'y1', 0, 20)] },
      { X: 10 + 20 + 10, Y: 10 + 10 },
    ],
    [
      // Y's chat held through a break (08:30–08:45) is not paid in the break.
      'work during an unpaid state bills nothing',
      { presence: [state('bo', 'available', 0, 30), state('bo', 'away', 30, 45, 'break'), state('bo', 'available', 45, 60)], work: [work('bo', 'Y', 'y1', 0, 60)] },
      { Y: 45 },
    ],
    [
      // Available from 22:00 the day before until 10:00, and again from 23:00, still open at 23:30: the window's start and asOf cut them.
      'stretches are cut at the window and an open one at asOf',
      { asOf: t(930), presence: [state('ann', 'available', -600, 120), state('ann', 'offline', 120, 900), state('ann', 'available', 900, null)] },
      { X: 120 + 30 },
    ],
    ['nobody signed in: nothing', { presence: [state('ann', 'offline', 0, null)] }, {}],
  ])('%s', (_case, over, expected) => {
    expect(minutes(agentSecondsByClient(input(over)))).toEqual(expected);
  });
});

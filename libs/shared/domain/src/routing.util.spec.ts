import type { Channel, OverflowRing, SkillRequirement } from '@switchboard/shared-contracts';
import { DEFAULT_QUEUE_SETTINGS } from './queue-config.util';
import {
  DEFAULT_CAPACITY,
  TRACE_CANDIDATE_LIMIT,
  assessAgent,
  bestSkillFit,
  channelWeight,
  chooseAgent,
  chooseQueue,
  compareCandidates,
  fitsCapacity,
  isAsyncWork,
  isReturnDue,
  occupancyOf,
  planOffers,
  requirementAt,
  serviceLevel,
  ticketScore,
  type ChannelCapacity,
  type Requirement,
  type RoutedQueue,
  type RoutingAgent,
  type WaitingTicket,
} from './routing.util';
import type { WeeklySchedule } from './shift-schedule.util';

// Monday 23 Nov 2026, 14:00 UTC: 09:00 in Bogotá, 22:00 in Manila.
const NOW = new Date('2026-11-23T14:00:00Z');
const ago = (seconds: number, from = NOW) => new Date(from.getTime() - seconds * 1000);
const later = (seconds: number, from = NOW) => new Date(from.getTime() + seconds * 1000);
const ALL_DAY = [{ start: '00:00', end: '23:59' }];
const ALWAYS: WeeklySchedule = { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY };
const NINE_TO_FIVE: WeeklySchedule = { mon: [{ start: '09:00', end: '17:00' }] };

const agent = (id: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  id,
  name: id[0].toUpperCase() + id.slice(1),
  state: 'available',
  connected: true,
  timeZone: 'UTC',
  schedule: ALWAYS,
  clientIds: ['acme'],
  teamIds: [],
  languages: ['en'],
  skills: {},
  capacity: { ...DEFAULT_CAPACITY },
  occupancy: 0,
  recentOffers: 0,
  idleSince: ago(60),
  ...over,
});
const ticket = (over: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id: 't1',
  clientId: 'acme',
  queueId: 'q1',
  channel: 'chat',
  language: 'en',
  priority: 3,
  queuedAt: NOW,
  slaDueAt: null,
  lastAgentId: null,
  transfer: null,
  declinedBy: new Set<string>(),
  ...over,
});
const queue = (over: Partial<RoutedQueue> = {}): RoutedQueue => ({
  id: 'q1',
  name: 'Support',
  requiredSkills: DEFAULT_QUEUE_SETTINGS.requiredSkills,
  secondarySkills: DEFAULT_QUEUE_SETTINGS.secondarySkills,
  language: DEFAULT_QUEUE_SETTINGS.language,
  teamIds: DEFAULT_QUEUE_SETTINGS.teamIds,
  overflow: DEFAULT_QUEUE_SETTINGS.overflow,
  ordering: DEFAULT_QUEUE_SETTINGS.ordering,
  slaSeconds: DEFAULT_QUEUE_SETTINGS.slaSeconds,
  stickySeconds: 120,
  ...over,
});
const need = (skill: string, minProficiency: number): SkillRequirement => ({ skill, minProficiency });
const requirement = (over: Partial<Requirement> = {}): Requirement => ({ ring: 0, skillSets: [[]], language: null, teamIds: null, ...over });
/** A ticket that has waited `seconds` by NOW, with its answer target `slaSeconds` after it queued. */
const waited = (seconds: number, over: Partial<WaitingTicket> = {}, slaSeconds = 60): WaitingTicket =>
  ticket({ queuedAt: ago(seconds), slaDueAt: later(slaSeconds, ago(seconds)), ...over });
const reasons = (excluded: { reason: string }[]) => excluded.map((e) => e.reason);
const route = (t: WaitingTicket, q: RoutedQueue | null, agents: RoutingAgent[], now = NOW) => chooseAgent(t, q, agents, now);
const chosen = (t: WaitingTicket, q: RoutedQueue | null, agents: RoutingAgent[], now = NOW) => route(t, q, agents, now).plan?.agentId ?? null;

describe('channelWeight', () => {
  it.each([
    ['a chat of three takes a third', { chat: 3 }, 'chat', 1 / 3],
    ['an email of five takes a fifth', { email: 5 }, 'email', 0.2],
    ['a call takes the whole agent', { voice: 1 }, 'voice', 1],
    ['a call takes the whole agent even when voice capacity is (wrongly) set to 2', { voice: 2 }, 'voice', 1],
    ['a channel set to 0 cannot be taken', { chat: 0 }, 'chat', Infinity],
    ['a channel left out cannot be taken', { chat: 3 }, 'email', Infinity],
    ['a negative capacity cannot be taken', { social: -1 }, 'social', Infinity],
  ] as [string, ChannelCapacity, Channel, number][])('%s', (_why, capacity, channel, expected) => {
    expect(channelWeight(capacity, channel)).toBeCloseTo(expected, 9);
  });
});

describe('occupancyOf', () => {
  it.each([
    ['nothing held', {}, 0],
    ['one chat', { chat: 1 }, 1 / 3],
    ['three chats: full', { chat: 3 }, 1],
    ['a call: full', { voice: 1 }, 1],
    ['one chat and two emails', { chat: 1, email: 2 }, 1 / 3 + 0.4],
    ['zero counts of a channel the agent does not take', { voice: 0, chat: 1 }, 1 / 3],
  ] as [string, Partial<Record<Channel, number>>, number][])('%s', (_why, held, expected) => {
    expect(occupancyOf(DEFAULT_CAPACITY, held)).toBeCloseTo(expected, 9);
  });

  it('counts a ticket of a channel the agent has no capacity for (a lead assigned it) as a full agent, not Infinity', () => {
    const occupancy = occupancyOf({ chat: 3, email: 0 }, { email: 1 });
    expect(occupancy).toBe(1);
    expect(JSON.parse(JSON.stringify({ occupancy }))).toEqual({ occupancy: 1 });
  });
});

describe('fitsCapacity (default capacity: 1 call, 3 chats, 5 emails, 3 social)', () => {
  it.each([
    ['a call needs the agent free: idle', {}, 'voice', true],
    ['a call needs the agent free: one chat open', { chat: 1 }, 'voice', false],
    ['a call needs the agent free: one email open', { email: 1 }, 'voice', false],
    ['nothing fits beside a call', { voice: 1 }, 'chat', false],
    ['no email beside a call either', { voice: 1 }, 'email', false],
    ['a third chat fits', { chat: 2 }, 'chat', true],
    ['a fourth chat does not', { chat: 3 }, 'chat', false],
    ['a fifth email fits', { email: 4 }, 'email', true],
    ['a sixth email does not', { email: 5 }, 'email', false],
    ['mixed: a chat and two emails leave room for one more email', { chat: 1, email: 2 }, 'email', true],
    ['mixed: …but not for a chat', { chat: 1, email: 2 }, 'chat', false],
    ['mixed: a chat and three emails are full for email', { chat: 1, email: 3 }, 'email', false],
    ['mixed: two chats leave room for one social message', { chat: 2 }, 'social', true],
  ] as [string, Partial<Record<Channel, number>>, Channel, boolean][])('%s', (_why, held, channel, expected) => {
    expect(fitsCapacity(DEFAULT_CAPACITY, occupancyOf(DEFAULT_CAPACITY, held), channel)).toBe(expected);
  });

  it('never fits a channel the agent does not take, even when idle', () => {
    expect(fitsCapacity({ voice: 1, chat: 0 }, 0, 'chat')).toBe(false);
  });
});

describe('ticketScore', () => {
  const q = queue(); // priority 10 per step, 1 per minute, 5 at the breach; answer target 60 s

  it('adds priority, minutes waited and closeness to the breach, and shows each part', () => {
    // high priority (2 steps above low), queued 5 min ago, due in 30 s of a 60 s target
    const facts = { priority: 2, queuedAt: ago(300), slaDueAt: later(30) };
    expect(ticketScore(facts, q, NOW)).toEqual({ total: 27.5, priority: 20, wait: 5, sla: 2.5 });
  });

  it.each([
    ['just arrived', 0, 0],
    ['half-way to the breach', 30, 2.5],
    ['at the breach', 60, 5],
    ['long past the breach: held at the top', 3600, 5],
  ])('SLA points: %s', (_why, seconds, sla) => {
    expect(ticketScore({ priority: 4, queuedAt: ago(seconds), slaDueAt: later(60, ago(seconds)) }, q, NOW).sla).toBe(sla);
  });

  it.each([
    ['urgent', 1, 30],
    ['high', 2, 20],
    ['normal', 3, 10],
    ['low', 4, 0],
    ['below 1 counts as urgent', 0, 30],
    ['above 4 counts as low', 9, 0],
  ])('priority points: %s', (_why, priority, points) => {
    expect(ticketScore({ priority, queuedAt: NOW, slaDueAt: null }, q, NOW).priority).toBe(points);
  });

  it('gives no SLA points without a target', () => {
    expect(ticketScore({ priority: 4, queuedAt: ago(600), slaDueAt: null }, q, NOW)).toEqual({ total: 10, priority: 0, wait: 10, sla: 0 });
  });

  it('does not count a queue time in the future (clock skew) as negative wait', () => {
    expect(ticketScore({ priority: 4, queuedAt: later(120), slaDueAt: null }, q, NOW).wait).toBe(0);
  });

  it('an urgent ticket that arrived later outranks a normal one already waiting', () => {
    const normal = ticketScore({ priority: 3, queuedAt: ago(180), slaDueAt: later(60, ago(180)) }, q, NOW);
    const urgent = ticketScore({ priority: 1, queuedAt: ago(10), slaDueAt: later(50) }, q, NOW);
    expect(urgent.total).toBeGreaterThan(normal.total);
  });

  // No starvation: the wait term grows without bound, so a low ticket overtakes a fresh urgent one
  // after (3 steps × priorityWeight − slaWeight) / waitWeight minutes (its SLA long breached).
  it.each([
    ['the default weights', DEFAULT_QUEUE_SETTINGS.ordering, 25],
    ['a queue trading one priority step for 5 minutes', { priorityWeight: 5, waitWeight: 1, slaWeight: 5 }, 10],
    ['the slowest wait weight allowed', { priorityWeight: 10, waitWeight: 0.01, slaWeight: 0 }, 3000],
  ])('with %s, a low-priority ticket outranks a fresh urgent one after %d minutes', (_why, ordering, minutes) => {
    const sq = queue({ ordering });
    const freshUrgent = ticketScore({ priority: 1, queuedAt: NOW, slaDueAt: later(60) }, sq, NOW).total;
    const lowAfter = (m: number) => ticketScore({ priority: 4, queuedAt: ago(m * 60), slaDueAt: later(60, ago(m * 60)) }, sq, NOW).total;
    expect(lowAfter(minutes - 1)).toBeLessThan(freshUrgent);
    expect(lowAfter(minutes + 1)).toBeGreaterThan(freshUrgent);
  });
});

describe('requirementAt', () => {
  const rings: OverflowRing[] = [
    // listed out of order on purpose: rings open by their wait, not their position
    { afterSeconds: 300, widen: 'teams', teamIds: ['team-night'] },
    { afterSeconds: 60, widen: 'secondary_skills' },
    { afterSeconds: 120, widen: 'any_language' },
  ];
  const q = { requiredSkills: [need('claims', 3)], secondarySkills: [need('billing', 2)], language: 'es', teamIds: ['team-day'], overflow: rings };

  it.each([
    [0, 0, [[need('claims', 3)]], 'es', ['team-day']],
    [59, 0, [[need('claims', 3)]], 'es', ['team-day']],
    [60, 1, [[need('claims', 3)], [need('billing', 2)]], 'es', ['team-day']],
    [119, 1, [[need('claims', 3)], [need('billing', 2)]], 'es', ['team-day']],
    [120, 2, [[need('claims', 3)], [need('billing', 2)]], null, ['team-day']],
    [300, 3, [[need('claims', 3)], [need('billing', 2)]], null, ['team-day', 'team-night']],
    [86_400, 3, [[need('claims', 3)], [need('billing', 2)]], null, ['team-day', 'team-night']],
  ])('after %i s waiting: ring %i', (seconds, ring, skillSets, language, teamIds) => {
    expect(requirementAt(q, 'en', seconds)).toEqual({ ring, skillSets, language, teamIds });
  });

  it.each([
    ['the queue’s language wins over the ticket’s', 'pt', 'fr', 'pt'],
    ['no queue language: the ticket’s detected language', null, 'fr', 'fr'],
    ['neither: any language', null, null, null],
  ])('%s', (_why, queueLanguage, ticketLanguage, expected) => {
    expect(requirementAt({ ...q, language: queueLanguage, overflow: [] }, ticketLanguage, 0).language).toBe(expected);
  });

  it('a teams ring on a queue open to every team leaves it open to every team', () => {
    expect(requirementAt({ ...q, teamIds: [] }, null, 600).teamIds).toBeNull();
  });

  it('a secondary-skills ring with no secondary skills counts as a ring but asks the same skills', () => {
    expect(requirementAt({ ...q, secondarySkills: [] }, null, 60)).toMatchObject({ ring: 1, skillSets: [[need('claims', 3)]] });
  });

  it('a queue asking no skills accepts any agent (one empty set)', () => {
    expect(requirementAt({ ...q, requiredSkills: [], secondarySkills: [] }, null, 0).skillSets).toEqual([[]]);
  });
});

describe('bestSkillFit', () => {
  const skills = { claims: 4, billing: 2, returns: 5 };
  it.each([
    ['no skills asked (one empty set)', [[]], 0],
    ['no skill sets at all: nothing asked', [], 0],
    ['one skill held above the minimum: its level', [[need('claims', 3)]], 4],
    ['two skills: their mean', [[need('claims', 3), need('returns', 1)]], 4.5],
    ['exactly at the minimum', [[need('billing', 2)]], 2],
    ['one level below the minimum', [[need('billing', 3)]], null],
    ['a skill not held', [[need('spanish_legal', 1)]], null],
    ['one of two skills missing', [[need('claims', 1), need('spanish_legal', 1)]], null],
    ['primary set fails, secondary set holds', [[need('billing', 4)], [need('returns', 3)]], 5],
    ['both sets hold: the better fit', [[need('billing', 1)], [need('returns', 3)]], 5],
  ] as [string, SkillRequirement[][], number | null][])('%s', (_why, sets, expected) => {
    expect(bestSkillFit(skills, sets)).toBe(expected);
  });
});

describe('assessAgent', () => {
  const billing = requirement({ skillSets: [[need('billing', 3)]], language: 'es', teamIds: ['team-a'] });
  const able = (over: Partial<RoutingAgent> = {}) => agent('ana', { skills: { billing: 4 }, languages: ['en', 'es'], teamIds: ['team-a'], ...over });

  it.each([
    ['an agent who matches everything', able(), ticket(), true, []],
    ['away', able({ state: 'away' }), ticket(), true, ['not_available']],
    ['offline', able({ state: 'offline', connected: false }), ticket(), true, ['not_available']],
    ['available but disconnected', able({ connected: false }), ticket(), true, ['disconnected']],
    ['off shift', able(), ticket(), false, ['off_shift']],
    ['working for another client only', able({ clientIds: ['globex'] }), ticket(), true, ['not_serving_client']],
    ['taking no chats', able({ capacity: { voice: 1, email: 5 } }), ticket(), true, ['no_channel_capacity']],
    ['with three chats open', able({ occupancy: 1 }), ticket(), true, ['at_capacity']],
    ['with one chat open, for a call', able({ occupancy: 1 / 3 }), ticket({ channel: 'voice' }), true, ['at_capacity']],
    ['who rejected this ticket a moment ago', able(), ticket({ declinedBy: new Set(['ana']) }), true, ['declined_recently']],
    ['billing below the minimum', able({ skills: { billing: 2 } }), ticket(), true, ['missing_skill']],
    ['no billing at all', able({ skills: { claims: 5 } }), ticket(), true, ['missing_skill']],
    ['no Spanish', able({ languages: ['en'] }), ticket(), true, ['language']],
    ['in another team', able({ teamIds: ['team-b'] }), ticket(), true, ['not_in_team']],
    ['handing this ticket over', able(), ticket({ transfer: { target: { kind: 'queue', queueId: 'q1' }, warm: false, fromAgentId: 'ana' } }), true, ['transfer_source']],
    ['not the colleague a transfer names', able(), ticket({ transfer: { target: { kind: 'agent', agentId: 'bo' }, warm: true, fromAgentId: 'cy' } }), true, ['not_transfer_target']],
    ['not in the team a transfer names', able(), ticket({ transfer: { target: { kind: 'team', teamId: 'team-z' }, warm: false, fromAgentId: 'cy' } }), true, ['not_transfer_target']],
    [
      'wrong on every count: every reason is listed',
      able({ state: 'away', clientIds: ['globex'], skills: {}, languages: ['en'], teamIds: [], capacity: { voice: 1 } }),
      ticket({ declinedBy: new Set(['ana']) }),
      false,
      ['not_available', 'off_shift', 'not_serving_client', 'no_channel_capacity', 'declined_recently', 'missing_skill', 'language', 'not_in_team'],
    ],
  ] as [string, RoutingAgent, WaitingTicket, boolean, string[]][])('%s', (_why, a, t, onShift, expected) => {
    const result = assessAgent(a, t, billing, NOW, onShift);
    expect(reasons(result.excluded)).toEqual(expected);
    expect(result.eligible).toBe(expected.length === 0);
  });

  it('explains what is missing in words a lead can read', () => {
    const result = assessAgent(able({ skills: {}, state: 'away', occupancy: 1, languages: [] }), ticket(), requirement({ skillSets: [[need('billing', 3), need('claims', 2)], [need('returns', 4)]], language: 'es' }), NOW, true);
    expect(result.excluded).toEqual([
      { reason: 'not_available', detail: 'away' },
      { reason: 'at_capacity', detail: '100%' },
      { reason: 'missing_skill', detail: 'billing≥3 + claims≥2 or returns≥4' },
      { reason: 'language', detail: 'es' },
    ]);
  });

  it('reports the skill fit of an eligible agent', () => {
    expect(assessAgent(able({ skills: { billing: 5 } }), ticket(), billing, NOW, true)).toEqual({ eligible: true, excluded: [], skillFit: 5 });
  });

  it('asks nothing of skills, language or team without a requirement (a directed transfer)', () => {
    expect(assessAgent(agent('bo', { languages: [] }), ticket(), null, NOW, true)).toEqual({ eligible: true, excluded: [], skillFit: 0 });
  });

  it.each([
    ['Manila', 'Asia/Manila', '2026-11-23T01:00:00Z', true],
    ['Bogotá, where it is still Sunday evening', 'America/Bogota', '2026-11-23T01:00:00Z', false],
    ['Bogotá, Monday 09:00', 'America/Bogota', '2026-11-23T14:00:00Z', true],
    ['Manila, Monday 22:00', 'Asia/Manila', '2026-11-23T14:00:00Z', false],
  ])('on shift by default is read in the agent’s own zone: 09:00–17:00 Monday in %s', (_why, timeZone, iso, expected) => {
    const result = assessAgent(agent('ana', { timeZone, schedule: NINE_TO_FIVE }), ticket(), null, new Date(iso));
    expect(reasons(result.excluded)).toEqual(expected ? [] : ['off_shift']);
  });
});

describe('compareCandidates', () => {
  const ranked = (id: string, skillFit: number, over: Partial<RoutingAgent> = {}) => ({ agent: agent(id, over), skillFit });
  it.each([
    ['the better skill fit, even when busier', ranked('ana', 5, { occupancy: 2 / 3 }), ranked('bo', 4)],
    ['same fit: the less occupied', ranked('bo', 4, { occupancy: 1 / 3 }), ranked('ana', 4, { occupancy: 2 / 3 })],
    ['same fit and load: fewer offers in the fairness window', ranked('bo', 4, { recentOffers: 1 }), ranked('ana', 4, { recentOffers: 3 })],
    ['same load up to float noise (0.1 + 0.2 vs 0.3): fairness decides', ranked('bo', 4, { occupancy: 0.1 + 0.2, recentOffers: 0 }), ranked('ana', 4, { occupancy: 0.3, recentOffers: 1 })],
    ['all else equal: the longest idle', ranked('bo', 4, { idleSince: ago(900) }), ranked('ana', 4, { idleSince: ago(30) })],
    ['fewer offers beats longer idle', ranked('bo', 4, { recentOffers: 0, idleSince: ago(10) }), ranked('ana', 4, { recentOffers: 1, idleSince: ago(3600) })],
    ['a perfect tie: by id, so every node decides alike', ranked('ana', 4), ranked('bo', 4)],
  ])('%s goes first', (_why, first, second) => {
    expect(compareCandidates(first, second)).toBeLessThan(0);
    expect(compareCandidates(second, first)).toBeGreaterThan(0);
    expect([second, first].sort(compareCandidates)[0]).toBe(first);
  });
});

describe('chooseAgent', () => {
  describe('agent choice', () => {
    const claims = queue({ requiredSkills: [need('claims', 2)] });
    it.each([
      ['the best skill fit', [agent('ana', { skills: { claims: 3 } }), agent('bo', { skills: { claims: 5 }, occupancy: 2 / 3 })], 'bo', 'skill_fit'],
      ['then the least occupied', [agent('ana', { skills: { claims: 4 }, occupancy: 1 / 3 }), agent('bo', { skills: { claims: 4 } })], 'bo', 'occupancy'],
      ['then the fewest recent offers', [agent('ana', { skills: { claims: 4 }, recentOffers: 4 }), agent('bo', { skills: { claims: 4 }, recentOffers: 2 })], 'bo', 'fairness'],
      ['then the longest idle', [agent('ana', { skills: { claims: 4 }, idleSince: ago(60) }), agent('bo', { skills: { claims: 4 }, idleSince: ago(600) })], 'bo', 'idle'],
      ['the only one who can', [agent('ana', { skills: { claims: 1 } }), agent('bo', { skills: { claims: 2 } })], 'bo', 'only_candidate'],
    ])('%s', (_why, agents, expected, decidedBy) => {
      const { plan, waitingFor } = route(ticket(), claims, agents);
      expect(waitingFor).toBeNull();
      expect(plan?.agentId).toBe(expected);
      expect(plan?.trace.decidedBy).toBe(decidedBy);
    });

    it('waits when nobody can take the ticket', () => {
      expect(route(ticket(), claims, [agent('ana'), agent('bo', { state: 'away' })])).toEqual({ plan: null, waitingFor: 'no_eligible_agent' });
      expect(route(ticket(), claims, [])).toEqual({ plan: null, waitingFor: 'no_eligible_agent' });
    });
  });

  describe('the "why this agent" trace', () => {
    const q = queue({ requiredSkills: [need('claims', 3)], language: 'es' });
    const agents = [
      agent('ana', { state: 'away', skills: { claims: 5 }, languages: ['es'] }),
      agent('bo', { skills: { claims: 3 }, languages: ['es'], occupancy: 1 / 3, recentOffers: 2, idleSince: ago(45) }),
      agent('cy', { skills: { claims: 4 }, languages: ['en'] }),
      agent('dee', { skills: { claims: 5 }, languages: ['es'], idleSince: ago(300) }),
      agent('eli', { skills: { claims: 1 }, languages: ['en'] }),
    ];
    const t = waited(90, { id: 't9', priority: 2, language: 'es' });
    const trace = chooseAgent(t, q, agents, NOW, { unavailableCount: 7 }).plan!.trace;

    it('names the chosen agent and lists the ranked agents first, chosen at rank 1', () => {
      expect(trace.chosenAgentId).toBe('dee');
      expect(trace.decidedBy).toBe('skill_fit');
      expect(trace.candidates.map((c) => [c.agentId, c.rank, c.eligible])).toEqual([
        ['dee', 1, true],
        ['bo', 2, true],
        ['ana', null, false],
        ['cy', null, false],
        ['eli', null, false],
      ]);
    });

    it('lists the excluded agents with their reasons, and counts the reasons', () => {
      expect(trace.candidates.filter((c) => !c.eligible).map((c) => [c.name, c.excluded])).toEqual([
        ['Ana', [{ reason: 'not_available', detail: 'away' }]],
        ['Cy', [{ reason: 'language', detail: 'es' }]],
        ['Eli', [{ reason: 'missing_skill', detail: 'claims≥3' }, { reason: 'language', detail: 'es' }]],
      ]);
      expect(trace.excludedCounts).toEqual({ not_available: 1, language: 2, missing_skill: 1 });
      expect(trace.unavailableCount).toBe(7);
    });

    it('shows each candidate’s fit, load, recent offers and idle time', () => {
      expect(trace.candidates.find((c) => c.agentId === 'bo')).toEqual({ agentId: 'bo', name: 'Bo', eligible: true, excluded: [], skillFit: 3, occupancy: 0.333, recentOffers: 2, idleSeconds: 45, rank: 2 });
    });

    it('records the ticket’s score, wait, ring and what was asked', () => {
      expect(trace).toMatchObject({
        at: NOW.toISOString(),
        queueId: 'q1',
        queueName: 'Support',
        ticketScore: { total: 26.5, priority: 20, wait: 1.5, sla: 5 },
        waitedSeconds: 90,
        ring: 0,
        requirement: { skillSets: [[need('claims', 3)]], language: 'es', teamIds: null },
        sticky: null,
        transfer: null,
      });
    });

    it(`lists at most ${TRACE_CANDIDATE_LIMIT} agents, chosen first, but counts every one`, () => {
      const many = [
        ...Array.from({ length: 40 }, (_, i) => agent(`off${String(i).padStart(2, '0')}`, { schedule: {} })),
        ...Array.from({ length: 30 }, (_, i) => agent(`on${String(i).padStart(2, '0')}`, { idleSince: ago(i) })),
      ];
      const big = chooseAgent(ticket(), queue(), many, NOW).plan!.trace;
      expect(big.candidates).toHaveLength(TRACE_CANDIDATE_LIMIT);
      expect(big.candidates[0]).toMatchObject({ agentId: 'on29', rank: 1 });
      expect(big.candidates.filter((c) => c.eligible)).toHaveLength(30);
      expect(big.excludedCounts).toEqual({ off_shift: 40 });
    });
  });

  describe('sticky routing of a follow-up to its last agent (stickySeconds 120)', () => {
    const q = queue();
    const last = (over: Partial<RoutingAgent> = {}) => agent('ana', { idleSince: ago(5), ...over });
    const other = agent('bo', { languages: ['en', 'es'], idleSince: ago(3600) }); // would win on idle time
    const followUp = (seconds: number, over: Partial<WaitingTicket> = {}) => waited(seconds, { lastAgentId: 'ana', ...over });

    it.each([
      ['last agent free: gets it, though another has idled longer', last(), followUp(0), 'ana', null],
      ['last agent busy: the ticket waits for them', last({ occupancy: 1 }), followUp(30), null, 'sticky_agent'],
      ['last agent busy, 119 s in: still waiting', last({ occupancy: 1 }), followUp(119), null, 'sticky_agent'],
      ['last agent busy, 120 s in: anyone', last({ occupancy: 1 }), followUp(120), 'bo', null],
      ['last agent away: anyone at once', last({ state: 'away' }), followUp(0), 'bo', null],
      ['last agent disconnected: anyone at once', last({ connected: false }), followUp(0), 'bo', null],
      ['last agent off shift: anyone at once', last({ schedule: {} }), followUp(0), 'bo', null],
      ['last agent rejected it: anyone', last(), followUp(0, { declinedBy: new Set(['ana']) }), 'bo', null],
      ['last agent no longer serves the client: anyone', last({ clientIds: ['globex'] }), followUp(0), 'bo', null],
      ['last agent does not speak the ticket’s language: anyone', last({ languages: ['en'] }), followUp(0, { language: 'es' }), 'bo', null],
      ['last agent takes no chats: anyone', last({ capacity: { voice: 1 } }), followUp(0), 'bo', null],
    ])('%s', (_why, lastAgent, t, expected, waitingFor) => {
      const result = route(t, q, [lastAgent, other]);
      expect(result.plan?.agentId ?? null).toBe(expected);
      expect(result.waitingFor).toBe(waitingFor);
    });

    it('does not wait for a last agent who is not signed in (not among the loaded agents)', () => {
      expect(chosen(followUp(0), q, [other])).toBe('bo');
    });

    it('does not apply to a queue with stickySeconds 0', () => {
      expect(chosen(followUp(0), queue({ stickySeconds: 0 }), [last({ occupancy: 1 }), other])).toBe('bo');
    });

    it('does not apply to a transfer: the colleague asked for the queue, not for the last agent', () => {
      const transfer = { target: { kind: 'queue' as const, queueId: 'q1' }, warm: false, fromAgentId: 'cy' };
      expect(chosen(followUp(0, { transfer }), q, [last({ occupancy: 1 }), other])).toBe('bo');
    });

    it('marks the other agents as waiting for the last agent, and counts them', () => {
      const trace = route(followUp(10), q, [other, last(), agent('cy', { state: 'away' })]).plan!.trace;
      expect(trace).toMatchObject({ chosenAgentId: 'ana', decidedBy: 'sticky', sticky: { agentId: 'ana', until: later(110).toISOString() } });
      expect(trace.candidates.map((c) => [c.agentId, c.rank, reasons(c.excluded)])).toEqual([
        ['ana', 1, []],
        ['bo', null, ['waiting_for_last_agent']],
        ['cy', null, ['not_available']],
      ]);
      expect(trace.excludedCounts).toEqual({ waiting_for_last_agent: 1, not_available: 1 });
    });
  });

  describe('overflow rings', () => {
    const q = queue({
      requiredSkills: [need('claims', 3)],
      secondarySkills: [need('billing', 3)],
      language: 'es',
      teamIds: ['team-bogota'],
      overflow: [
        { afterSeconds: 60, widen: 'secondary_skills' },
        { afterSeconds: 120, widen: 'any_language' },
        { afterSeconds: 300, widen: 'teams', teamIds: ['team-manila'] },
      ],
    });
    const biller = agent('bia', { skills: { billing: 4 }, languages: ['es'], teamIds: ['team-bogota'] });
    const english = agent('eve', { skills: { claims: 5 }, languages: ['en'], teamIds: ['team-bogota'] });
    const manila = agent('mo', { skills: { claims: 5 }, languages: ['es'], teamIds: ['team-manila'] });

    it.each([
      ['nobody matches at first', [biller, english, manila], 0, null, 0],
      ['ring 1 after 60 s accepts agents with the secondary skills', [biller, english, manila], 60, 'bia', 1],
      ['ring 2 after 120 s accepts Spanish-less agents', [english, manila], 120, 'eve', 2],
      ['…but not one second before', [english, manila], 119, null, 1],
      ['ring 3 after 300 s accepts the Manila team', [manila], 300, 'mo', 3],
    ])('%s', (_why, agents, seconds, expected, ring) => {
      const result = route(waited(seconds, { language: 'es' }), q, agents);
      expect(result.plan?.agentId ?? null).toBe(expected);
      if (result.plan) expect(result.plan.trace.ring).toBe(ring);
    });

    it('records the widened requirement in the trace', () => {
      expect(route(waited(120), q, [english]).plan!.trace.requirement).toEqual({ skillSets: [[need('claims', 3)], [need('billing', 3)]], language: null, teamIds: ['team-bogota'] });
    });
  });

  describe('cooldown after a reject or timeout', () => {
    it('does not offer the ticket again to the agent who declined it, even if they are the best', () => {
      const t = ticket({ declinedBy: new Set(['ana']) });
      expect(chosen(t, queue(), [agent('ana', { idleSince: ago(9999) }), agent('bo')])).toBe('bo');
    });
    it('waits rather than offer it back to the only agent, who declined it', () => {
      expect(route(ticket({ declinedBy: new Set(['ana']) }), queue(), [agent('ana')]).waitingFor).toBe('no_eligible_agent');
    });
  });

  describe('transfers', () => {
    const spanishClaims = queue({ requiredSkills: [need('claims', 4)], language: 'es' });
    const transfer = (target: NonNullable<WaitingTicket['transfer']>['target'], warm = false) => ({ target, warm, fromAgentId: 'src' });
    const source = agent('src', { skills: { claims: 5 }, languages: ['es'], teamIds: ['team-b'], idleSince: ago(9999) });
    const ana = agent('ana', { skills: { claims: 5 }, languages: ['es'], teamIds: ['team-a'] });
    const bo = agent('bo', { skills: {}, languages: ['en'], teamIds: ['team-b'] });
    const cy = agent('cy', { skills: {}, languages: ['en'], teamIds: ['team-b'], idleSince: ago(600) });

    it('to an agent: only that agent, whatever the queue asks', () => {
      const { plan } = route(ticket({ transfer: transfer({ kind: 'agent', agentId: 'bo' }, true) }), spanishClaims, [source, ana, bo]);
      expect(plan?.agentId).toBe('bo');
      expect(plan?.trace).toMatchObject({ decidedBy: 'directed', transfer: { kind: 'agent', warm: true }, requirement: { skillSets: [], language: null, teamIds: null } });
      expect(plan?.trace.excludedCounts).toEqual({ transfer_source: 1, not_transfer_target: 2 });
    });

    it('to a busy agent: waits for that agent, nobody else gets it', () => {
      expect(route(ticket({ transfer: transfer({ kind: 'agent', agentId: 'bo' }) }), spanishClaims, [ana, agent('bo', { occupancy: 1 })]).waitingFor).toBe('no_eligible_agent');
    });

    it('to a team: the best member of that team, never the colleague handing it over', () => {
      const { plan } = route(ticket({ transfer: transfer({ kind: 'team', teamId: 'team-b' }) }), spanishClaims, [source, ana, bo, cy]);
      expect(plan?.agentId).toBe('cy');
      expect(plan?.trace.candidates.filter((c) => c.eligible).map((c) => c.agentId)).toEqual(['cy', 'bo']);
    });

    it('to a queue: the queue’s requirement applies, and the source is left out', () => {
      const { plan } = route(ticket({ language: 'es', transfer: transfer({ kind: 'queue', queueId: 'q1' }) }), spanishClaims, [source, ana, bo]);
      expect(plan?.agentId).toBe('ana');
      expect(plan?.trace.transfer).toEqual({ kind: 'queue', warm: false });
    });
  });

  describe('agents across time zones', () => {
    const manila = agent('manila', { timeZone: 'Asia/Manila', schedule: NINE_TO_FIVE, idleSince: ago(9999) });
    const bogota = agent('bogota', { timeZone: 'America/Bogota', schedule: NINE_TO_FIVE });
    it.each([
      ['Mon 09:00 Manila = Sun 20:00 Bogotá', '2026-11-23T01:00:00Z', 'manila'],
      ['Mon 22:30 Manila = Mon 09:30 Bogotá', '2026-11-23T14:30:00Z', 'bogota'],
      ['Tue 03:00 Manila = Mon 14:00 Bogotá', '2026-11-23T19:00:00Z', 'bogota'],
      ['Tue 07:00 Manila = Mon 18:00 Bogotá: nobody', '2026-11-23T23:00:00Z', null],
    ])('on shift is read in each agent’s zone: %s', (_why, iso, expected) => {
      const at = new Date(iso);
      expect(chosen(ticket({ queuedAt: at }), queue(), [manila, bogota], at)).toBe(expected);
    });

    const newYork = agent('nyc', { timeZone: 'America/New_York', schedule: NINE_TO_FIVE });
    it.each([
      ['the Monday before clocks spring forward: 13:30 UTC is 08:30 EST', '2026-03-02T13:30:00Z', null],
      ['the Monday after: 13:30 UTC is 09:30 EDT', '2026-03-09T13:30:00Z', 'nyc'],
      ['the Monday before clocks fall back: 13:30 UTC is 09:30 EDT', '2026-10-26T13:30:00Z', 'nyc'],
      ['the Monday after: 13:30 UTC is 08:30 EST', '2026-11-02T13:30:00Z', null],
      ['the Monday after: 21:30 UTC is 16:30 EST, still on', '2026-11-02T21:30:00Z', 'nyc'],
    ])('daylight saving moves the shift in UTC: %s', (_why, iso, expected) => {
      const at = new Date(iso);
      expect(chosen(ticket({ queuedAt: at }), queue(), [newYork], at)).toBe(expected);
    });
  });

  it('routes a ticket without a queue to any agent of the client who has room, with an empty requirement', () => {
    const { plan } = route(ticket({ queueId: null, language: 'fr' }), null, [agent('ana', { occupancy: 1 }), agent('bo', { clientIds: ['globex'] }), agent('cy')]);
    expect(plan?.agentId).toBe('cy');
    expect(plan?.trace).toMatchObject({ queueId: null, queueName: null, ticketScore: { total: 0 }, requirement: { skillSets: [], language: null, teamIds: null } });
  });
});

describe('planOffers', () => {
  const queues = new Map([['q1', queue()]]);
  const plan = (waiting: WaitingTicket[], agents: RoutingAgent[], now = NOW, unavailable?: ReadonlyMap<string, number>) => planOffers(waiting, agents, queues, now, unavailable);
  const pairs = (plans: { ticketId: string; agentId: string }[]) => plans.map((p) => `${p.ticketId}→${p.agentId}`);

  it('an urgent ticket that arrived later goes first', () => {
    const normal = waited(180, { id: 'normal', priority: 3 });
    const urgent = waited(10, { id: 'urgent', priority: 1 });
    expect(pairs(plan([normal, urgent], [agent('ana', { capacity: { chat: 1 } })]))).toEqual(['urgent→ana']);
  });

  it('between equal scores, the ticket that queued first goes first, then the lower id (same on every node)', () => {
    const single = [agent('ana', { capacity: { chat: 1 } })];
    // with the slowest wait weight, one second more in line does not change the (rounded) score
    const slow = new Map([['q1', queue({ ordering: { priorityWeight: 10, waitWeight: 0.01, slaWeight: 0 } })]]);
    expect(pairs(planOffers([ticket({ id: 'a', queuedAt: ago(1) }), ticket({ id: 'b', queuedAt: ago(2) })], single, slow, NOW))).toEqual(['b→ana']);
    expect(pairs(planOffers([ticket({ id: 'd' }), ticket({ id: 'c' })], single, slow, NOW))).toEqual(['c→ana']);
  });

  it('over-capacity is never planned across one round, even with many tickets', () => {
    const tickets = Array.from({ length: 20 }, (_, i) => waited(i, { id: `chat${i}` }));
    const agents = [agent('ana'), agent('bo', { occupancy: 1 / 3 }), agent('cy', { capacity: { chat: 2, email: 5 } })];
    const plans = plan(tickets, agents);
    const offered = (id: string) => plans.filter((p) => p.agentId === id).length;
    expect([offered('ana'), offered('bo'), offered('cy')]).toEqual([3, 2, 2]);
  });

  it('a call planned first leaves the agent no room for chats in the same round', () => {
    const call = waited(30, { id: 'call', channel: 'voice', priority: 1 });
    const chats = [waited(20, { id: 'chat1' }), waited(10, { id: 'chat2' })];
    expect(pairs(plan([...chats, call], [agent('ana')]))).toEqual(['call→ana']);
  });

  it('a chat planned first means the call waits (a call needs the agent free)', () => {
    const chat = waited(30, { id: 'chat', priority: 1 });
    const call = waited(10, { id: 'call', channel: 'voice' });
    expect(pairs(plan([call, chat], [agent('ana')]))).toEqual(['chat→ana']);
  });

  it('mixed loads by weight: a chat and two emails held leave room for one email, not a chat', () => {
    const held = occupancyOf(DEFAULT_CAPACITY, { chat: 1, email: 2 });
    const waiting = [waited(50, { id: 'chat', priority: 1 }), waited(40, { id: 'email1', channel: 'email' }), waited(30, { id: 'email2', channel: 'email' })];
    expect(pairs(plan(waiting, [agent('ana', { occupancy: held })]))).toEqual(['email1→ana']);
  });

  it('spreads a round’s offers: the next ticket goes to the agent not just offered one', () => {
    const agents = [agent('ana', { idleSince: ago(600) }), agent('bo', { idleSince: ago(60) })];
    expect(pairs(plan([waited(20, { id: 't1' }), waited(10, { id: 't2' })], agents))).toEqual(['t1→ana', 't2→bo']);
  });

  it('counts an offer made in the round for fairness and idle time too, not only for load', () => {
    // After t1, Ana and Bo carry the same load and the same number of recent offers; Ana has just had work, so Bo idles longer.
    const agents = [
      agent('ana', { capacity: { email: 5 }, recentOffers: 0, idleSince: ago(3600) }),
      agent('bo', { capacity: { email: 5 }, occupancy: 0.2, recentOffers: 1, idleSince: ago(60) }),
    ];
    const emails = [waited(20, { id: 't1', channel: 'email' }), waited(10, { id: 't2', channel: 'email' })];
    const plans = plan(emails, agents);
    expect(pairs(plans)).toEqual(['t1→ana', 't2→bo']);
    expect(plans[1].trace.candidates.find((c) => c.agentId === 'ana')).toMatchObject({ occupancy: 0.2, recentOffers: 1, idleSeconds: 0, rank: 2 });
  });

  it('shares one agent’s capacity between the clients they serve', () => {
    const both = agent('ana', { clientIds: ['acme', 'globex'], capacity: { chat: 2 } });
    const waiting = [waited(30, { id: 'a1' }), waited(20, { id: 'g1', clientId: 'globex' }), waited(10, { id: 'g2', clientId: 'globex' })];
    expect(pairs(plan(waiting, [both]))).toEqual(['a1→ana', 'g1→ana']);
  });

  it('never offers a client’s ticket to an agent of another client', () => {
    expect(plan([ticket({ clientId: 'globex' })], [agent('ana')])).toEqual([]);
  });

  it('does not change the agents it was given', () => {
    const ana = agent('ana');
    const before = { ...ana };
    plan([waited(20, { id: 't1' }), waited(10, { id: 't2' })], [ana]);
    expect(ana).toEqual(before);
  });

  it('counts, in the trace, the client’s agents who were not considered at all', () => {
    const [p] = plan([ticket()], [agent('ana')], NOW, new Map([['acme', 4]]));
    expect(p.trace.unavailableCount).toBe(4);
  });

  it('a follow-up waits for its last agent while they are busy, then goes to anyone after stickySeconds', () => {
    const followUp = ticket({ id: 'f', lastAgentId: 'ana', queuedAt: NOW });
    const busyAna = agent('ana', { occupancy: 1 });
    const bo = agent('bo');
    expect(plan([followUp], [busyAna, bo], later(60))).toEqual([]);
    expect(pairs(plan([followUp], [busyAna, bo], later(119)))).toEqual([]);
    expect(pairs(plan([followUp], [busyAna, bo], later(120)))).toEqual(['f→bo']);
    expect(pairs(plan([followUp], [agent('ana', { occupancy: 2 / 3 }), bo], later(60)))).toEqual(['f→ana']);
  });

  it('no starvation: a low-priority ticket behind a steady stream of fresh urgent ones is served within 25 minutes (default weights)', () => {
    const low = ticket({ id: 'low', priority: 4, queuedAt: NOW, slaDueAt: later(60) });
    let servedAt: number | null = null;
    for (let minute = 1; minute <= 60 && servedAt === null; minute += 1) {
      const now = later(minute * 60);
      // one agent, room for one chat; a fresh urgent chat arrives every minute and the last one was answered
      const urgent = ticket({ id: `urgent${minute}`, priority: 1, queuedAt: now, slaDueAt: later(60, now) });
      const [offer] = plan([low, urgent], [agent('ana', { capacity: { chat: 1 } })], now);
      if (offer.ticketId === 'low') servedAt = minute;
    }
    expect(servedAt).toBe(25);
  });
});

describe('chooseQueue', () => {
  const routing = {
    defaultQueueId: 'general',
    rules: [
      { queueId: 'spanish-claims', language: 'es', keywords: ['siniestro', 'reclamo'] },
      { queueId: 'spanish', language: 'es' },
      { queueId: 'cards', keywords: ['Card', 'CVV'], priority: 1 },
    ],
  };
  it.each([
    ['Spanish with a claims word: the first rule', 'es', 'Tengo un SINIESTRO', 'spanish-claims', null, 0],
    ['Spanish without one: the second', 'es', 'Hola, una pregunta', 'spanish', null, 1],
    ['a keyword in any case, with the rule’s priority', 'en', 'my cvv was stolen', 'cards', 1, 2],
    ['a keyword inside a longer word still matches', 'en', 'my credit-cards', 'cards', 1, 2],
    ['no language detected: language rules are skipped', null, 'reclamo about my card', 'cards', 1, 2],
    ['nothing matches: the inbox’s default', 'en', 'hello', 'general', null, null],
  ])('%s', (_why, language, text, queueId, priority, rule) => {
    expect(chooseQueue(routing, { language, text })).toEqual({ queueId, priority, rule });
  });

  it('with no rules and no default, lands nowhere (picked by hand)', () => {
    expect(chooseQueue({ defaultQueueId: null, rules: [] }, { language: 'en', text: 'hi' })).toEqual({ queueId: null, priority: null, rule: null });
  });
});

describe('isAsyncWork', () => {
  it.each([
    ['email', 'live', true],
    ['social', 'live', true],
    ['chat', 'async', true],
    ['chat', 'live', false],
    ['voice', 'live', false],
  ] as [Channel, 'live' | 'async', boolean][])('%s (%s): %p', (channel, mode, expected) => {
    expect(isAsyncWork({ channel, mode })).toBe(expected);
  });
});

describe('isReturnDue (return after 3600 s)', () => {
  const assigned = (over: Partial<Parameters<typeof isReturnDue>[0]> = {}) => ({ channel: 'email' as Channel, mode: 'live' as const, status: 'assigned', assignedAt: ago(7200), lastAgentReplyAt: null, ...over });
  it.each([
    ['an email unanswered for 2 hours', assigned(), 3600, true],
    ['exactly at the limit', assigned({ assignedAt: ago(3600) }), 3600, true],
    ['one second before the limit', assigned({ assignedAt: ago(3599) }), 3600, false],
    ['answered since it was assigned', assigned({ lastAgentReplyAt: ago(60) }), 3600, false],
    ['answered only by the previous agent, before it was assigned again', assigned({ lastAgentReplyAt: ago(9000) }), 3600, true],
    ['an offline chat left unanswered', assigned({ channel: 'chat', mode: 'async' }), 3600, true],
    ['a live chat is never returned', assigned({ channel: 'chat' }), 3600, false],
    ['a call is never returned', assigned({ channel: 'voice' }), 3600, false],
    ['waiting on the customer (pending)', assigned({ status: 'pending' }), 3600, false],
    ['not assigned to anyone', assigned({ assignedAt: null }), 3600, false],
    ['the queue never returns work', assigned(), null, false],
  ])('%s', (_why, facts, limit, expected) => {
    expect(isReturnDue(facts, limit, NOW)).toBe(expected);
  });
});

describe('serviceLevel: (answered within T + abandoned within T) / (answered + abandoned)', () => {
  it.each([
    [{ answered: 0, answeredWithin: 0, abandoned: 0, abandonedWithin: 0 }, null],
    [{ answered: 100, answeredWithin: 80, abandoned: 0, abandonedWithin: 0 }, 80],
    [{ answered: 90, answeredWithin: 80, abandoned: 10, abandonedWithin: 5 }, 85],
    [{ answered: 0, answeredWithin: 0, abandoned: 4, abandonedWithin: 4 }, 100],
    [{ answered: 3, answeredWithin: 2, abandoned: 0, abandonedWithin: 0 }, 66.667],
  ])('%j → %p %', (counts, expected) => {
    expect(serviceLevel(counts)).toBe(expected);
  });
});

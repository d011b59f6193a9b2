import type { Channel } from '@switchboard/shared-contracts';
import { DEFAULT_CAPACITY, assessAgent, channelWeight, compareCandidates, decidingKey, occupancyOf, rankKeyOf, requirementAt, ticketScore, type RoutedQueue, type RoutingAgent, type WaitingTicket } from './routing.util';
import { TRACE_CANDIDATE_LIMIT, chooseAgent, planOffers } from './offer-planner.util';
import { NINE_TO_FIVE, NOW, ago, agent, later, need, queue, reasons, ticket, waited } from './routing.spec-fixtures';

const route = (t: WaitingTicket, q: RoutedQueue | null, agents: RoutingAgent[], now = NOW) => chooseAgent(t, q, agents, now);
const chosen = (t: WaitingTicket, q: RoutedQueue | null, agents: RoutingAgent[], now = NOW) => route(t, q, agents, now).plan?.agentId ?? null;

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

    it(`lists at most ${TRACE_CANDIDATE_LIMIT} agents, the ranked first, then the excluded, but counts every one`, () => {
      const offShift = Array.from({ length: 40 }, (_, i) => agent(`off${String(i).padStart(2, '0')}`, { schedule: {} }));
      const onShift = (n: number) => Array.from({ length: n }, (_, i) => agent(`on${String(i).padStart(2, '0')}`, { idleSince: ago(i) }));
      const few = chooseAgent(ticket(), queue(), [...offShift, ...onShift(5)], NOW).plan!.trace;
      expect(few.candidates).toHaveLength(TRACE_CANDIDATE_LIMIT);
      expect(few.candidates.slice(0, 6).map((c) => [c.agentId, c.rank])).toEqual([['on04', 1], ['on03', 2], ['on02', 3], ['on01', 4], ['on00', 5], ['off00', null]]);
      expect(few.excludedCounts).toEqual({ off_shift: 40 });

      const many = chooseAgent(ticket(), queue(), [...offShift, ...onShift(30)], NOW).plan!.trace;
      expect(many.candidates.map((c) => c.rank)).toEqual(Array.from({ length: TRACE_CANDIDATE_LIMIT }, (_, i) => i + 1));
      expect(many.excludedCounts).toEqual({ off_shift: 40 });
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


/**
 * The planner keeps its rankings current lazily; this checks it against the plain reading of the rules
 * — every ticket in score order, every agent of its client assessed and sorted afresh — over many
 * random rounds: the same agent for every ticket, decided by the same rule, with the same counts.
 */
describe('planOffers agrees with assessing and sorting every agent for every ticket', () => {
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  function referencePlan(waiting: WaitingTicket[], agents: RoutingAgent[], queues: Map<string, RoutedQueue>, now: Date) {
    const working = agents.map((a) => ({ ...a }));
    const order = waiting
      .map((t) => ({ t, q: t.queueId ? (queues.get(t.queueId) ?? null) : null }))
      .map((x) => ({ ...x, score: x.q ? ticketScore(x.t, x.q, now).total : 0 }))
      .sort((a, b) => b.score - a.score || a.t.queuedAt.getTime() - b.t.queuedAt.getTime() || (a.t.id < b.t.id ? -1 : 1));
    const out: { ticketId: string; agentId: string; decidedBy: string; counts: Record<string, number>; ranked: string[] }[] = [];
    for (const { t, q } of order) {
      const mine = working.filter((a) => a.clientIds.includes(t.clientId));
      const waitedSeconds = Math.max(0, (now.getTime() - t.queuedAt.getTime()) / 1000);
      const directed = t.transfer !== null && t.transfer.target.kind !== 'queue';
      const req = q && !directed ? requirementAt(q, t.language, waitedSeconds) : null;
      const assessed = mine.map((a) => ({ agent: a, ...assessAgent(a, t, req, now) }));
      const eligible = assessed.filter((a) => a.eligible).sort(compareCandidates);
      let pool = eligible;
      let sticky = false;
      if (!t.transfer && q && t.lastAgentId && q.stickySeconds > 0 && waitedSeconds < q.stickySeconds && !t.declinedBy.has(t.lastAgentId)) {
        const last = assessed.find((a) => a.agent.id === t.lastAgentId);
        if (last && last.excluded.every(({ reason }) => reason === 'at_capacity')) {
          if (!last.eligible) continue;
          pool = [last];
          sticky = true;
        }
      }
      if (pool.length === 0) continue;
      const counts: Record<string, number> = {};
      for (const a of assessed) for (const { reason } of a.excluded) counts[reason] = (counts[reason] ?? 0) + 1;
      if (sticky && eligible.length > 1) counts.waiting_for_last_agent = eligible.length - 1;
      const decidedBy = directed ? 'directed' : sticky ? 'sticky' : decidingKey(rankKeyOf(pool[0]), pool[1] && rankKeyOf(pool[1]));
      out.push({ ticketId: t.id, agentId: pool[0].agent.id, decidedBy, counts, ranked: pool.slice(0, TRACE_CANDIDATE_LIMIT).map((a) => a.agent.id) });
      const chosenAgent = pool[0].agent;
      chosenAgent.occupancy += channelWeight(chosenAgent.capacity, t.channel);
      chosenAgent.recentOffers += 1;
      chosenAgent.idleSince = now;
    }
    return out;
  }

  function scenario(seed: number) {
    const rnd = random(seed);
    const pickOne = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)];
    const clients = ['acme', 'globex', 'initech'];
    const channels: Channel[] = ['chat', 'chat', 'email', 'voice', 'social'];
    const queues = new Map<string, RoutedQueue>();
    for (const [i, clientId] of clients.entries()) {
      queues.set(`${clientId}-claims`, queue({ id: `${clientId}-claims`, requiredSkills: [need('claims', 1 + (i % 3))], secondarySkills: [need('billing', 2)], overflow: [{ afterSeconds: 60, widen: 'secondary_skills' }, { afterSeconds: 120, widen: 'any_language' }], stickySeconds: 30 }));
      queues.set(`${clientId}-general`, queue({ id: `${clientId}-general`, requiredSkills: [], teamIds: i === 1 ? ['team-a'] : [], stickySeconds: 0, ordering: { priorityWeight: 10, waitWeight: 1 + i, slaWeight: 5 } }));
    }
    const agents = Array.from({ length: 5 + Math.floor(rnd() * 60) }, (_, i) =>
      agent(`a${String(i).padStart(3, '0')}`, {
        clientIds: [...new Set(clients.filter(() => rnd() < 0.5).concat(rnd() < 0.3 ? [] : [pickOne(clients)]))],
        teamIds: rnd() < 0.5 ? ['team-a'] : ['team-b'],
        languages: rnd() < 0.7 ? ['en'] : ['en', 'es'],
        skills: { claims: Math.floor(rnd() * 6), billing: Math.floor(rnd() * 6) },
        capacity: rnd() < 0.2 ? { voice: 1, chat: 2 } : { ...DEFAULT_CAPACITY },
        occupancy: pickOne([0, 0, 0, 1 / 3, 2 / 3, 0.2, 1]),
        recentOffers: Math.floor(rnd() * 3),
        idleSince: ago(Math.floor(rnd() * 600)),
        schedule: rnd() < 0.1 ? {} : undefined,
      }),
    ).map((a) => (a.schedule ? a : { ...a, schedule: agent('x').schedule }));
    const waiting = Array.from({ length: Math.floor(rnd() * 150) }, (_, i) => {
      const clientId = pickOne(clients);
      const t = waited(Math.floor(rnd() * 200), {
        id: `t${String(i).padStart(3, '0')}`,
        clientId,
        queueId: rnd() < 0.05 ? null : `${clientId}-${rnd() < 0.5 ? 'claims' : 'general'}`,
        channel: pickOne(channels),
        language: rnd() < 0.8 ? 'en' : 'es',
        priority: 1 + Math.floor(rnd() * 4),
        lastAgentId: rnd() < 0.2 ? pickOne(agents).id : null,
        declinedBy: new Set(agents.filter(() => rnd() < 0.05).map((a) => a.id)),
      });
      if (rnd() < 0.05) t.transfer = { target: pickOne([{ kind: 'agent' as const, agentId: pickOne(agents).id }, { kind: 'team' as const, teamId: 'team-a' }, { kind: 'queue' as const, queueId: `${clientId}-general` }]), warm: rnd() < 0.5, fromAgentId: pickOne(agents).id };
      return t;
    });
    return { agents, waiting, queues };
  }

  it.each(Array.from({ length: 200 }, (_, i) => i + 1))('random round %i', (seed) => {
    const { agents, waiting, queues } = scenario(seed);
    const expected = referencePlan(waiting, agents, queues, NOW);
    const plans = planOffers(waiting, agents, queues, NOW);
    expect(
      plans.map((p) => ({ ticketId: p.ticketId, agentId: p.agentId, decidedBy: p.trace.decidedBy, counts: p.trace.excludedCounts, ranked: p.trace.candidates.filter((c) => c.rank !== null).map((c) => c.agentId) })),
    ).toEqual(expected);
  });

  it('the random rounds plan a good share of offers (the check above is not vacuous)', () => {
    const planned = Array.from({ length: 50 }, (_, i) => planOffers(scenario(i + 1).waiting, scenario(i + 1).agents, scenario(i + 1).queues, NOW).length);
    expect(planned.reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    expect(planned.filter((n) => n === 0).length).toBeLessThan(10);
  });

  it('stops at maxOffers, taking the best-placed tickets first', () => {
    const { agents, waiting, queues } = scenario(7);
    const all = planOffers(waiting, agents, queues, NOW);
    expect(all.length).toBeGreaterThan(5);
    expect(planOffers(waiting, agents, queues, NOW, new Map(), 5)).toEqual(all.slice(0, 5));
  });
});

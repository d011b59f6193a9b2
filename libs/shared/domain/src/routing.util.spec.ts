import type { Channel, OverflowRing, SkillRequirement } from '@switchboard/shared-contracts';
import {
  DEFAULT_CAPACITY,
  assessAgent,
  bestSkillFit,
  channelWeight,
  chooseQueue,
  compareCandidates,
  fitsCapacity,
  isAsyncWork,
  isReturnDue,
  occupancyOf,
  requirementAt,
  serviceLevel,
  ticketScore,
  type ChannelCapacity,
  type RoutingAgent,
  type WaitingTicket,
} from './routing.util';
import { DEFAULT_QUEUE_SETTINGS } from './queue-config.util';
import { NINE_TO_FIVE, NOW, ago, agent, later, need, queue, reasons, requirement, ticket } from './routing.spec-fixtures';

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

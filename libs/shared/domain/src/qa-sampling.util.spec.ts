import type { Channel, QaCandidate, SamplingPolicy, TargetedRule } from '@switchboard/shared-contracts';
import { allocateSeats, assignEvenly, checkSamplingPolicy, checkSamplingPolicyRequest, drawSample, hashSeed, matchesRule, pickUniform, planDraw, quotaFor, seededRandom, targetedSample } from './qa-sampling.util';

/** `count` tickets of `agentId` on `channel`, ids `<agent>-<channel>-<n>`. */
const tickets = (agentId: string, channel: Channel, count: number, extra: Partial<QaCandidate> = {}): QaCandidate[] =>
  Array.from({ length: count }, (_, i) => ({ ticketId: `${agentId}-${channel}-${String(i).padStart(2, '0')}`, agentId, channel, ...extra }));

const policy = (overrides: Partial<SamplingPolicy> = {}): SamplingPolicy => ({ quota: { kind: 'count', count: 5 }, stratifyByChannel: true, capPerAgent: null, targeted: [], ...overrides });

/** Agent ann: 10 chats, 6 emails, 4 calls. Agent bob: 3 social, 2 chats. */
const ANN = [...tickets('ann', 'chat', 10), ...tickets('ann', 'email', 6), ...tickets('ann', 'voice', 4)];
const BOB = [...tickets('bob', 'social', 3), ...tickets('bob', 'chat', 2)];

describe('seeded randomness', () => {
  it('hashes a seed the same way on every run and platform (pinned values)', () => {
    expect(hashSeed('')).toEqual(GOLDEN.hashEmpty);
    expect(hashSeed('client-1:2026-W02')).toEqual(GOLDEN.hashSeed);
  });

  it('produces a pinned sequence: changing the generator would change every past draw', () => {
    const random = seededRandom('client-1:2026-W02');
    expect(Array.from({ length: 5 }, () => random())).toEqual(GOLDEN.sequence);
  });

  it('gives different sequences for different seeds, and numbers in [0, 1)', () => {
    const a = seededRandom('a');
    const b = seededRandom('b');
    const first = Array.from({ length: 1000 }, () => a());
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Array.from({ length: 1000 }, () => b())).not.toEqual(first);
  });

  it('is uniform: 20,000 numbers in 10 bins pass a chi-square test (df 9, p = 0.001 → 27.88)', () => {
    const random = seededRandom('uniformity');
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) bins[Math.floor(random() * 10)] += 1;
    expect(chiSquare(bins, bins.map(() => 2000))).toBeLessThan(27.88);
  });

  it('picks k distinct items and leaves the input alone', () => {
    const items = [1, 2, 3, 4, 5, 6];
    const picked = pickUniform(items, 4, seededRandom('x'));
    expect(new Set(picked).size).toBe(4);
    expect(picked.every((i) => items.includes(i))).toBe(true);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
    expect(pickUniform(items, 10, seededRandom('x'))).toHaveLength(6);
    expect(pickUniform(items, -1, seededRandom('x'))).toEqual([]);
  });
});

describe('quotaFor', () => {
  it.each<[string, SamplingPolicy['quota'], number, number]>([
    ['N tickets', { kind: 'count', count: 5 }, 40, 5],
    ['N tickets of fewer handled', { kind: 'count', count: 5 }, 3, 3],
    ['nothing handled', { kind: 'count', count: 5 }, 0, 0],
    ['5 % of 100 is exactly 5', { kind: 'percent', percent: 5, minimum: 0 }, 100, 5],
    ['5 % of 101 rounds up to 6', { kind: 'percent', percent: 5, minimum: 0 }, 101, 6],
    ['10 % of 30 (binary noise) is 3', { kind: 'percent', percent: 10, minimum: 0 }, 30, 3],
    ['the minimum when the share is smaller', { kind: 'percent', percent: 2, minimum: 4 }, 50, 4],
    ['the share when above the minimum', { kind: 'percent', percent: 20, minimum: 4 }, 50, 10],
    ['the minimum, but not more than was handled', { kind: 'percent', percent: 2, minimum: 4 }, 3, 3],
    ['0.5 % of 10 rounds up to 1', { kind: 'percent', percent: 0.5, minimum: 0 }, 10, 1],
  ])('%s', (_case, quota, handled, expected) => {
    expect(quotaFor(quota, handled)).toBe(expected);
  });
});

describe('allocateSeats', () => {
  it.each<[string, number[], number, number, number[]]>([
    ['exact shares', [10, 6, 4], 10, 0.5, [5, 3, 2]],
    ['no seats', [10, 6, 4], 0, 0.5, [0, 0, 0]],
    ['more seats than tickets', [2, 1], 9, 0.5, [2, 1]],
    ['empty strata', [0, 0], 3, 0.5, [0, 0]],
    // Shares 2.1 / 0.6 / 0.3, remainders laid end to end: chat [0, 0.1), email [0.1, 0.7), voice [0.7, 1).
    ['the leftover seat to chat when u < 0.1', [7, 2, 1], 3, 0.05, [3, 0, 0]],
    ['the leftover seat to email when 0.1 ≤ u < 0.7', [7, 2, 1], 3, 0.4, [2, 1, 0]],
    ['the leftover seat to voice when u ≥ 0.7', [7, 2, 1], 3, 0.9, [2, 0, 1]],
    // Shares 2.5 / 1.5 / 1: two seats' worth of remainder 0.5 each; one leftover seat.
    ['ties: chat when u < 0.5', [10, 6, 4], 5, 0.2, [3, 1, 1]],
    ['ties: email when u ≥ 0.5', [10, 6, 4], 5, 0.7, [2, 2, 1]],
  ])('%s', (_case, sizes, seats, u, expected) => {
    expect(allocateSeats(sizes, seats, u)).toEqual(expected);
  });

  it('always hands out every seat, each stratum its share rounded down or up, never more than it holds', () => {
    const random = seededRandom('allocation');
    for (let run = 0; run < 300; run++) {
      const sizes = Array.from({ length: 1 + randomIntBelow(random, 4) }, () => randomIntBelow(random, 12));
      const total = sizes.reduce((a, b) => a + b, 0);
      const seats = randomIntBelow(random, total + 3);
      const allocation = allocateSeats(sizes, seats, random());
      expect(allocation.reduce((a, b) => a + b, 0)).toBe(Math.min(seats, total));
      allocation.forEach((a, i) => {
        const share = total === 0 ? 0 : (Math.min(seats, total) * sizes[i]) / total;
        expect(a).toBeGreaterThanOrEqual(Math.floor(share));
        expect(a).toBeLessThanOrEqual(Math.ceil(share));
        expect(a).toBeLessThanOrEqual(sizes[i]);
      });
    }
  });
});

describe('drawSample', () => {
  it('draws N per agent, split across channels in proportion to what each handled', () => {
    const draw = drawSample(policy({ quota: { kind: 'count', count: 10 } }), [...ANN, ...BOB], [], 'seed-1');
    expect(draw.agents).toEqual([
      { agentId: 'ann', handled: 20, quota: 10, alreadyDrawn: 0, drawn: 10, capped: false, byChannel: { chat: 5, email: 3, voice: 2 } },
      { agentId: 'bob', handled: 5, quota: 5, alreadyDrawn: 0, drawn: 5, capped: false, byChannel: { chat: 2, social: 3 } },
    ]);
    expect(draw.picks).toHaveLength(15);
    expect(new Set(draw.picks.map((p) => p.ticketId)).size).toBe(15);
    expect(draw.picks.every((p) => p.stream === 'random' && p.ticketId.startsWith(`${p.agentId}-${p.channel}`))).toBe(true);
    expect(draw.seed).toBe('seed-1');
  });

  it('draws P % with a minimum', () => {
    const draw = drawSample(policy({ quota: { kind: 'percent', percent: 10, minimum: 3 } }), [...ANN, ...BOB], [], 's');
    // ann: 10 % of 20 = 2 → minimum 3; bob: 10 % of 5 = 0.5 → 1 → minimum 3.
    expect(draw.agents.map((a) => [a.agentId, a.quota, a.drawn])).toEqual([
      ['ann', 3, 3],
      ['bob', 3, 3],
    ]);
  });

  it('keeps one pool when the policy does not stratify', () => {
    const skewed = [...tickets('ann', 'chat', 1), ...tickets('ann', 'email', 19)];
    const counts = { chat: 0, email: 0 };
    for (let i = 0; i < 200; i++) for (const pick of drawSample(policy({ quota: { kind: 'count', count: 10 }, stratifyByChannel: false }), skewed, [], `pool-${i}`).picks) counts[pick.channel as 'chat' | 'email'] += 1;
    // Unstratified, the chat ticket is in about half the draws (10 of 20) — not in every one.
    expect(counts.chat).toBeGreaterThan(70);
    expect(counts.chat).toBeLessThan(130);
  });

  it('stops at the cap and says so', () => {
    const draw = drawSample(policy({ quota: { kind: 'count', count: 8 }, capPerAgent: 4 }), [...ANN, ...BOB], [], 'cap');
    expect(draw.agents.map((a) => [a.agentId, a.quota, a.drawn, a.capped])).toEqual([
      ['ann', 8, 4, true],
      ['bob', 5, 4, true],
    ]);
  });

  it('counts what was drawn earlier in the period against the quota and the cap, and never draws it again', () => {
    const earlier = [{ ticketId: 'ann-chat-00', agentId: 'ann' }, { ticketId: 'ann-email-00', agentId: 'ann' }, { ticketId: 'bob-chat-00', agentId: 'bob' }];
    const draw = drawSample(policy({ quota: { kind: 'count', count: 5 }, capPerAgent: 3 }), [...ANN, ...BOB], earlier, 'top-up');
    expect(draw.agents.map((a) => [a.agentId, a.handled, a.alreadyDrawn, a.drawn, a.capped])).toEqual([
      ['ann', 20, 2, 1, true],
      ['bob', 5, 1, 2, true],
    ]);
    expect(draw.picks.some((p) => earlier.some((e) => e.ticketId === p.ticketId))).toBe(false);
  });

  it('draws nothing more for an agent already at the cap, even when earlier draws are not among the candidates', () => {
    const earlier = [1, 2, 3].map((n) => ({ ticketId: `old-${n}`, agentId: 'bob' }));
    const draw = drawSample(policy({ capPerAgent: 3 }), BOB, earlier, 'full');
    expect(draw.picks).toEqual([]);
    expect(draw.agents).toEqual([{ agentId: 'bob', handled: 8, quota: 5, alreadyDrawn: 3, drawn: 0, capped: true, byChannel: {} }]);
  });

  it('lists an agent with no candidates left but earlier draws', () => {
    const draw = drawSample(policy(), [], [{ ticketId: 'x', agentId: 'cat' }], 'empty');
    expect(draw.agents).toEqual([{ agentId: 'cat', handled: 1, quota: 1, alreadyDrawn: 1, drawn: 0, capped: false, byChannel: {} }]);
  });

  it('ignores a ticket listed twice', () => {
    const draw = drawSample(policy({ quota: { kind: 'count', count: 10 } }), [...BOB, ...BOB], [], 'dupes');
    expect(draw.picks).toHaveLength(5);
    expect(draw.agents[0].handled).toBe(5);
  });

  describe('reproducibility', () => {
    const everyone = [...ANN, ...BOB];
    const run = (input: QaCandidate[], seed: string) => drawSample(policy(), input, [], seed);

    it('gives the identical draw for the same seed and tickets', () => {
      expect(run(everyone, 'client-1:2026-01')).toEqual(run(everyone, 'client-1:2026-01'));
    });

    it('does not depend on the order the tickets come in', () => {
      const shuffled = pickUniform(everyone, everyone.length, seededRandom('shuffle'));
      expect(shuffled).not.toEqual(everyone);
      expect(run(shuffled, 'client-1:2026-01')).toEqual(run(everyone, 'client-1:2026-01'));
    });

    it("does not change one agent's draw when another agent's tickets change", () => {
      const annOnly = run(ANN, 'client-1:2026-01').picks;
      const withBob = run(everyone, 'client-1:2026-01').picks.filter((p) => p.agentId === 'ann');
      expect(withBob).toEqual(annOnly);
    });

    it('gives a different draw for a different seed', () => {
      const ids = (seed: string) => run(everyone, seed).picks.map((p) => p.ticketId);
      expect(ids('client-1:2026-02')).not.toEqual(ids('client-1:2026-01'));
      // Over 50 seeds, ann's 5-of-20 draw is never the same twice in a row.
      const draws = Array.from({ length: 50 }, (_, i) => ids(`seed-${i}`).join());
      expect(new Set(draws).size).toBeGreaterThan(45);
    });
  });

  /**
   * Statistical checks over 2,000 draws. The seeds are fixed (`stat-0` … `stat-1999`), so these tests
   * give the same result on every run and cannot flake; the bounds are what a fair draw meets with
   * overwhelming probability (4 binomial standard deviations per ticket: a fair draw fails one ticket
   * with probability ≈ 6 × 10⁻⁵; chi-square at p = 0.001).
   */
  describe('unbiased over many draws', () => {
    const DRAWS = 2000;
    const inclusion = (input: QaCandidate[], p: SamplingPolicy): Map<string, number> => {
      const counts = new Map(input.map((t) => [t.ticketId, 0]));
      for (let i = 0; i < DRAWS; i++) for (const pick of drawSample(p, input, [], `stat-${i}`).picks) counts.set(pick.ticketId, (counts.get(pick.ticketId) ?? 0) + 1);
      return counts;
    };
    const expectFair = (counts: Map<string, number>, probability: number, chiSquareLimit: number) => {
      const expected = DRAWS * probability;
      const tolerance = 4 * Math.sqrt(DRAWS * probability * (1 - probability));
      for (const [ticketId, count] of counts) {
        if (Math.abs(count - expected) > tolerance) throw new Error(`${ticketId} drawn ${count} times, expected ${expected} ± ${tolerance.toFixed(1)}`);
      }
      expect(chiSquare([...counts.values()], [...counts.values()].map(() => expected))).toBeLessThan(chiSquareLimit);
    };

    it('gives every ticket the same chance, 5 of 20 = 25 %, across channels of different sizes (10/6/4)', () => {
      // df 19, p = 0.001 → 43.82
      expectFair(inclusion(ANN, policy()), 5 / 20, 43.82);
    });

    it('gives a lone voice call the same chance as the chats when the shares do not divide evenly (3 of 10)', () => {
      const mixed = [...tickets('dan', 'chat', 7), ...tickets('dan', 'email', 2), ...tickets('dan', 'voice', 1)];
      // df 9, p = 0.001 → 27.88
      expectFair(inclusion(mixed, policy({ quota: { kind: 'count', count: 3 } })), 3 / 10, 27.88);
    });

    it('gives every ticket the same chance without stratification (4 of 13)', () => {
      // df 12, p = 0.001 → 32.91
      expectFair(inclusion(tickets('eve', 'email', 13), policy({ quota: { kind: 'count', count: 4 }, stratifyByChannel: false })), 4 / 13, 32.91);
    });

    it('draws every pair of tickets together as often as a simple random sample would (4 of 8)', () => {
      const pool = tickets('fay', 'chat', 8);
      const pairs = new Map<string, number>();
      for (let i = 0; i < DRAWS; i++) {
        const ids = drawSample(policy({ quota: { kind: 'count', count: 4 } }), pool, [], `stat-${i}`).picks.map((p) => p.ticketId);
        for (const a of ids) for (const b of ids) if (a < b) pairs.set(`${a}|${b}`, (pairs.get(`${a}|${b}`) ?? 0) + 1);
      }
      const probability = (4 * 3) / (8 * 7);
      const expected = DRAWS * probability;
      const tolerance = 4 * Math.sqrt(DRAWS * probability * (1 - probability));
      expect(pairs.size).toBe(28);
      for (const count of pairs.values()) expect(Math.abs(count - expected)).toBeLessThan(tolerance);
    });

    it("estimates the agent's mean score without bias: the mean of 2,000 sample means is the population mean", () => {
      // Chats score high, calls low: a draw that favoured a channel would shift the mean.
      const scores = new Map<string, number>();
      const pool = [...tickets('gus', 'chat', 7), ...tickets('gus', 'email', 2), ...tickets('gus', 'voice', 1)];
      pool.forEach((t, i) => scores.set(t.ticketId, t.channel === 'chat' ? 90 - i : t.channel === 'email' ? 60 : 10));
      const population = [...scores.values()].reduce((a, b) => a + b, 0) / pool.length;
      const means: number[] = [];
      for (let i = 0; i < DRAWS; i++) {
        const picks = drawSample(policy({ quota: { kind: 'count', count: 3 } }), pool, [], `stat-${i}`).picks;
        means.push(picks.reduce((sum, p) => sum + (scores.get(p.ticketId) as number), 0) / picks.length);
      }
      const average = means.reduce((a, b) => a + b, 0) / DRAWS;
      const sd = Math.sqrt(means.reduce((sum, m) => sum + (m - average) ** 2, 0) / (DRAWS - 1));
      expect(Math.abs(average - population)).toBeLessThan((4 * sd) / Math.sqrt(DRAWS));
    });
  });
});

describe('targetedSample', () => {
  const RULES: TargetedRule[] = [
    { id: 'low-csat', kind: 'low_csat', maxScore: 2 },
    { id: 'long', kind: 'long_handle', minSeconds: 900 },
    { id: 'transfer', kind: 'transferred' },
    { id: 'escalation', kind: 'escalated' },
    { id: 'autoqa', kind: 'autoqa_flag' },
  ];
  const ticket = (ticketId: string, facts: Partial<QaCandidate>): QaCandidate => ({ ticketId, agentId: 'ann', channel: 'chat', ...facts });

  it.each<[string, Partial<QaCandidate>, string[]]>([
    ['CSAT 2 (at the threshold)', { csat: 2 }, ['low-csat']],
    ['CSAT 1', { csat: 1 }, ['low-csat']],
    ['CSAT 3', { csat: 3 }, []],
    ['no CSAT answer', { csat: null }, []],
    ['handle time at the threshold', { handleSeconds: 900 }, ['long']],
    ['handle time just under', { handleSeconds: 899 }, []],
    ['unknown handle time', { handleSeconds: null }, []],
    ['transferred', { transferred: true }, ['transfer']],
    ['escalated', { escalated: true }, ['escalation']],
    ['an AutoQA flag', { autoQaFlags: ['rude_language'] }, ['autoqa']],
    ['no AutoQA flag', { autoQaFlags: [] }, []],
    ['several rules, in policy order', { csat: 1, escalated: true, handleSeconds: 2000 }, ['low-csat', 'long', 'escalation']],
    ['nothing unusual', { csat: 5, handleSeconds: 300, transferred: false, escalated: false }, []],
  ])('matches %s', (_case, facts, matched) => {
    const result = targetedSample(RULES, [ticket('t1', facts)]);
    expect(result.picks.map((p) => p.matchedRuleIds)).toEqual(matched.length > 0 ? [matched] : []);
    if (matched.length > 0) expect(result.picks[0]).toMatchObject({ ticketId: 't1', stream: 'targeted', ruleId: matched[0] });
  });

  it('matches only the named AutoQA flags when a rule lists them', () => {
    const rule: TargetedRule = { id: 'pci', kind: 'autoqa_flag', flags: ['card_read_aloud'] };
    expect(matchesRule(rule, ticket('a', { autoQaFlags: ['rude_language'] }))).toBe(false);
    expect(matchesRule(rule, ticket('b', { autoQaFlags: ['rude_language', 'card_read_aloud'] }))).toBe(true);
    expect(matchesRule(rule, ticket('c', {}))).toBe(false);
  });

  it('keeps a ticket of the random draw in the random stream and does not add it again', () => {
    const candidates = [ticket('t1', { csat: 1 }), ticket('t2', { transferred: true }), ticket('t3', { csat: 5 })];
    const result = targetedSample(RULES, candidates, ['t1', 't3']);
    expect(result.picks).toEqual([{ ticketId: 't2', agentId: 'ann', channel: 'chat', stream: 'targeted', ruleId: 'transfer', matchedRuleIds: ['transfer'] }]);
    expect(result.matchedInRandom).toEqual([{ ticketId: 't1', ruleId: 'low-csat', matchedRuleIds: ['low-csat'] }]);
  });

  it('works with the random draw it follows, never sharing a ticket with it', () => {
    const candidates = [...ANN, ...BOB].map((t, i) => ({ ...t, csat: i % 3 === 0 ? 1 : 5 }));
    const random = drawSample(policy(), candidates, [], 'joint');
    const targeted = targetedSample(RULES, candidates, random.picks.map((p) => p.ticketId));
    const randomIds = new Set(random.picks.map((p) => p.ticketId));
    expect(targeted.picks.some((p) => randomIds.has(p.ticketId))).toBe(false);
    expect(targeted.picks.length + targeted.matchedInRandom.length).toBe(candidates.filter((c) => c.csat === 1).length);
  });

  it('returns picks in ticket id order, once each, and nothing without rules', () => {
    const candidates = [ticket('b', { csat: 1 }), ticket('a', { csat: 1 }), ticket('b', { csat: 1 })];
    expect(targetedSample(RULES, candidates).picks.map((p) => p.ticketId)).toEqual(['a', 'b']);
    expect(targetedSample([], candidates)).toEqual({ picks: [], matchedInRandom: [] });
  });
});

describe('assignEvenly', () => {
  const evaluations = (agentIds: string[]) => agentIds.map((agentId, i) => ({ id: `e${String(i).padStart(2, '0')}`, agentId }));

  it('spreads evaluations evenly over the leads', () => {
    const result = assignEvenly(evaluations(Array.from({ length: 10 }, (_, i) => `agent-${i}`)), ['lead-b', 'lead-a', 'lead-c']);
    expect(result.load).toEqual({ 'lead-a': 4, 'lead-b': 3, 'lead-c': 3 });
    expect(result.unassigned).toEqual([]);
    expect(result.assignments.map((a) => a.evaluationId)).toEqual(evaluations(Array.from({ length: 10 }, (_, i) => `agent-${i}`)).map((e) => e.id));
  });

  it('tops up the leads with less open work first', () => {
    const result = assignEvenly(evaluations(['x', 'y', 'z', 'w']), ['lead-a', 'lead-b'], { 'lead-a': 5, 'lead-b': 1 });
    expect(result.load).toEqual({ 'lead-a': 5, 'lead-b': 5 });
    expect(result.assignments.every((a) => a.leadId === 'lead-b')).toBe(true);
  });

  it("never gives a lead their own ticket's evaluation, and still balances", () => {
    const result = assignEvenly(evaluations(['lead-a', 'lead-a', 'lead-a', 'x', 'y', 'z']), ['lead-a', 'lead-b', 'lead-c']);
    for (const a of result.assignments) expect(a.leadId).not.toBe(evaluations(['lead-a', 'lead-a', 'lead-a', 'x', 'y', 'z']).find((e) => e.id === a.evaluationId)?.agentId);
    expect(result.load).toEqual({ 'lead-a': 2, 'lead-b': 2, 'lead-c': 2 });
  });

  it('leaves unassigned what only the agent themselves could review', () => {
    const result = assignEvenly(evaluations(['lead-a', 'x']), ['lead-a']);
    expect(result.assignments).toEqual([{ evaluationId: 'e01', leadId: 'lead-a' }]);
    expect(result.unassigned).toEqual(['e00']);
    expect(assignEvenly(evaluations(['x']), []).unassigned).toEqual(['e00']);
  });

  it('gives the same assignment whatever order the evaluations and leads come in', () => {
    const list = evaluations(['lead-a', 'x', 'lead-b', 'y', 'z', 'lead-a', 'w']);
    const sorted = (r: ReturnType<typeof assignEvenly>) => [...r.assignments].sort((a, b) => a.evaluationId.localeCompare(b.evaluationId));
    expect(sorted(assignEvenly([...list].reverse(), ['lead-c', 'lead-b', 'lead-a']))).toEqual(sorted(assignEvenly(list, ['lead-a', 'lead-b', 'lead-c'])));
  });

  it('keeps loads within one of each other over many random batches when no lead is an agent', () => {
    const random = seededRandom('assign');
    for (let run = 0; run < 200; run++) {
      const leads = Array.from({ length: 1 + randomIntBelow(random, 5) }, (_, i) => `lead-${i}`);
      const result = assignEvenly(evaluations(Array.from({ length: randomIntBelow(random, 30) }, (_, i) => `agent-${i}`)), leads);
      const loads = Object.values(result.load);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    }
  });
});

describe('checkSamplingPolicy', () => {
  const valid: SamplingPolicy = {
    quota: { kind: 'percent', percent: 5, minimum: 3 },
    stratifyByChannel: true,
    capPerAgent: 10,
    targeted: [
      { id: 'low-csat', kind: 'low_csat', maxScore: 2 },
      { id: 'pci', kind: 'autoqa_flag', flags: ['card_read_aloud'] },
    ],
  };

  it('accepts valid policies', () => {
    expect(checkSamplingPolicy(valid)).toEqual([]);
    expect(checkSamplingPolicy({ ...valid, quota: { kind: 'count', count: 4 }, capPerAgent: null, targeted: [] })).toEqual([]);
  });

  it.each<[string, unknown, string[]]>([
    ['not an object', 'x', ['']],
    ['an unknown field', { ...valid, seed: 1 }, ['seed']],
    ['an unknown quota kind', { ...valid, quota: { kind: 'all' } }, ['quota']],
    ['a zero count', { ...valid, quota: { kind: 'count', count: 0 } }, ['quota.count']],
    ['a fractional count', { ...valid, quota: { kind: 'count', count: 2.5 } }, ['quota.count']],
    ['a zero percent', { ...valid, quota: { kind: 'percent', percent: 0, minimum: 1 } }, ['quota.percent']],
    ['over 100 %', { ...valid, quota: { kind: 'percent', percent: 101, minimum: 1 } }, ['quota.percent']],
    ['no minimum', { ...valid, quota: { kind: 'percent', percent: 5 } }, ['quota.minimum']],
    ['stratify not boolean', { ...valid, stratifyByChannel: 'yes' }, ['stratifyByChannel']],
    ['a zero cap', { ...valid, capPerAgent: 0 }, ['capPerAgent']],
    ['a cap below the minimum', { ...valid, capPerAgent: 2 }, ['capPerAgent']],
    ['a cap below the count', { ...valid, quota: { kind: 'count', count: 5 }, capPerAgent: 4 }, ['capPerAgent']],
    ['rules not a list', { ...valid, targeted: null }, ['targeted']],
    ['a repeated rule id', { ...valid, targeted: [valid.targeted[0], valid.targeted[0]] }, ['targeted.1.id']],
    ['an unknown rule kind', { ...valid, targeted: [{ id: 'x', kind: 'vip' }] }, ['targeted.0.kind']],
    ['a CSAT threshold off the scale', { ...valid, targeted: [{ id: 'x', kind: 'low_csat', maxScore: 6 }] }, ['targeted.0.maxScore']],
    ['a zero handle time', { ...valid, targeted: [{ id: 'x', kind: 'long_handle', minSeconds: 0 }] }, ['targeted.0.minSeconds']],
    ['a field of another rule kind', { ...valid, targeted: [{ id: 'x', kind: 'transferred', maxScore: 2 }] }, ['targeted.0.maxScore']],
    ['empty flag names', { ...valid, targeted: [{ id: 'x', kind: 'autoqa_flag', flags: [''] }] }, ['targeted.0.flags']],
    ['a bad rule id', { ...valid, targeted: [{ id: 'Low CSAT', kind: 'escalated' }] }, ['targeted.0.id']],
  ])('refuses %s', (_case, input, fields) => {
    expect(checkSamplingPolicy(input).map((p) => p.field)).toEqual(fields);
  });
});

function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]) ** 2 / expected[i], 0);
}

function randomIntBelow(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** Recorded once from the implementation; a change here means past draws can no longer be reproduced. */
const GOLDEN = {
  hashEmpty: [41608494, 3485963809, 1435736333, 1262568316],
  hashSeed: [676353991, 2590526183, 1445458669, 2581742199],
  sequence: [0.248563040047884, 0.9935987039934844, 0.6736910624895245, 0.324233481194824, 0.5108370885718614],
};

describe('checkSamplingPolicyRequest', () => {
  const valid = { name: 'Chat weekly', queueId: null, period: 'week', quota: { kind: 'count', count: 2 }, stratifyByChannel: true, capPerAgent: 4, targeted: [] };
  it.each([
    ['a valid request', {}, []],
    ['a queue id', { queueId: '6f1c2a0e-2b7d-4c1e-9d7a-1f2e3d4c5b6a' }, []],
    ['inactive', { active: false }, []],
    ['no name', { name: '  ' }, ['name']],
    ['a long name', { name: 'x'.repeat(101) }, ['name']],
    ['a queue id that is no uuid', { queueId: 'q1' }, ['queueId']],
    ['an unknown period', { period: 'year' }, ['period']],
    ['active as text', { active: 'yes' }, ['active']],
    ['a bad quota and an unknown field', { quota: { kind: 'count', count: 0 }, colour: 'red' }, ['colour', 'quota.count']],
  ])('%s', (_label, change, fields) => {
    expect(checkSamplingPolicyRequest({ ...valid, ...change }).map((p) => p.field)).toEqual(fields);
  });
  it('refuses what is not an object', () => {
    expect(checkSamplingPolicyRequest([])).toEqual([{ field: '', message: 'must be an object' }]);
  });
});

describe('planDraw', () => {
  const rules: TargetedRule[] = [
    { id: 'low', kind: 'low_csat', maxScore: 2 },
    { id: 'flagged', kind: 'autoqa_flag' },
  ];
  // ann: 6 chats, two with CSAT 1 and one flagged; bob: 4 emails.
  const candidates: QaCandidate[] = [
    ...tickets('ann', 'chat', 6).map((t, i) => ({ ...t, csat: i < 2 ? 1 : 5, autoQaFlags: i === 5 ? ['missing_greeting'] : [] })),
    ...tickets('bob', 'email', 4),
  ];

  it('keeps the streams apart, never evaluates a ticket twice, and shares the work evenly among leads who are not the agent', () => {
    const plan = planDraw(policy({ quota: { kind: 'count', count: 2 }, targeted: rules }), candidates, [], 'seed-1', ['lead-b', 'lead-a', 'ann']);
    expect(plan.random.filter((p) => p.agentId === 'ann')).toHaveLength(2);
    expect(plan.random.filter((p) => p.agentId === 'bob')).toHaveLength(2);
    const randomIds = new Set(plan.random.map((p) => p.ticketId));
    expect(plan.targeted.every((p) => !randomIds.has(p.ticketId))).toBe(true);
    // Every low-CSAT or flagged ticket of ann is in one stream or the other.
    for (const id of ['ann-chat-00', 'ann-chat-01', 'ann-chat-05']) expect(randomIds.has(id) || plan.targeted.some((p) => p.ticketId === id)).toBe(true);
    const tickets = [...plan.random, ...plan.targeted];
    expect(Object.keys(plan.reviewerOf).sort()).toEqual(tickets.map((p) => p.ticketId).sort());
    // ann is a lead too but never reviews herself.
    for (const p of tickets.filter((t) => t.agentId === 'ann')) expect(plan.reviewerOf[p.ticketId]).not.toBe('ann');
    const loads = Object.values(plan.load);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((a, b) => a + b, 0)).toBe(tickets.length);
  });

  it('is the same draw for the same seed, whatever the input order; a top-up respects earlier draws', () => {
    const p = policy({ quota: { kind: 'count', count: 3 }, targeted: rules });
    const one = planDraw(p, candidates, [], 's', ['l1']);
    const two = planDraw(p, [...candidates].reverse(), [], 's', ['l1']);
    expect(two).toEqual(one);
    const earlier = one.random.filter((r) => r.agentId === 'bob').map((r) => ({ ticketId: r.ticketId, agentId: 'bob' }));
    const rest = candidates.filter((c) => !earlier.some((e) => e.ticketId === c.ticketId));
    const again = planDraw(p, rest, earlier, 's', ['l1']);
    expect(again.random.filter((r) => r.agentId === 'bob')).toEqual([]);
  });

  it('leaves evaluations unassigned when no lead may take them', () => {
    const plan = planDraw(policy({ quota: { kind: 'count', count: 1 } }), tickets('ann', 'chat', 3), [], 's', ['ann']);
    expect(Object.values(plan.reviewerOf)).toEqual([null]);
  });
});

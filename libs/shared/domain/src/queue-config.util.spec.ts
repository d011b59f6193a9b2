import type { QueueSettings } from '@switchboard/shared-contracts';
import { DEFAULT_QUEUE_SETTINGS, parseInboxRouting, parseQueueSettings, queueProblems, type StaffedAgent } from './queue-config.util';

const TEAM_A = '0b9d1c8e-1f0a-4c3b-9d2e-5a6b7c8d9e0f';
const TEAM_B = '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910';
const stored = (over: Partial<QueueSettings> = {}): QueueSettings => ({ ...DEFAULT_QUEUE_SETTINGS, name: 'Claims', channels: ['voice', 'chat'], ...over });
const fieldsOf = (result: ReturnType<typeof parseQueueSettings> | ReturnType<typeof parseInboxRouting>) => (result.ok ? [] : result.fields.map((f) => f.field));

describe('DEFAULT_QUEUE_SETTINGS', () => {
  it('orders with a wait weight above zero, so no ticket can starve', () => {
    expect(DEFAULT_QUEUE_SETTINGS.ordering.waitWeight).toBeGreaterThan(0);
  });
  it('are themselves valid settings', () => {
    expect(parseQueueSettings({ ...DEFAULT_QUEUE_SETTINGS, name: 'All defaults', channels: ['email'] }, null).ok).toBe(true);
  });
});

describe('parseQueueSettings: creating a queue', () => {
  it('fills every setting left out with its default and trims the name', () => {
    expect(parseQueueSettings({ name: '  Claims ', channels: ['voice', 'chat'] }, null)).toEqual({ ok: true, value: stored() });
  });

  it('takes every setting given', () => {
    const full: QueueSettings = {
      name: 'Spanish claims',
      channels: ['voice', 'email'],
      requiredSkills: [{ skill: 'claims', minProficiency: 3 }],
      secondarySkills: [{ skill: 'policy_billing', minProficiency: 2 }],
      language: 'es',
      teamIds: [TEAM_A],
      priority: 2,
      slaSeconds: 30,
      serviceLevelPercent: 90,
      resolutionSeconds: 86_400,
      nextResponseSeconds: 600,
      ordering: { priorityWeight: 0, waitWeight: 0.01, slaWeight: 1000 },
      offerTimeouts: { voice: 5, chat: 3600, email: 120, social: 60 },
      autoAcceptChannels: ['email', 'social'],
      returnAfterSeconds: 60,
      stickySeconds: 0,
      overflow: [
        { afterSeconds: 60, widen: 'secondary_skills' },
        { afterSeconds: 120, widen: 'any_language' },
        { afterSeconds: 300, widen: 'teams', teamIds: [TEAM_B] },
      ],
      rejectCooldownSeconds: 86_400,
    };
    expect(parseQueueSettings(full, null)).toEqual({ ok: true, value: full });
  });

  it('requires a name and channels', () => {
    expect(parseQueueSettings({}, null)).toEqual({
      ok: false,
      fields: [
        { field: 'name', message: 'is required' },
        { field: 'channels', message: 'is required' },
      ],
    });
  });

  it.each([null, 'Claims', ['Claims'], 42])('refuses %p as a whole', (input) => {
    expect(parseQueueSettings(input, null)).toEqual({ ok: false, fields: [{ field: '', message: 'must be an object' }] });
  });

  it('reports every problem at once', () => {
    expect(fieldsOf(parseQueueSettings({ name: '', channels: [], priority: 0, overflow: [{ afterSeconds: 0, widen: 'teams' }], colour: 'red' }, null))).toEqual([
      'colour',
      'name',
      'channels',
      'priority',
      'overflow[0].afterSeconds',
      'overflow[0].teamIds',
    ]);
  });

  it('gives a new queue its own copies: changing one queue’s lists never changes the defaults', () => {
    const result = parseQueueSettings({ name: 'A', channels: ['chat'] }, null);
    if (!result.ok) throw new Error('expected valid settings');
    result.value.requiredSkills.push({ skill: 'claims', minProficiency: 1 });
    result.value.ordering.waitWeight = 0;
    result.value.offerTimeouts.chat = 5;
    expect(DEFAULT_QUEUE_SETTINGS.requiredSkills).toEqual([]);
    expect(DEFAULT_QUEUE_SETTINGS.ordering.waitWeight).toBe(1);
    expect(DEFAULT_QUEUE_SETTINGS.offerTimeouts.chat).toBe(30);
  });
});

describe('parseQueueSettings: field errors (editing a valid queue)', () => {
  const long = 'x'.repeat(101);
  const skills = (n: number) => Array.from({ length: n }, (_, i) => ({ skill: `skill_${i}`, minProficiency: 1 }));
  it.each([
    // [what the admin sent, the fields reported]
    [{ name: '' }, ['name']],
    [{ name: '   ' }, ['name']],
    [{ name: long }, ['name']],
    [{ name: 7 }, ['name']],
    [{ name: null }, ['name']],
    [{ channels: [] }, ['channels']],
    [{ channels: ['fax'] }, ['channels']],
    [{ channels: ['chat', 'chat'] }, ['channels']],
    [{ channels: 'chat' }, ['channels']],
    [{ requiredSkills: 'claims' }, ['requiredSkills']],
    [{ requiredSkills: skills(21) }, ['requiredSkills']],
    [{ requiredSkills: [{ skill: 'Claims', minProficiency: 3 }] }, ['requiredSkills[0].skill']],
    [{ requiredSkills: [{ skill: 'c', minProficiency: 3 }] }, ['requiredSkills[0].skill']],
    [{ requiredSkills: ['claims'] }, ['requiredSkills[0].skill']],
    [{ requiredSkills: [{ skill: 'claims', minProficiency: 0 }] }, ['requiredSkills[0].minProficiency']],
    [{ requiredSkills: [{ skill: 'claims', minProficiency: 6 }] }, ['requiredSkills[0].minProficiency']],
    [{ requiredSkills: [{ skill: 'claims', minProficiency: 2.5 }] }, ['requiredSkills[0].minProficiency']],
    [{ requiredSkills: [{ skill: 'claims' }] }, ['requiredSkills[0].minProficiency']],
    [{ requiredSkills: [{ skill: 'claims', minProficiency: 3 }, { skill: 'claims', minProficiency: 4 }] }, ['requiredSkills[1].skill']],
    [{ requiredSkills: [{ skill: 'claims', minProficiency: 3, level: 'senior' }] }, ['requiredSkills[0].level']],
    [{ secondarySkills: [{ skill: 'billing', minProficiency: 9 }] }, ['secondarySkills[0].minProficiency']],
    [{ language: 'EN' }, ['language']],
    [{ language: 'english' }, ['language']],
    [{ language: 5 }, ['language']],
    [{ teamIds: ['support-team'] }, ['teamIds']],
    [{ teamIds: TEAM_A }, ['teamIds']],
    [{ priority: 0 }, ['priority']],
    [{ priority: 5 }, ['priority']],
    [{ priority: 2.5 }, ['priority']],
    [{ priority: '1' }, ['priority']],
    [{ slaSeconds: 0 }, ['slaSeconds']],
    [{ slaSeconds: 30 * 86_400 + 1 }, ['slaSeconds']],
    [{ resolutionSeconds: 0 }, ['resolutionSeconds']],
    [{ resolutionSeconds: 90 * 86_400 + 1 }, ['resolutionSeconds']],
    [{ resolutionSeconds: '3600' }, ['resolutionSeconds']],
    [{ nextResponseSeconds: 1.5 }, ['nextResponseSeconds']],
    [{ nextResponseSeconds: -60 }, ['nextResponseSeconds']],
    [{ serviceLevelPercent: 0 }, ['serviceLevelPercent']],
    [{ serviceLevelPercent: 101 }, ['serviceLevelPercent']],
    [{ ordering: 'fifo' }, ['ordering']],
    [{ ordering: { priorityWeight: 10, waitWeight: 0, slaWeight: 5 } }, ['ordering.waitWeight']],
    [{ ordering: { priorityWeight: 10, waitWeight: 0.001, slaWeight: 5 } }, ['ordering.waitWeight']],
    [{ ordering: { priorityWeight: -1, waitWeight: 1, slaWeight: 5 } }, ['ordering.priorityWeight']],
    [{ ordering: { priorityWeight: 10, waitWeight: 1, slaWeight: 1001 } }, ['ordering.slaWeight']],
    [{ ordering: { priorityWeight: 10, waitWeight: 1 } }, ['ordering.slaWeight']],
    [{ ordering: { priorityWeight: 10, waitWeight: 1, slaWeight: 5, boost: 2 } }, ['ordering.boost']],
    [{ ordering: { priorityWeight: Number.NaN, waitWeight: Number.POSITIVE_INFINITY, slaWeight: 5 } }, ['ordering.priorityWeight', 'ordering.waitWeight']],
    [{ offerTimeouts: 30 }, ['offerTimeouts']],
    [{ offerTimeouts: { voice: 20, chat: 30, email: 120 } }, ['offerTimeouts.social']],
    [{ offerTimeouts: { voice: 4, chat: 30, email: 120, social: 60 } }, ['offerTimeouts.voice']],
    [{ offerTimeouts: { voice: 20, chat: 3601, email: 120, social: 60 } }, ['offerTimeouts.chat']],
    [{ offerTimeouts: { voice: 20, chat: 30, email: 120, social: 60, fax: 10 } }, ['offerTimeouts.fax']],
    [{ autoAcceptChannels: ['chat'] }, ['autoAcceptChannels']],
    [{ autoAcceptChannels: ['voice', 'email'] }, ['autoAcceptChannels']],
    [{ autoAcceptChannels: 'email' }, ['autoAcceptChannels']],
    [{ returnAfterSeconds: 59 }, ['returnAfterSeconds']],
    [{ returnAfterSeconds: 30 * 86_400 + 1 }, ['returnAfterSeconds']],
    [{ stickySeconds: -1 }, ['stickySeconds']],
    [{ stickySeconds: 86_401 }, ['stickySeconds']],
    [{ rejectCooldownSeconds: 1.5 }, ['rejectCooldownSeconds']],
    [{ rejectCooldownSeconds: -1 }, ['rejectCooldownSeconds']],
    [{ overflow: { afterSeconds: 60, widen: 'any_language' } }, ['overflow']],
    [{ overflow: Array.from({ length: 11 }, (_, i) => ({ afterSeconds: 60 * (i + 1), widen: 'any_language' })) }, ['overflow']],
    [{ overflow: ['any_language'] }, ['overflow[0]']],
    [{ overflow: [{ afterSeconds: 0, widen: 'any_language' }] }, ['overflow[0].afterSeconds']],
    [{ overflow: [{ afterSeconds: 60, widen: 'everyone' }] }, ['overflow[0].widen']],
    [{ overflow: [{ afterSeconds: 60, widen: 'teams' }] }, ['overflow[0].teamIds']],
    [{ overflow: [{ afterSeconds: 60, widen: 'teams', teamIds: [] }] }, ['overflow[0].teamIds']],
    [{ overflow: [{ afterSeconds: 60, widen: 'teams', teamIds: ['night-team'] }] }, ['overflow[0].teamIds']],
    [{ overflow: [{ afterSeconds: 60, widen: 'any_language', note: 'x' }] }, ['overflow[0].note']],
    [{ overflow: [{ afterSeconds: 60, widen: 'any_language' }, { afterSeconds: 30.5, widen: 'secondary_skills' }] }, ['overflow[1].afterSeconds']],
    [{ id: 'q1' }, ['id']],
    [{ problems: [] }, ['problems']],
  ])('%j → %j', (input, fields) => {
    expect(fieldsOf(parseQueueSettings(input, stored()))).toEqual(fields);
  });

  it.each([
    [{ name: 'x'.repeat(100) }],
    [{ language: null }],
    [{ language: 'fil' }],
    [{ returnAfterSeconds: null }],
    [{ returnAfterSeconds: 30 * 86_400 }],
    [{ stickySeconds: 0 }],
    [{ autoAcceptChannels: [] }],
    [{ teamIds: [] }],
    [{ overflow: [] }],
    [{ requiredSkills: skills(20) }],
    [{ ordering: { priorityWeight: 0, waitWeight: 1000, slaWeight: 0 } }],
  ])('accepts %j', (input) => {
    expect(parseQueueSettings(input, stored())).toMatchObject({ ok: true });
  });
});

describe('parseQueueSettings: editing a queue', () => {
  const base = stored({ priority: 2, language: 'es', stickySeconds: 30 });

  it('changes only the fields given and keeps the rest', () => {
    expect(parseQueueSettings({ priority: 1 }, base)).toEqual({ ok: true, value: { ...base, priority: 1 } });
  });

  it('does not ask again for the name and channels', () => {
    expect(parseQueueSettings({}, base)).toEqual({ ok: true, value: base });
  });

  it('keeps the stored value for a field sent as undefined (an optional form field left out)', () => {
    expect(parseQueueSettings({ priority: undefined, language: undefined, name: undefined, stickySeconds: 45 }, base)).toEqual({ ok: true, value: { ...base, stickySeconds: 45 } });
  });

  it('clears the language with null (then the ticket’s detected language counts)', () => {
    expect(parseQueueSettings({ language: null }, base)).toMatchObject({ ok: true, value: { language: null } });
  });

  it('keeps only queue settings when handed a full stored queue as the base', () => {
    const view = { ...base, id: 'q1', clientId: 'c1', problems: [], createdAt: 'x', updatedAt: 'y' };
    const result = parseQueueSettings({ priority: 4 }, view);
    expect(result.ok && Object.keys(result.value).sort()).toEqual(Object.keys(base).sort());
  });

  it('leaves the stored settings untouched', () => {
    const before = structuredClone(base);
    parseQueueSettings({ overflow: [{ afterSeconds: 60, widen: 'any_language' }], priority: 1 }, base);
    expect(base).toEqual(before);
  });
});

describe('parseInboxRouting', () => {
  const queues = new Set(['q-general', 'q-spanish', 'q-cards']);

  it('accepts a default queue and rules', () => {
    const routing = {
      defaultQueueId: 'q-general',
      rules: [
        { queueId: 'q-spanish', language: 'es' },
        { queueId: 'q-cards', keywords: ['card', 'CVV'], priority: 1 },
      ],
    };
    expect(parseInboxRouting(routing, queues)).toEqual({ ok: true, value: routing });
  });

  it('reads an empty object as no default and no rules', () => {
    expect(parseInboxRouting({}, queues)).toEqual({ ok: true, value: { defaultQueueId: null, rules: [] } });
  });

  it.each([null, [], 'q-general'])('refuses %p as a whole', (input) => {
    expect(fieldsOf(parseInboxRouting(input, queues))).toEqual(['']);
  });

  it.each([
    [{ defaultQueueId: 'q-other-client' }, ['defaultQueueId']],
    [{ defaultQueueId: 3 }, ['defaultQueueId']],
    [{ rules: {} }, ['rules']],
    [{ rules: Array.from({ length: 51 }, () => ({ queueId: 'q-cards' })) }, ['rules']],
    [{ rules: ['q-cards'] }, ['rules[0]']],
    [{ rules: [{ language: 'es' }] }, ['rules[0].queueId']],
    [{ rules: [{ queueId: 'q-other-client' }] }, ['rules[0].queueId']],
    [{ rules: [{ queueId: 'q-spanish', language: 'Spanish' }] }, ['rules[0].language']],
    [{ rules: [{ queueId: 'q-cards', keywords: 'card' }] }, ['rules[0].keywords']],
    [{ rules: [{ queueId: 'q-cards', keywords: ['card', '  '] }] }, ['rules[0].keywords']],
    [{ rules: [{ queueId: 'q-cards', keywords: ['x'.repeat(101)] }] }, ['rules[0].keywords']],
    [{ rules: [{ queueId: 'q-cards', keywords: Array.from({ length: 51 }, (_, i) => `w${i}`) }] }, ['rules[0].keywords']],
    [{ rules: [{ queueId: 'q-cards', priority: 0 }] }, ['rules[0].priority']],
    [{ rules: [{ queueId: 'q-cards', priority: 5 }] }, ['rules[0].priority']],
    [{ rules: [{ queueId: 'q-cards', channel: 'chat' }] }, ['rules[0].channel']],
    [{ rules: [{ queueId: 'q-cards' }, { queueId: 'nope', priority: 9 }] }, ['rules[1].queueId', 'rules[1].priority']],
    [{ fallback: 'q-general' }, ['fallback']],
  ])('%j → %j', (input, fields) => {
    expect(fieldsOf(parseInboxRouting(input, queues))).toEqual(fields);
  });
});

describe('queueProblems', () => {
  const staff = (over: Partial<StaffedAgent> = {}): StaffedAgent => ({
    clientIds: ['acme'],
    teamIds: [TEAM_A],
    languages: ['en', 'es'],
    skills: { claims: 4, billing: 3 },
    capacity: { voice: 1, chat: 3, email: 5, social: 3 },
    ...over,
  });
  const claims = stored({ channels: ['voice', 'chat'], requiredSkills: [{ skill: 'claims', minProficiency: 3 }], language: 'es', teamIds: [TEAM_A] });
  const codes = (q: QueueSettings, agents: StaffedAgent[]) => queueProblems(q, 'acme', agents).map((p) => p.code);

  it.each([
    ['one agent matches everything', claims, [staff()], []],
    ['nobody serves the client', claims, [staff({ clientIds: ['globex'] })], ['no_agents']],
    ['no agents at all', claims, [], ['no_agents']],
    ['nobody takes calls or chats', claims, [staff({ capacity: { email: 5 } })], ['no_channel_capacity']],
    ['chats are covered but nobody takes calls: the callers are stuck', claims, [staff({ capacity: { chat: 3 } })], ['no_channel_capacity']],
    ['nobody holds the skill well enough', claims, [staff({ skills: { claims: 2 } })], ['no_skills']],
    ['nobody speaks Spanish', claims, [staff({ languages: ['en'] })], ['no_language']],
    ['nobody is in the queue’s team', claims, [staff({ teamIds: [TEAM_B] })], ['no_team']],
    ['several problems at once', claims, [staff({ skills: {}, languages: ['en'], teamIds: [] })], ['no_skills', 'no_language', 'no_team']],
    ['one agent speaks Spanish, another holds the skill: nobody matches all', claims, [staff({ languages: ['en'] }), staff({ skills: {} })], ['no_agent_matches_all']],
    ['calls and chats each covered, but the one taking calls lacks the skill', claims, [staff({ capacity: { voice: 1 }, skills: {} }), staff({ capacity: { chat: 3 } })], ['no_agent_matches_all']],
    ['agents of other clients do not count', claims, [staff({ languages: ['en'] }), staff({ clientIds: ['globex'] })], ['no_language']],
    ['a queue asking nothing is served by anyone who takes the channel', stored({ channels: ['email'] }), [staff({ skills: {}, languages: [], teamIds: [], capacity: { email: 1 } })], []],
    ['no queue language: any speaker will do', { ...claims, language: null }, [staff({ languages: ['en'] })], []],
  ] as [string, QueueSettings, StaffedAgent[], string[]][])('%s', (_why, q, agents, expected) => {
    expect(codes(q, agents)).toEqual(expected);
  });

  it.each([
    ['secondary skills', { secondarySkills: [{ skill: 'billing', minProficiency: 3 }] }, { afterSeconds: 60, widen: 'secondary_skills' as const }, staff({ skills: { billing: 3 } }), 'no_skills'],
    ['any language', {}, { afterSeconds: 120, widen: 'any_language' as const }, staff({ languages: ['en'] }), 'no_language'],
    ['more teams', {}, { afterSeconds: 300, widen: 'teams' as const, teamIds: [TEAM_B] }, staff({ teamIds: [TEAM_B] }), 'no_team'],
  ])('judges the widest overflow ring: an agent reached only through the %s ring counts', (_why, extra, ring, onlyAgent, withoutRing) => {
    expect(codes({ ...claims, ...extra }, [onlyAgent])).toEqual([withoutRing]);
    expect(codes({ ...claims, ...extra, overflow: [ring] }, [onlyAgent])).toEqual([]);
  });

  it('says what is missing in words an admin can act on', () => {
    const q = stored({ channels: ['voice', 'chat', 'email'], requiredSkills: [{ skill: 'claims', minProficiency: 3 }, { skill: 'fraud', minProficiency: 2 }], language: 'pt' });
    expect(queueProblems(q, 'acme', [staff({ capacity: { email: 5 } })])).toEqual([
      { code: 'no_channel_capacity', message: 'No agent of this client has capacity for voice or chat.' },
      { code: 'no_skills', message: 'No agent of this client holds claims at 3+ and fraud at 2+.' },
      { code: 'no_language', message: 'No agent of this client speaks "pt".' },
    ]);
  });

  it('names the channel nobody can fully serve when the others are covered', () => {
    const [problem] = queueProblems(claims, 'acme', [staff({ capacity: { voice: 1 }, skills: {} }), staff({ capacity: { chat: 3 } })]);
    expect(problem.message).toBe('Some agents match each requirement, but none matches them all for voice.');
  });
});

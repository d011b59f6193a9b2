import { agentShortName, agentShortNames } from './agent-name.util';

describe('agentShortName (what a client reads of an agent)', () => {
  it.each([
    ['Maria Santos', 'Maria S.'],
    ['  Omar   al Rashid ', 'Omar R.'],
    ['Ana Lopez-Garcia', 'Ana L.'],
    ['María José García', 'María G.'],
    ['ivy agent', 'ivy A.'],
    ['Ünal Öztürk', 'Ünal Ö.'],
    ['Li 𠮷田', 'Li 𠮷.'],
    ['Cher', 'Cher'],
    ['', 'Agent'],
    ['   ', 'Agent'],
  ])('%j → %j', (name, shown) => expect(agentShortName(name)).toBe(shown));
});

describe('agentShortNames', () => {
  it.each([
    ['distinct names stay as they are', [['b', 'Maria Santos'], ['a', 'Omar Haddad']], [['a', 'Omar H.'], ['b', 'Maria S.']]],
    ['two agents who shorten alike are numbered by id', [['u2', 'Maria Santos'], ['u1', 'Maria Silva'], ['u3', 'Omar Haddad']], [['u1', 'Maria S. (1)'], ['u2', 'Maria S. (2)'], ['u3', 'Omar H.']]],
    ['no agent', [], []],
  ] as [string, [string, string][], [string, string][]][])('%s', (_name, agents, shown) => {
    const names = agentShortNames(agents.map(([id, displayName]) => ({ id, displayName })));
    expect([...names].sort()).toEqual(shown.sort());
  });
});

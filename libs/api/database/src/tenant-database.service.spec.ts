import { openingStatement, RESET_TENANT_SQL } from './tenant-database.service';

const A = '8b0e7c1e-6f0e-4d57-9d3a-3a1c2b4d5e6f';
const B = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

describe('openingStatement', () => {
  it.each([
    ['an agent of two clients', { role: 'agent' as const, clientIds: [A, B] }, `${A},${B}`, 'agent'],
    ['the system across clients', { role: 'system' as const, clientIds: [] }, '', 'system'],
    ['a widget customer', { role: 'customer' as const, clientIds: [A] }, A, 'customer'],
    ['a team lead', { role: 'team_lead' as const, clientIds: [A] }, A, 'team_lead'],
  ])('%s: reset, begin and the scope for this transaction only, in one statement', (_, scope, ids, role) => {
    expect(openingStatement(scope)).toBe(
      `${RESET_TENANT_SQL}; START TRANSACTION; SELECT set_config('app.client_ids', '${ids}', true), set_config('app.role', '${role}', true)`,
    );
  });

  it.each([
    ['a client id with a quote', { role: 'agent', clientIds: [`${A}', true); SET ROLE postgres; --`] }],
    ['a client id that is not a uuid', { role: 'agent', clientIds: ['client-1'] }],
    ['a role with a quote', { role: "agent'); SET ROLE postgres; --", clientIds: [A] }],
    ['an empty role', { role: '', clientIds: [A] }],
  ])('%s is never written into the statement (the scope is then bound as parameters)', (_, scope) => {
    expect(openingStatement(scope as never)).toBeNull();
  });
});

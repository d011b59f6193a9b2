import type { AgentDirectoryView, ErrorResponse, StaffAccountView, TeamView } from '@switchboard/shared-contracts';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '../database/seed/demo-data';
import { allPages, http, login, ownerQuery, startTestApp, type TestApp } from '../testing/test-app';

const TAG = `tm${randomUUID().slice(0, 6)}`;

/**
 * Teams and the accounts that run the floor (team leads, admins): admins create and rename teams,
 * move agents into them and see whom each serves; admins create and deactivate lead and admin
 * accounts. Leads, agents and client users are refused with nothing written; bad input is refused
 * field by field with nothing written; every write is audited.
 */
describe('admin teams and accounts', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let lead: string;
  let agent: string;
  let viewer: string;

  beforeAll(async () => {
    t = await startTestApp();
    const signedIn = await login(t.url, 'admin@switchboard.demo');
    admin = signedIn.accessToken;
    adminId = (await http<{ user: { id: string } }>(t.url, 'GET', '/api/me', { token: admin })).body.user.id;
    lead = (await login(t.url, 'lead1@switchboard.demo')).accessToken;
    agent = (await login(t.url, 'agent1@switchboard.demo')).accessToken;
    viewer = (await login(t.url, 'viewer@northwind.demo')).accessToken;
  });
  afterAll(async () => {
    await ownerQuery(`DELETE FROM users WHERE email LIKE $1`, [`%.${TAG}@switchboard.test`]);
    await ownerQuery(`DELETE FROM teams WHERE name LIKE $1`, [`%${TAG}%`]);
    await t.close();
  });

  const call = <T>(method: string, path: string, token: string, body?: unknown) => http<T>(t.url, method, path, { token, body });
  const audit = (action: string, targetId: string) => ownerQuery<{ actor_user_id: string; details: Record<string, unknown> }>('SELECT actor_user_id, details FROM audit_log WHERE action = $1 AND target_id = $2', [action, targetId]);
  const fieldsOf = (r: { body: unknown }) => ((r.body as ErrorResponse).error.fields ?? []).map((f) => f.field).sort();
  const email = (name: string) => `${name}.${TAG}@switchboard.test`;

  async function newTeam(name: string, timeZone = 'Asia/Manila'): Promise<TeamView> {
    const created = await call<TeamView>('POST', '/api/teams', admin, { name: `${name} ${TAG}`, timeZone });
    expect(created.status).toBe(201);
    return created.body;
  }

  describe('who may', () => {
    it('refuses leads, agents and client users every team and account write and the account list, with nothing written', async () => {
      const team = await newTeam('Untouched');
      const [leadUser] = await ownerQuery<{ id: string }>(`SELECT id FROM users WHERE email = 'lead1@switchboard.demo'`);
      const writes: [string, string, unknown][] = [
        ['POST', '/api/teams', { name: `Nope ${TAG}`, timeZone: 'UTC' }],
        ['PATCH', `/api/teams/${team.id}`, { name: `Pwned ${TAG}` }],
        ['POST', '/api/accounts', { email: email('nope'), displayName: 'Nope', role: 'admin', password: DEMO_PASSWORD }],
        ['PATCH', `/api/accounts/${adminId}`, { disabled: true }],
        ['PATCH', `/api/accounts/${leadUser.id}`, { displayName: 'Pwned' }],
      ];
      for (const token of [lead, agent, viewer]) {
        for (const [method, path, body] of writes) {
          const refused = await call<ErrorResponse>(method, path, token, body);
          expect([token === lead ? 'lead' : token === agent ? 'agent' : 'viewer', method, path, refused.status, refused.body.error.code]).toEqual([token === lead ? 'lead' : token === agent ? 'agent' : 'viewer', method, path, 403, 'FORBIDDEN']);
        }
        expect((await call('GET', '/api/accounts', token)).status).toBe(403);
      }
      // Leads still read the teams (their board names them); agents and client users do not.
      expect((await call('GET', '/api/teams', lead)).status).toBe(200);
      expect((await call('GET', '/api/teams', viewer)).status).toBe(403);
      expect(await ownerQuery('SELECT 1 FROM teams WHERE name IN ($1, $2)', [`Nope ${TAG}`, `Pwned ${TAG}`])).toEqual([]);
      expect(await ownerQuery(`SELECT 1 FROM users WHERE email = $1 OR display_name = 'Pwned' OR (id = $2 AND disabled_at IS NOT NULL)`, [email('nope'), adminId])).toEqual([]);
    });
  });

  describe('teams', () => {
    it('creates and renames a team, moves agents into it and shows its members, leads and the clients they serve; audited', async () => {
      const team = await newTeam('Cebu Nights');
      expect(team).toMatchObject({ name: `Cebu Nights ${TAG}`, timeZone: 'Asia/Manila', memberCount: 0, leadNames: [], clientIds: [] });
      expect(await audit('team.created', team.id)).toEqual([expect.objectContaining({ actor_user_id: adminId })]);

      const [northwind] = await ownerQuery<{ id: string }>(`SELECT id FROM clients WHERE slug = 'northwind'`);
      const member = await call<AgentDirectoryView>('POST', '/api/agents', admin, {
        email: email('cara'), displayName: `Cara ${TAG}`, role: 'agent', password: DEMO_PASSWORD, clientIds: [northwind.id], timeZone: 'Asia/Manila', teamId: team.id,
      });
      expect(member.status).toBe(201);
      const leader = await call<StaffAccountView>('POST', '/api/accounts', admin, { email: email('lino'), displayName: `Lino ${TAG}`, role: 'team_lead', password: DEMO_PASSWORD });
      expect((await call('PATCH', `/api/agents/${leader.body.id}`, admin, { teamId: team.id })).status).toBe(200);

      const renamed = await call<TeamView>('PATCH', `/api/teams/${team.id}`, admin, { name: `Cebu Late ${TAG}` });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ id: team.id, name: `Cebu Late ${TAG}`, timeZone: 'Asia/Manila', memberCount: 2, leadNames: [`Lino ${TAG}`], clientIds: [northwind.id] });
      const [entry] = await audit('team.updated', team.id);
      expect(entry.details).toEqual({ before: { name: `Cebu Nights ${TAG}`, timeZone: 'Asia/Manila' }, after: { name: `Cebu Late ${TAG}`, timeZone: 'Asia/Manila' } });

      const members = await allPages<AgentDirectoryView>(t.url, `/api/agents?teamId=${team.id}&limit=1`, admin);
      expect(members.map((a) => [a.displayName, a.role, a.teamName])).toEqual([[`Cara ${TAG}`, 'agent', `Cebu Late ${TAG}`], [`Lino ${TAG}`, 'team_lead', `Cebu Late ${TAG}`]]);
      const listed = await allPages<TeamView>(t.url, '/api/teams?limit=1', lead);
      expect(listed.find((t) => t.id === team.id)?.memberCount).toBe(2);

      // Taken out of the team on their agent record: the team no longer counts them.
      expect((await call('PATCH', `/api/agents/${member.body.id}`, admin, { teamId: null })).status).toBe(200);
      expect((await allPages<TeamView>(t.url, '/api/teams', admin)).find((t) => t.id === team.id)).toMatchObject({ memberCount: 1, clientIds: [] });
    });

    it('refuses a taken or blank name, a made-up time zone, members given on the team, an unknown team; nothing written', async () => {
      const team = await newTeam('Davao');
      const other = await newTeam('Iloilo');
      const refusals: [string, string, unknown, string[], number][] = [
        ['POST', '/api/teams', { name: `Davao ${TAG}`, timeZone: 'UTC' }, ['name'], 400],
        ['POST', '/api/teams', { name: '  ', timeZone: 'Mars/Olympus' }, ['name', 'timeZone'], 400],
        ['POST', '/api/teams', { name: `Extra ${TAG}`, timeZone: 'UTC', members: [adminId] }, ['members'], 400],
        ['POST', '/api/teams', ['Davao'], [''], 400],
        ['PATCH', `/api/teams/${other.id}`, { name: `Davao ${TAG}` }, ['name'], 400],
        ['PATCH', `/api/teams/${other.id}`, { timeZone: 'Asia/Nowhere' }, ['timeZone'], 400],
        ['PATCH', '/api/teams/not-a-uuid', { name: `Nope ${TAG}` }, ['teamId'], 400],
      ];
      for (const [method, path, body, fields, status] of refusals) {
        const refused = await call<ErrorResponse>(method, path, admin, body);
        expect([method, path, refused.status, refused.body.error.code, fieldsOf(refused)]).toEqual([method, path, status, 'VALIDATION_FAILED', fields]);
      }
      expect((await call<ErrorResponse>('PATCH', `/api/teams/${randomUUID()}`, admin, { name: `Ghost ${TAG}` })).status).toBe(404);
      expect((await call<ErrorResponse>('GET', '/api/agents?teamId=nope', admin)).status).toBe(400);
      const rows = await ownerQuery<{ name: string; time_zone: string }>(`SELECT name, time_zone FROM teams WHERE name LIKE $1 AND id = ANY ($2) ORDER BY name`, [`%${TAG}`, [team.id, other.id]]);
      expect(rows).toEqual([{ name: `Davao ${TAG}`, time_zone: 'Asia/Manila' }, { name: `Iloilo ${TAG}`, time_zone: 'Asia/Manila' }]);
      expect(await ownerQuery(`SELECT 1 FROM teams WHERE name IN ($1, $2)`, [`Extra ${TAG}`, `Ghost ${TAG}`])).toEqual([]);
    });
  });

  describe('accounts', () => {
    it('creates an admin who can sign in and manage the directory, lists leads and admins, and deactivates one: sessions end, sign-in stops; audited', async () => {
      const created = await call<StaffAccountView>('POST', '/api/accounts', admin, { email: ` ${email('ada').toUpperCase()} `, displayName: `Ada ${TAG}`, role: 'admin', password: DEMO_PASSWORD });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: email('ada'), displayName: `Ada ${TAG}`, role: 'admin', disabled: false, teamName: null });
      const [entry] = await audit('account.created', created.body.id);
      expect(entry.details).toEqual({ email: email('ada'), displayName: `Ada ${TAG}`, role: 'admin' });
      expect(JSON.stringify(entry.details)).not.toContain(DEMO_PASSWORD);

      const ada = await login(t.url, email('ada'));
      expect((await call('GET', '/api/accounts?limit=1', ada.accessToken)).status).toBe(200);
      const admins = await allPages<StaffAccountView>(t.url, `/api/accounts?role=admin&q=${TAG}&limit=1`, admin);
      expect(admins.map((a) => a.displayName)).toEqual([`Ada ${TAG}`]);
      const everyone = await allPages<StaffAccountView>(t.url, '/api/accounts?limit=2', admin);
      expect(new Set(everyone.map((a) => a.role))).toEqual(new Set(['admin', 'team_lead']));
      expect(everyone.map((a) => a.id)).toContain(adminId);

      const off = await call<StaffAccountView>('PATCH', `/api/accounts/${created.body.id}`, admin, { disabled: true });
      expect(off.status).toBe(200);
      expect(off.body.disabled).toBe(true);
      expect((await call('GET', '/api/accounts', ada.accessToken)).status).toBe(401);
      expect((await http(t.url, 'POST', '/api/auth/login', { body: { email: email('ada'), password: DEMO_PASSWORD } })).status).toBe(401);
      expect((await audit('account.disabled', created.body.id))[0].details).toMatchObject({ sessionsEnded: 1 });
      expect((await allPages<StaffAccountView>(t.url, `/api/accounts?q=${TAG}`, admin)).map((a) => a.id)).not.toContain(created.body.id);
      expect((await allPages<StaffAccountView>(t.url, `/api/accounts?q=${TAG}&includeDisabled=true`, admin)).map((a) => a.id)).toContain(created.body.id);

      const back = await call<StaffAccountView>('PATCH', `/api/accounts/${created.body.id}`, admin, { disabled: false });
      expect(back.body.disabled).toBe(false);
      expect(await audit('account.enabled', created.body.id)).toHaveLength(1);
      expect((await http(t.url, 'POST', '/api/auth/login', { body: { email: email('ada'), password: DEMO_PASSWORD } })).status).toBe(200);
    });

    it('a new team lead appears in the agent directory with no clients yet', async () => {
      const created = await call<StaffAccountView>('POST', '/api/accounts', admin, { email: email('lea'), displayName: `Lea ${TAG}`, role: 'team_lead', password: DEMO_PASSWORD });
      expect(created.status).toBe(201);
      const agents = await allPages<AgentDirectoryView>(t.url, `/api/agents?q=${TAG}`, admin);
      expect(agents.find((a) => a.id === created.body.id)).toMatchObject({ role: 'team_lead', clientIds: [], teamId: null });
    });

    it('refuses an agent or client role, a weak password, a taken email, self-deactivation, a role change and an agent account; nothing written', async () => {
      const valid = { email: email('bad'), displayName: 'Bad', role: 'admin', password: DEMO_PASSWORD };
      const [agentUser] = await ownerQuery<{ id: string }>(`SELECT id FROM users WHERE email = 'agent1@switchboard.demo'`);
      const refusals: [string, string, unknown, string[]][] = [
        ['POST', '/api/accounts', { ...valid, role: 'agent' }, ['role']],
        ['POST', '/api/accounts', { ...valid, role: 'client_admin', clientId: randomUUID() }, ['clientId', 'role']],
        ['POST', '/api/accounts', { ...valid, password: 'short' }, ['password']],
        ['POST', '/api/accounts', { ...valid, email: 'admin@switchboard.demo' }, ['email']],
        ['POST', '/api/accounts', {}, ['displayName', 'email', 'password', 'role']],
        ['PATCH', `/api/accounts/${adminId}`, { disabled: true }, ['disabled']],
        ['PATCH', `/api/accounts/${adminId}`, { role: 'team_lead' }, ['role']],
        ['PATCH', `/api/accounts/${adminId}`, { disabled: 'yes' }, ['disabled']],
        ['PATCH', '/api/accounts/1 OR 1=1', { disabled: true }, ['userId']],
        ['GET', '/api/accounts?role=agent', undefined, ['role']],
        ['GET', '/api/accounts?limit=101', undefined, ['limit']],
        ['GET', '/api/accounts?after=nonsense', undefined, ['after']],
      ];
      for (const [method, path, body, fields] of refusals) {
        const refused = await call<ErrorResponse>(method, path, admin, body);
        expect([method, path, refused.status, refused.body.error.code, fieldsOf(refused)]).toEqual([method, path, 400, 'VALIDATION_FAILED', fields]);
      }
      // An agent's account is managed on the Agents tab, not here.
      expect((await call<ErrorResponse>('PATCH', `/api/accounts/${agentUser.id}`, admin, { disabled: true })).status).toBe(404);
      expect(await ownerQuery(`SELECT 1 FROM users WHERE email = $1 OR (id = ANY ($2) AND (disabled_at IS NOT NULL OR role <> $3))`, [email('bad'), [adminId], 'admin'])).toEqual([]);
      expect(await ownerQuery(`SELECT 1 FROM users WHERE id = $1 AND disabled_at IS NOT NULL`, [agentUser.id])).toEqual([]);
    });
  });
});

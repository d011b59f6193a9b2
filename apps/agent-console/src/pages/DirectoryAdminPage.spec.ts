import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentChangeRequest, StaffAccountView, TeamView } from '@switchboard/shared-contracts';
import {
  agentDirectoryFixture,
  apiFailure,
  endSession,
  installApiMock,
  meResponseFixture,
  mockCreateAccount,
  mockCreateAgent,
  mockCreateSkill,
  mockCreateTeam,
  mockGetMe,
  mockListAccounts,
  mockListAgents,
  mockListSkills,
  mockListSkillsPage,
  mockListTeamMembers,
  mockListTeams,
  mockRoute,
  mockUpdateAccount,
  mockUpdateAgent,
  mockUpdateTeam,
  seedSession,
  skillFixture,
  staffAccountFixture,
  teamFixture,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import AccountsEditor from '../directory-admin/AccountsEditor.vue';
import AgentsEditor from '../directory-admin/AgentsEditor.vue';
import SkillsEditor from '../directory-admin/SkillsEditor.vue';
import TeamsEditor from '../directory-admin/TeamsEditor.vue';

const NW = 'client-northwind';

describe('Directory (admins)', () => {
  let api: ApiMock;
  let view: RenderResult;

  beforeEach(async () => {
    seedSession(userFixture({ id: 'admin-1', role: 'admin', displayName: 'Avery Admin' }));
    api = installApiMock(
      mockGetMe(meResponseFixture({ user: userFixture({ id: 'admin-1', role: 'admin' }) })),
      mockListSkills([skillFixture(), skillFixture({ id: 'skill-claims', key: 'claims', name: 'Claims', agentCount: 0 })]),
      mockListTeams([teamFixture()]),
      mockListAgents([agentDirectoryFixture()]),
    );
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  describe('skills', () => {
    beforeEach(async () => {
      api.use(mockListSkillsPage('/api/skills', { items: [skillFixture()], nextCursor: 'page-2' }), mockListSkillsPage('/api/skills?after=page-2', { items: [skillFixture({ id: 'skill-claims', key: 'claims', name: 'Claims', agentCount: 0 })], nextCursor: null }));
      view = await renderComponent(SkillsEditor);
      await view.settle();
    });

    it('pages through the catalogue and back', async () => {
      const table = () => view.getByRole('table', { name: 'Skills' });
      expect(within(table()).getByText('billing')).toBeTruthy();
      await view.click(view.getByRole('button', { name: 'Next page' }));
      expect(within(table()).getByText('claims')).toBeTruthy();
      expect(within(table()).queryByText('billing')).toBeNull();
      expect((view.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
      await view.click(view.getByRole('button', { name: 'Previous page' }));
      expect(within(table()).getByText('billing')).toBeTruthy();
    });

    it('shows a refused key beside its field, then adds the skill', async () => {
      await view.click(view.getByRole('button', { name: 'New skill' }));
      const form = view.getByRole('form', { name: 'New skill' });
      api.use(mockCreateSkill(apiFailure(400, 'VALIDATION_FAILED', 'key: taken', [{ field: 'key', message: 'is already a skill' }]), { once: true }));
      await view.type(within(form).getByLabelText('Key'), 'billing');
      await view.type(within(form).getByLabelText('Name'), 'Billing again');
      await view.click(within(form).getByRole('button', { name: 'Add skill' }));
      expect(within(form).getByText('is already a skill')).toBeTruthy();
      expect(within(form).getByLabelText('Key').getAttribute('aria-invalid')).toBe('true');

      api.use(mockCreateSkill((call) => skillFixture({ id: 'skill-marine', ...(call.body as object), agentCount: 0 })));
      await view.type(within(form).getByLabelText('Key'), 'marine');
      await view.click(within(form).getByRole('button', { name: 'Add skill' }));
      expect(api.callsTo('POST', '/api/skills')[1].body).toEqual({ key: 'marine', name: 'Billing again' });
      expect(view.getByText('Added the skill Billing again (marine).')).toBeTruthy();
    });

    it('asks before deleting, and says why a held skill stays', async () => {
      api.use(mockRoute('DELETE', '/api/skills/skill-billing', apiFailure(400, 'VALIDATION_FAILED', 'held', [{ field: 'skillId', message: 'is held by 2 agent(s): take it from them first' }])));
      await view.click(view.getByRole('button', { name: 'Delete Billing' }));
      expect(api.callsTo('DELETE', '/api/skills/skill-billing')).toHaveLength(0);
      await view.click(view.getByRole('button', { name: 'Really delete Billing?' }));
      expect(api.callsTo('DELETE', '/api/skills/skill-billing')).toHaveLength(1);
      expect(view.getByText('Billing is held by 2 agent(s): take it from them first.')).toBeTruthy();
    });
  });

  describe('agents', () => {
    beforeEach(async () => {
      view = await renderComponent(AgentsEditor);
      await useSessionStore().loadMe();
      await view.settle();
    });

    it('lists agents with their clients, skills and team', () => {
      const row = within(view.getByRole('table', { name: 'Agents' })).getByText('Ana Reyes').closest('tr') as HTMLElement;
      expect(row.textContent).toContain('Northwind Traders');
      expect(row.textContent).toContain('Billing 4');
      expect(row.textContent).toContain('Manila A');
      expect(row.textContent).toContain('Active');
    });

    it('sends a new agent with a shift per weekday and shows each refused field beside it', async () => {
      await view.click(view.getByRole('button', { name: 'New agent' }));
      const form = view.getByRole('form', { name: 'New agent' });
      api.use(
        mockCreateAgent(
          apiFailure(400, 'VALIDATION_FAILED', 'refused', [
            { field: 'shiftSchedule.mon.0', message: 'must be {start, end} written HH:MM (24-hour)' },
            { field: 'clientIds', message: 'must be a list of client ids' },
          ]),
          { once: true },
        ),
      );
      await view.type(within(form).getByLabelText('Name'), 'Nia Newhire');
      await view.type(within(form).getByLabelText('Email (sign-in)'), 'nia@switchboard.demo');
      await view.type(within(form).getByLabelText('Password'), 'first-day-password');
      await view.type(within(form).getByLabelText('Languages'), 'en, tl');
      await view.type(within(form).getByLabelText('Monday'), '9am-5pm');
      await view.type(within(form).getByLabelText('Saturday'), '22:00-06:00, 07:00-09:00');
      await view.click(within(form).getByRole('button', { name: 'Add agent' }));

      expect(api.callsTo('POST', '/api/agents')[0].body).toEqual({
        email: 'nia@switchboard.demo',
        displayName: 'Nia Newhire',
        role: 'agent',
        password: 'first-day-password',
        clientIds: [],
        skills: [],
        languages: ['en', 'tl'],
        capacity: { voice: 1, chat: 3, email: 5, social: 3 },
        timeZone: 'Asia/Manila',
        shiftSchedule: { mon: [{ start: '9am', end: '5pm' }], sat: [{ start: '22:00', end: '06:00' }, { start: '07:00', end: '09:00' }] },
        teamId: null,
      });
      expect(within(form).getByText('must be {start, end} written HH:MM (24-hour)')).toBeTruthy();
      expect(within(form).getByLabelText('Monday').getAttribute('aria-invalid')).toBe('true');
      expect(within(form).getByText('must be a list of client ids')).toBeTruthy();
      expect(within(form).getByText('Nothing was saved: check the fields marked below.')).toBeTruthy();
      expect((within(form).getByLabelText('Saturday') as HTMLInputElement).value).toBe('22:00-06:00, 07:00-09:00');
    });

    it('asks before disabling an agent, then disables them', async () => {
      api.use(mockUpdateAgent('agent-ana', (call) => agentDirectoryFixture({ ...(call.body as AgentChangeRequest) } as object)));
      await view.click(view.getByRole('button', { name: 'Disable Ana Reyes' }));
      expect(api.callsTo('PATCH', '/api/agents/agent-ana')).toHaveLength(0);
      await view.click(view.getByRole('button', { name: 'Really disable Ana Reyes?' }));
      expect(api.callsTo('PATCH', '/api/agents/agent-ana')[0].body).toEqual({ disabled: true });
      expect(view.getByText('Ana Reyes is disabled: signed out everywhere and offered no more work.')).toBeTruthy();
      expect(view.getByRole('button', { name: 'Enable Ana Reyes' })).toBeTruthy();
    });

    it('asks once more when a save takes a client away', async () => {
      api.use(mockUpdateAgent('agent-ana', (call) => agentDirectoryFixture({ ...(call.body as object), clientIds: [] } as object)));
      api.use(mockListAgents([agentDirectoryFixture({ clientIds: [NW, 'client-globex'] })]));
      view = await renderComponent(AgentsEditor);
      await useSessionStore().loadMe();
      await view.settle();
      await view.click(view.getByRole('button', { name: 'Edit Ana Reyes' }));
      const form = view.getByRole('form', { name: 'Edit Ana Reyes' });
      // Removing a client's chip in the picker.
      const chips = within(form).getAllByText('Globex Retail');
      const remove = chips[0].closest('.p-chip')?.querySelector('[data-pc-section="removeicon"]');
      expect(remove).toBeTruthy();
      remove!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      await view.settle();
      await view.click(within(form).getByRole('button', { name: 'Save agent' }));
      expect(api.callsTo('PATCH', '/api/agents/agent-ana')).toHaveLength(0);
      expect(within(form).getByText(/Saving takes Globex Retail away from Ana Reyes/)).toBeTruthy();
      await view.click(within(form).getByRole('button', { name: 'Really save and remove?' }));
      expect((api.callsTo('PATCH', '/api/agents/agent-ana')[0].body as AgentChangeRequest).clientIds).toEqual([NW]);
    });
  });

  describe('teams', () => {
    beforeEach(async () => {
      view = await renderComponent(TeamsEditor);
      await useSessionStore().loadMe();
      await view.settle();
    });

    it('lists each team with its leads, size and the clients it serves', () => {
      const row = within(view.getByRole('table', { name: 'Teams' })).getByText('Manila A').closest('tr') as HTMLElement;
      expect(row.textContent).toContain('Asia/Manila');
      expect(row.textContent).toContain('Lee Lead');
      expect(row.textContent).toContain('Northwind Traders');
    });

    it('shows a taken name beside its field, then adds the team', async () => {
      await view.click(view.getByRole('button', { name: 'New team' }));
      const form = view.getByRole('form', { name: 'New team' });
      api.use(mockCreateTeam(apiFailure(400, 'VALIDATION_FAILED', 'name: taken', [{ field: 'name', message: 'is already the name of a team' }]), { once: true }));
      await view.type(within(form).getByLabelText('Team name'), 'Manila A');
      await view.click(within(form).getByRole('button', { name: 'Add team' }));
      expect(within(form).getByText('is already the name of a team')).toBeTruthy();
      expect(within(form).getByLabelText('Team name').getAttribute('aria-invalid')).toBe('true');

      api.use(mockCreateTeam((call) => teamFixture({ id: 'team-cebu', ...(call.body as object), memberCount: 0, leadNames: [], clientIds: [] })));
      await view.type(within(form).getByLabelText('Team name'), 'Cebu Nights');
      await view.click(within(form).getByRole('button', { name: 'Add team' }));
      expect(api.callsTo('POST', '/api/teams')[1].body).toEqual({ name: 'Cebu Nights', timeZone: 'Asia/Manila' });
      expect(within(view.getByRole('table', { name: 'Teams' })).getByText('Cebu Nights')).toBeTruthy();
    });

    it('renames a team', async () => {
      api.use(mockUpdateTeam('team-manila', (call) => teamFixture(call.body as Partial<TeamView>)));
      await view.click(view.getByRole('button', { name: 'Edit Manila A' }));
      const form = view.getByRole('form', { name: 'Edit team' });
      await view.type(within(form).getByLabelText('Team name'), 'Manila Days');
      await view.click(within(form).getByRole('button', { name: 'Save team' }));
      expect(api.callsTo('PATCH', '/api/teams/team-manila')[0].body).toEqual({ name: 'Manila Days', timeZone: 'Asia/Manila' });
      expect(view.getByText('Saved the team Manila Days.')).toBeTruthy();
    });

    it('shows the members, takes one out and adds a found agent from another team', async () => {
      const ana = agentDirectoryFixture();
      const ben = agentDirectoryFixture({ id: 'agent-ben', displayName: 'Ben Cruz', email: 'ben@switchboard.demo', teamId: 'team-cebu', teamName: 'Cebu' });
      api.use(mockListTeamMembers('team-manila', [ana]), mockRoute('GET', '/api/agents?q=ben', { items: [ben, ana], nextCursor: null }));
      api.use(mockUpdateAgent('agent-ana', agentDirectoryFixture({ teamId: null, teamName: null })), mockUpdateAgent('agent-ben', { ...ben, teamId: 'team-manila', teamName: 'Manila A' }));
      await view.click(view.getByRole('button', { name: 'Members of Manila A' }));
      const members = () => view.getByRole('list', { name: 'Members of Manila A' });
      expect(within(members()).getByText('Ana Reyes')).toBeTruthy();

      await view.click(view.getByRole('button', { name: 'Remove Ana Reyes from Manila A' }));
      expect(api.callsTo('PATCH', '/api/agents/agent-ana')[0].body).toEqual({ teamId: null });
      expect(view.getByText('Ana Reyes is no longer in Manila A.')).toBeTruthy();

      await view.type(view.getByLabelText('Add an agent or lead'), 'ben');
      await view.click(view.getByRole('button', { name: 'Find' }));
      const matches = view.getByRole('list', { name: 'Matching agents' });
      expect(matches.textContent).toContain('now in Cebu');
      await view.click(within(matches).getByRole('button', { name: 'Add Ben Cruz to Manila A' }));
      expect(api.callsTo('PATCH', '/api/agents/agent-ben')[0].body).toEqual({ teamId: 'team-manila' });
      expect(view.getByText('Ben Cruz is now in Manila A (no longer in Cebu).')).toBeTruthy();
      expect(within(members()).getByText('Ben Cruz')).toBeTruthy();
    });
  });

  describe('lead and admin accounts', () => {
    const me = staffAccountFixture({ id: 'admin-1', displayName: 'Avery Admin', email: 'avery@switchboard.demo', role: 'admin', teamName: null });
    beforeEach(async () => {
      api.use(mockListAccounts([me, staffAccountFixture()]));
      view = await renderComponent(AccountsEditor);
      await view.settle();
    });

    it('lists leads and admins; nobody can deactivate themself', () => {
      const table = view.getByRole('table', { name: 'Lead and admin accounts' });
      expect((within(table).getByText('Lee Lead').closest('tr') as HTMLElement).textContent).toContain('Team lead');
      expect(within(table).getByText('(you)')).toBeTruthy();
      expect(view.queryByRole('button', { name: 'Deactivate Avery Admin' })).toBeNull();
      expect(view.getByRole('button', { name: 'Deactivate Lee Lead' })).toBeTruthy();
    });

    it('adds an admin, showing a refused field beside it first', async () => {
      await view.click(view.getByRole('button', { name: 'New account' }));
      const form = view.getByRole('form', { name: 'New account' });
      api.use(mockCreateAccount(apiFailure(400, 'VALIDATION_FAILED', 'refused', [{ field: 'password', message: 'must be 12–200 characters' }]), { once: true }));
      await view.type(within(form).getByLabelText('Name'), 'Ada Admin');
      await view.type(within(form).getByLabelText('Email (sign-in)'), ' ada@switchboard.demo ');
      await view.type(within(form).getByLabelText('Password'), 'short');
      await view.click(within(form).getByRole('button', { name: 'Add account' }));
      expect(within(form).getByText('must be 12–200 characters')).toBeTruthy();
      expect(within(form).getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');

      api.use(mockCreateAccount((call) => staffAccountFixture({ id: 'admin-ada', ...(call.body as object), teamName: null } as Partial<StaffAccountView>)));
      await view.type(within(form).getByLabelText('Password'), 'a-long-enough-password');
      await view.click(within(form).getByRole('button', { name: 'Add account' }));
      expect(api.callsTo('POST', '/api/accounts')[1].body).toEqual({ displayName: 'Ada Admin', email: 'ada@switchboard.demo', role: 'team_lead', password: 'a-long-enough-password' });
      expect(view.getByText(/Added Ada Admin \(Team lead\): they can sign in with ada@switchboard.demo/)).toBeTruthy();
    });

    it('asks before deactivating, then says the account is signed out; reactivates', async () => {
      api.use(mockUpdateAccount('lead-lee', (call) => staffAccountFixture(call.body as Partial<StaffAccountView>)));
      await view.click(view.getByRole('button', { name: 'Deactivate Lee Lead' }));
      expect(api.callsTo('PATCH', '/api/accounts/lead-lee')).toHaveLength(0);
      await view.click(view.getByRole('button', { name: 'Really deactivate Lee Lead?' }));
      expect(api.callsTo('PATCH', '/api/accounts/lead-lee')[0].body).toEqual({ disabled: true });
      expect(view.getByText('Lee Lead is deactivated: signed out everywhere.')).toBeTruthy();
      await view.click(view.getByRole('button', { name: 'Reactivate Lee Lead' }));
      expect(api.callsTo('PATCH', '/api/accounts/lead-lee')[1].body).toEqual({ disabled: false });
    });

    it('says why the API refused a deactivation', async () => {
      api.use(mockUpdateAccount('lead-lee', apiFailure(400, 'VALIDATION_FAILED', 'refused', [{ field: 'disabled', message: 'cannot be set on your own account: another admin must deactivate it' }])));
      await view.click(view.getByRole('button', { name: 'Deactivate Lee Lead' }));
      await view.click(view.getByRole('button', { name: 'Really deactivate Lee Lead?' }));
      expect(view.getByText('Deactivating cannot be set on your own account: another admin must deactivate it.')).toBeTruthy();
    });
  });
});

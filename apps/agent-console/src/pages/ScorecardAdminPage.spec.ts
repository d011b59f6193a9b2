import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScorecardDefinition } from '@switchboard/shared-contracts';
import {
  apiFailure,
  autoQaSettingsFixture,
  clientRefFixture,
  endSession,
  installApiMock,
  meResponseFixture,
  mockActivateScorecard,
  mockCreateScorecard,
  mockGetAutoQaSettings,
  mockGetQaSettings,
  mockSaveQaSettings,
  mockGetMe,
  mockGetScorecard,
  mockListScorecards,
  mockSaveAutoQaSettings,
  mockUpdateScorecard,
  scorecardSummaryFixture,
  scorecardViewFixture,
  seedSession,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import ScorecardAdminPage from './ScorecardAdminPage.vue';

const GX = 'client-globex';

describe('Scorecards (admins)', () => {
  let api: ApiMock;
  let view: RenderResult;
  const current = scorecardViewFixture({ id: 'sc-1', clientId: GX, latestVersion: 2, version: 2 });

  beforeEach(async () => {
    seedSession(userFixture({ id: 'admin-1', role: 'admin', displayName: 'Avery Admin' }));
    api = installApiMock(
      mockGetMe(meResponseFixture({ user: userFixture({ id: 'admin-1', role: 'admin' }), clients: [clientRefFixture({ id: GX, slug: 'globex', name: 'Globex Retail' })] })),
      mockListScorecards(GX, [scorecardSummaryFixture({ id: 'sc-1', clientId: GX, latestVersion: 2 }), scorecardSummaryFixture({ id: 'sc-2', clientId: GX, name: 'Globex email quality', active: false })]),
      mockGetScorecard('sc-1', current),
      mockGetAutoQaSettings(GX, autoQaSettingsFixture()),
      mockGetQaSettings(GX, { disputeWindowDays: 7, maxDisputesPerEvaluation: 3 }),
    );
    view = await renderComponent(ScorecardAdminPage);
    await useSessionStore().loadMe();
    await view.settle();
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  const form = () => view.getByRole('form', { name: /^(Edit|New)/ });
  const field = (name: string) => within(form()).getByLabelText(name) as HTMLInputElement;

  it('lists the client’s scorecards with the active one and its version', () => {
    const rows = within(within(view.getByRole('region', { name: 'Globex Retail scorecards' })).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent?.trim()))).toEqual([
      ['Globex chat quality', 'Active', '2'],
      ['Globex email quality', 'Inactive', '1'],
    ]);
  });

  it('checks a new scorecard with the API’s rules and shows each problem beside its field, sending nothing', async () => {
    await view.click(view.getByRole('button', { name: 'New scorecard' }));
    await view.click(within(form()).getByRole('button', { name: 'Create scorecard' }));
    expect(field('Scorecard name').getAttribute('aria-invalid')).toBe('true');
    expect(within(form()).getByText('Nothing was saved: check the fields marked below.')).toBeTruthy();
    expect(within(form()).getAllByText('must be 1–100 characters').length).toBeGreaterThan(0); // the name and the section title
    expect(within(form()).getByText('must be 1–500 characters')).toBeTruthy(); // the question
    expect(api.callsTo('POST', `/api/clients/${GX}/scorecards`)).toHaveLength(0);
  });

  it('creates a scorecard: keys follow the titles, a second question, a critical one allowing N/A', async () => {
    api.use(mockCreateScorecard(GX, (call) => scorecardViewFixture({ id: 'sc-3', clientId: GX, active: false, definition: call.body as ScorecardDefinition, name: (call.body as ScorecardDefinition).name })));
    await view.click(view.getByRole('button', { name: 'New scorecard' }));
    await view.type(field('Scorecard name'), 'Globex social care');
    await view.type(field('Title of section 1'), 'Opening');
    await view.type(field('Question 1.1'), 'Greeted the customer by name');
    await view.click(within(form()).getByRole('button', { name: 'Add question to section 1' }));
    await view.type(field('Question 1.2'), 'Kept card details out of the chat');
    await view.click(field('Critical (fails the evaluation below half) question 1.2'));
    await view.click(field('N/A allowed on question 1.2'));
    await view.type(field('Guidance for reviewers of question 1.2'), 'Any card number typed fails it.');
    await view.click(within(form()).getByRole('button', { name: 'Create scorecard' }));
    expect(api.callsTo('POST', `/api/clients/${GX}/scorecards`)[0].body).toEqual({
      name: 'Globex social care',
      sections: [
        {
          key: 'opening',
          title: 'Opening',
          weight: 1,
          questions: [
            { key: 'greeted_the_customer_by_name', text: 'Greeted the customer by name', scale: '5', allowNa: false, critical: false, guidance: '', weight: 1 },
            { key: 'kept_card_details_out_of_the_chat', text: 'Kept card details out of the chat', scale: '5', allowNa: true, critical: true, guidance: 'Any card number typed fails it.', weight: 1 },
          ],
        },
      ],
    });
    expect(view.getByText('Created Globex social care (version 1).')).toBeTruthy();
  });

  it('saves an edit as the next version; a refusal from the API shows beside its field', async () => {
    await view.click(view.getByRole('button', { name: 'Edit Globex chat quality' }));
    expect(within(form()).getByText('Saving makes version 3; evaluations keep the version they were scored on.')).toBeTruthy();
    api.use(mockUpdateScorecard('sc-1', apiFailure(400, 'VALIDATION_FAILED', 'bad', [{ field: 'sections.0.questions.1.key', message: 'repeats the question key "greet"' }]), { once: true }));
    await view.click(within(form()).getByRole('button', { name: 'Save as version 3' }));
    expect(within(form()).getByText('repeats the question key "greet"')).toBeTruthy();

    api.use(mockUpdateScorecard('sc-1', (call) => scorecardViewFixture({ id: 'sc-1', clientId: GX, version: 3, latestVersion: 3, definition: call.body as ScorecardDefinition, name: (call.body as ScorecardDefinition).name })));
    await view.type(field('Scorecard name'), 'Globex chat quality 2025');
    await view.click(within(form()).getByRole('button', { name: 'Save as version 3' }));
    const sent = api.callsTo('PUT', '/api/scorecards/sc-1')[1].body as ScorecardDefinition;
    expect(sent.name).toBe('Globex chat quality 2025');
    expect(sent.sections.map((s) => s.key)).toEqual(['opening', 'handling']);
    expect(view.getByText('Saved Globex chat quality 2025 as version 3.')).toBeTruthy();
  });

  it('makes another scorecard the active one', async () => {
    api.use(mockActivateScorecard('sc-2', scorecardViewFixture({ id: 'sc-2', clientId: GX, name: 'Globex email quality', active: true })));
    await view.click(view.getByRole('button', { name: 'Make Globex email quality active' }));
    expect(api.callsTo('POST', '/api/scorecards/sc-2/activate')).toHaveLength(1);
    expect(view.getByText(/Globex email quality is now Globex Retail's active scorecard/)).toBeTruthy();
  });

  it('AutoQA settings: phrases one a line and the time limits, checked before they are sent', async () => {
    const settings = within(view.getByRole('form', { name: 'AutoQA settings' }));
    expect((settings.getByLabelText('Greeting phrases (one a line)') as HTMLTextAreaElement).value).toBe('thanks for contacting');
    await view.type(settings.getByLabelText('Greeting phrases (one a line)'), '  ');
    await view.click(settings.getByRole('button', { name: 'Save AutoQA settings' }));
    expect(settings.getByText('must list 1–50 phrases of 1–200 characters')).toBeTruthy();
    expect(api.callsTo('PUT', `/api/clients/${GX}/autoqa-settings`)).toHaveLength(0);

    api.use(mockSaveAutoQaSettings(GX, (call) => call.body as ReturnType<typeof autoQaSettingsFixture>));
    await view.type(settings.getByLabelText('Greeting phrases (one a line)'), 'thanks for contacting\nwelcome to Globex');
    await view.type(settings.getByLabelText('Required phrases (one a line; may be empty)'), 'this chat is recorded');
    await view.type(settings.getByLabelText('Longest silence (seconds)'), '90');
    await view.click(settings.getByRole('button', { name: 'Save AutoQA settings' }));
    expect(api.callsTo('PUT', `/api/clients/${GX}/autoqa-settings`)[0].body).toEqual({
      greetingPhrases: ['thanks for contacting', 'welcome to Globex'],
      closingPhrases: ['anything else'],
      requiredPhrases: ['this chat is recorded'],
      firstResponseTargetSeconds: 60,
      maxHoldSeconds: 120,
      maxSilenceSeconds: 90,
    });
    expect(settings.getByText("Saved. AutoQA checks Globex Retail's next resolved tickets with these settings.")).toBeTruthy();
  });

  it('dispute rules: the window and the limit, checked before they are sent', async () => {
    const rules = within(view.getByRole('form', { name: 'Dispute rules' }));
    expect((rules.getByLabelText('Dispute window (days after submission, 1–90)') as HTMLInputElement).value).toBe('7');
    await view.type(rules.getByLabelText('Dispute window (days after submission, 1–90)'), '0');
    await view.click(rules.getByRole('button', { name: 'Save dispute rules' }));
    expect(rules.getByText('must be a whole number of days from 1 to 90')).toBeTruthy();
    expect(api.callsTo('PUT', `/api/clients/${GX}/qa-settings`)).toHaveLength(0);

    api.use(mockSaveQaSettings(GX, (call) => call.body as { disputeWindowDays: number; maxDisputesPerEvaluation: number }));
    await view.type(rules.getByLabelText('Dispute window (days after submission, 1–90)'), '10');
    await view.type(rules.getByLabelText('Disputes per evaluation (0–50)'), '1');
    await view.click(rules.getByRole('button', { name: 'Save dispute rules' }));
    expect(api.callsTo('PUT', `/api/clients/${GX}/qa-settings`)[0].body).toEqual({ disputeWindowDays: 10, maxDisputesPerEvaluation: 1 });
    expect(rules.getByText("Saved. Globex Retail's agents may now dispute within 10 days of an evaluation, at most 1 time each.")).toBeTruthy();
  });
});

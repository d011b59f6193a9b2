import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { EvaluationView, SaveEvaluationRequest } from '@switchboard/shared-contracts';
import { scoreEvaluation } from '@switchboard/shared-domain';
import {
  apiFailure,
  disputeFixture,
  endSession,
  evaluationViewFixture,
  installApiMock,
  mockGetEvaluation,
  mockRaiseDispute,
  mockResolveDispute,
  mockSaveEvaluation,
  mockSubmitEvaluation,
  scorecardDefinitionFixture,
  seedSession,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import EvaluationPanel from './EvaluationPanel.vue';

const LEAD = 'user-lead-1';
const OTHER_LEAD = 'user-lead-2';
const AGENT = 'user-agent-1';
const definition = scorecardDefinitionFixture();

/** The panel as the evaluation page holds it: the evaluation in a ref, replaced by what the panel hands back. */
async function renderPanel(evaluation: EvaluationView): Promise<RenderResult> {
  const Host = defineComponent(() => {
    const current = ref(evaluation);
    return () => h(EvaluationPanel, { evaluation: current.value, 'onUpdate:evaluation': (next: EvaluationView) => (current.value = next) });
  });
  return renderComponent(Host);
}

/** A draft as the API answers a save: the saved answers merged in, scored by the domain. */
function savedDraft(base: EvaluationView, body: SaveEvaluationRequest): EvaluationView {
  const answers = { ...base.answers } as Record<string, EvaluationView['answers'][string]>;
  for (const [key, value] of Object.entries(body.answers ?? {})) {
    if (value === null) delete answers[key];
    else answers[key] = value;
  }
  base.answers = answers;
  return { ...base, answers, result: scoreEvaluation(base.definition, answers) };
}

describe('EvaluationPanel', () => {
  let api: ApiMock;
  let view: RenderResult;
  afterEach(() => {
    api.restore();
    endSession();
  });

  describe('the reviewer scoring a draft', () => {
    const draft = evaluationViewFixture({ reviewerId: LEAD, agentId: AGENT, status: 'draft', definition });
    beforeEach(async () => {
      seedSession(userFixture({ id: LEAD, role: 'team_lead', displayName: 'Lea Mercado' }));
      const server = { ...draft };
      api = installApiMock(mockSaveEvaluation(draft.id, (call) => savedDraft(server, call.body as SaveEvaluationRequest)));
      view = await renderPanel(draft);
    });
    const group = (question: string) => within(view.getByRole('radiogroup', { name: question }));

    it('shows the score move as each answer is chosen, and saves each answer as it is chosen', async () => {
      expect(view.getByText('0 of 4 answered')).toBeTruthy();
      await view.click(group('Greeted the customer').getByLabelText('Yes'));
      await view.click(group('Verified the order').getByLabelText('Yes'));
      expect(view.getByText('2 of 4 answered')).toBeTruthy();
      expect(view.container.querySelector('output')?.textContent).toBe('100.0'); // only the opening counts so far
      await view.click(group('Solved the problem').getByLabelText('4'));
      await view.click(group('Friendly tone').getByLabelText('2'));
      // opening 100 × 1, handling (75 + 50) / 2 = 62.5 × 3 → 71.875 → 71.9
      expect(view.container.querySelector('output')?.textContent).toBe('71.9');
      expect(api.callsTo('PUT', `/api/evaluations/${draft.id}`).map((c) => (c.body as SaveEvaluationRequest).answers)).toEqual([{ greet: 1 }, { verify: 1 }, { solve: 4 }, { tone: 2 }]);
    });

    it('N/A takes a question out of the score; a critical "No" scores 0 and says why', async () => {
      await view.click(group('Greeted the customer').getByLabelText('Yes'));
      await view.click(group('Solved the problem').getByLabelText('5'));
      await view.click(group('Friendly tone').getByLabelText('N/A'));
      expect(view.container.querySelector('output')?.textContent).toBe('100.0');
      await view.click(group('Verified the order').getByLabelText('No'));
      expect(view.container.querySelector('output')?.textContent).toBe('0.0');
      expect(view.getByText(/Critical fail: Verified the order\. The evaluation scores 0 \(the answers earn 87\.5\)\./)).toBeTruthy();
    });

    it('will not submit with questions open: it names them beside each question and sends no submit', async () => {
      await view.click(group('Greeted the customer').getByLabelText('Yes'));
      await view.click(view.getByRole('button', { name: 'Submit evaluation' }));
      expect(view.getByText('Answer every question before submitting: 3 still open.')).toBeTruthy();
      expect(view.getByText('Verified the order: needs an answer')).toBeTruthy();
      expect(view.getByText('Friendly tone: needs an answer')).toBeTruthy();
      expect(api.callsTo('POST', `/api/evaluations/${draft.id}/submit`)).toHaveLength(0);
    });

    it('submits once every question is answered, with the comments saved first', async () => {
      const answers = { greet: 1, verify: 1, solve: 4, tone: 2 };
      api.use(mockSubmitEvaluation(draft.id, { ...draft, status: 'submitted', score: 71.9, submittedScore: 71.9, answers, result: scoreEvaluation(definition, answers) }));
      await view.click(group('Greeted the customer').getByLabelText('Yes'));
      await view.click(group('Verified the order').getByLabelText('Yes'));
      await view.click(group('Solved the problem').getByLabelText('4'));
      await view.click(group('Friendly tone').getByLabelText('2'));
      await view.type(view.getByLabelText('Comment for Maria Santos on Solved the problem'), 'Offer the replacement before the refund.');
      await view.click(view.getByRole('button', { name: 'Submit evaluation' }));
      const saves = api.callsTo('PUT', `/api/evaluations/${draft.id}`);
      expect(saves[saves.length - 1].body).toEqual({ answers: {}, comments: { solve: 'Offer the replacement before the refund.' } });
      expect(api.callsTo('POST', `/api/evaluations/${draft.id}/submit`)).toHaveLength(1);
      expect(view.getByText('Submitted: 71.9. Maria Santos hears of it now.')).toBeTruthy();
      expect(view.queryByRole('button', { name: 'Submit evaluation' })).toBeNull();
    });

    it('shows what the API refuses at submit beside the question it names', async () => {
      api.use(mockSubmitEvaluation(draft.id, apiFailure(400, 'VALIDATION_FAILED', 'Some answers cannot be submitted: tone.', [{ field: 'answers.tone', message: 'may not be answered N/A' }])));
      for (const [question, answer] of [['Greeted the customer', 'Yes'], ['Verified the order', 'Yes'], ['Solved the problem', '3'], ['Friendly tone', '1']]) await view.click(group(question).getByLabelText(answer));
      await view.click(view.getByRole('button', { name: 'Submit evaluation' }));
      expect(view.getByText('Friendly tone: may not be answered N/A')).toBeTruthy();
      expect(view.getByText('Nothing was saved: check the fields marked below.')).toBeTruthy();
    });
  });

  describe('the agent evaluated', () => {
    const submitted = evaluationViewFixture({
      reviewerId: LEAD,
      agentId: AGENT,
      status: 'submitted',
      definition,
      answers: { greet: 1, verify: 1, solve: 2, tone: 2 },
      comments: { solve: 'The refund came only after the second ask.' },
      result: scoreEvaluation(definition, { greet: 1, verify: 1, solve: 2, tone: 2 }),
      score: 53.1,
      submittedScore: 53.1,
      submittedAt: '2025-01-02T10:00:00.000Z',
      disputeDeadline: '2025-01-09T10:00:00.000Z',
      disputesLeft: 2,
    });
    beforeEach(async () => {
      seedSession(userFixture({ id: AGENT, role: 'agent', displayName: 'Maria Santos' }));
      api = installApiMock();
      view = await renderPanel(submitted);
    });

    it('reads the answers and comments, with the disputes left and until when', () => {
      expect(view.getByText(/You may dispute 2 more questions until 9 Jan/)).toBeTruthy();
      expect(view.getByText(/^Reviewer: The refund came only after the second ask\.$/)).toBeTruthy();
      expect(view.queryByRole('radiogroup', { name: 'Solved the problem' })).toBeNull();
      expect(view.getByRole('button', { name: 'Acknowledge evaluation' })).toBeTruthy();
    });

    it('disputes one question with a reason; what the API refuses shows beside the reason', async () => {
      const disputed = { ...submitted, status: 'disputed' as const, openDisputes: 1, disputesLeft: 1, disputes: [disputeFixture({ questionKey: 'solve', reason: 'I offered it in my first reply.' })] };
      api.use(mockRaiseDispute(submitted.id, apiFailure(400, 'VALIDATION_FAILED', 'reason: must not be empty', [{ field: 'reason', message: 'must not be empty' }]), { once: true }));
      api.use(mockGetEvaluation(submitted.id, disputed));
      await view.click(view.getByRole('button', { name: 'Dispute the answer to Solved the problem' }));
      await view.click(view.getByRole('button', { name: 'Send dispute' }));
      expect(view.getByText('Reason must not be empty')).toBeTruthy();

      api.use(mockRaiseDispute(submitted.id, disputed.disputes[0]));
      await view.type(view.getByLabelText('Why the answer is wrong'), 'I offered it in my first reply.');
      await view.click(view.getByRole('button', { name: 'Send dispute' }));
      expect(api.callsTo('POST', `/api/evaluations/${submitted.id}/disputes`)[1].body).toEqual({ questionKey: 'solve', reason: 'I offered it in my first reply.' });
      const history = within(view.getByRole('list', { name: 'Disputes of Solved the problem' }));
      expect(history.getByText(/I offered it in my first reply\./)).toBeTruthy();
      expect(view.getByText(/You may dispute 1 more question until/)).toBeTruthy();
      expect(view.queryByRole('button', { name: 'Dispute the answer to Solved the problem' })).toBeNull(); // one open dispute per question
      expect(view.queryByRole('button', { name: 'Acknowledge evaluation' })).toBeNull(); // not while a dispute is open
    });

    it('offers no dispute once none are left', async () => {
      view = await renderPanel({ ...submitted, disputesLeft: 0 });
      expect(view.getByText(/You cannot dispute this evaluation any more/)).toBeTruthy();
      expect(view.queryByRole('button', { name: /^Dispute the answer/ })).toBeNull();
    });
  });

  describe('a dispute for the leads', () => {
    const open = disputeFixture({ id: 'dispute-9', questionKey: 'solve', originalAnswer: 2 });
    const disputed = evaluationViewFixture({
      reviewerId: LEAD,
      agentId: AGENT,
      status: 'disputed',
      definition,
      answers: { greet: 1, verify: 1, solve: 2, tone: 2 },
      result: scoreEvaluation(definition, { greet: 1, verify: 1, solve: 2, tone: 2 }),
      score: 53.1,
      submittedScore: 53.1,
      submittedAt: '2025-01-02T10:00:00.000Z',
      openDisputes: 1,
      disputes: [open],
    });

    it('the reviewer is told another lead resolves it', async () => {
      seedSession(userFixture({ id: LEAD, role: 'team_lead' }));
      api = installApiMock();
      view = await renderPanel(disputed);
      expect(view.getByText('You reviewed this evaluation: another lead resolves its disputes.')).toBeTruthy();
      expect(view.queryByRole('button', { name: 'Resolve dispute' })).toBeNull();
    });

    it('another lead adjusts the answer with a note; the evaluation is read again with its new score and the history', async () => {
      seedSession(userFixture({ id: OTHER_LEAD, role: 'team_lead', displayName: 'Andrés Villa' }));
      const answers = { greet: 1, verify: 1, solve: 4, tone: 2 };
      const adjusted = { ...open, status: 'adjusted' as const, adjustedAnswer: 4, resolvedById: OTHER_LEAD, resolvedByName: 'Andrés Villa', resolutionNote: 'The transcript shows the offer.', resolvedAt: '2025-01-04T09:00:00.000Z' };
      api = installApiMock(
        mockResolveDispute(open.id, adjusted),
        mockGetEvaluation(disputed.id, { ...disputed, status: 'resolved', openDisputes: 0, answers, submittedAnswers: disputed.answers, result: scoreEvaluation(definition, answers), score: 71.9, disputes: [adjusted] }),
      );
      view = await renderPanel(disputed);
      const form = within(view.getByRole('group', { name: 'Resolve the dispute of Solved the problem' }));
      await view.click(form.getByLabelText('Adjust it'));
      await view.click(form.getByRole('button', { name: 'Resolve dispute' }));
      expect(form.getByText('Choose the new answer to “Solved the problem”.')).toBeTruthy();
      expect(api.callsTo('POST', `/api/disputes/${open.id}/resolve`)).toHaveLength(0);

      await view.click(within(form.getByRole('radiogroup', { name: 'New answer to Solved the problem' })).getByLabelText('4'));
      await view.type(form.getByLabelText('Note to Maria Santos'), 'The transcript shows the offer.');
      await view.click(form.getByRole('button', { name: 'Resolve dispute' }));
      expect(api.callsTo('POST', `/api/disputes/${open.id}/resolve`)[0].body).toEqual({ outcome: 'adjusted', note: 'The transcript shows the offer.', answer: 4 });
      expect(view.getByText('Dispute resolved: the answer was adjusted and the score is now 71.9.')).toBeTruthy();
      expect(view.getByText(/2 of 5 → 4 of 5\. “The transcript shows the offer\.”/)).toBeTruthy();
      expect(view.getByText('(submitted as 2 of 5)')).toBeTruthy();
      expect(view.getByText('submitted as 53.1, adjusted by a dispute')).toBeTruthy();
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import type { CalibrationReviewView, SaveCalibrationReviewRequest } from '@switchboard/shared-contracts';
import { endSession, installApiMock, mockSaveCalibrationReview, mockSubmitCalibrationReview, scorecardDefinitionFixture, seedSession, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import CalibrationReviewForm from './CalibrationReviewForm.vue';

const definition = scorecardDefinitionFixture();
const review = (answers: CalibrationReviewView['answers'], submitted = false): CalibrationReviewView => ({ ticketId: 'ticket-1', reviewerId: 'me', reviewerName: 'Lea Mercado', answers, score: null, submitted, submittedAt: submitted ? '2025-01-05T10:00:00.000Z' : null });

describe('CalibrationReviewForm', () => {
  let api: ApiMock;
  let view: RenderResult;
  afterEach(() => {
    api.restore();
    endSession();
  });

  it('keeps every answer chosen while the saves echo back, and submits after the last save', async () => {
    seedSession(userFixture({ id: 'me', role: 'team_lead' }));
    const saved: Record<string, number | 'na'> = {};
    api = installApiMock(
      mockSaveCalibrationReview('session-1', 'ticket-1', (call) => {
        Object.assign(saved, (call.body as SaveCalibrationReviewRequest).answers);
        return review({ ...saved });
      }),
      mockSubmitCalibrationReview('session-1', 'ticket-1', () => review({ ...saved }, true)),
    );
    const Host = defineComponent(() => {
      const current = ref<CalibrationReviewView | null>(null);
      return () => h(CalibrationReviewForm, { sessionId: 'session-1', ticketId: 'ticket-1', definition, review: current.value, open: true, onChanged: (next: CalibrationReviewView) => (current.value = next) });
    });
    view = await renderComponent(Host);
    const group = (name: string) => within(view.getByRole('radiogroup', { name }));
    // Chosen one after another without waiting: each answer stays chosen.
    (group('Greeted the customer').getByLabelText('Yes') as HTMLInputElement).click();
    (group('Verified the order').getByLabelText('Yes') as HTMLInputElement).click();
    (group('Solved the problem').getByLabelText('4') as HTMLInputElement).click();
    (group('Friendly tone').getByLabelText('N/A') as HTMLInputElement).click();
    await view.click(view.getByRole('button', { name: 'Submit review' }));
    expect(saved).toEqual({ greet: 1, verify: 1, solve: 4, tone: 'na' });
    const calls = api.calls.map((c) => `${c.method} ${c.path}`);
    expect(calls[calls.length - 1]).toBe('POST /api/calibration-sessions/session-1/reviews/ticket-1/submit');
    expect(view.getByText("You submitted this review. Everyone's answers show once the session closes.")).toBeTruthy();
    expect(view.getByText('Your answer: 4 of 5')).toBeTruthy();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SamplingPolicyRequest } from '@switchboard/shared-contracts';
import {
  clientRefFixture,
  endSession,
  installApiMock,
  meResponseFixture,
  mockCreateSamplingPolicy,
  mockGetMe,
  mockListQueues,
  mockListSamplingDraws,
  mockListSamplingPolicies,
  mockRunSamplingDraw,
  samplingDrawFixture,
  samplingPolicyFixture,
  seedSession,
  userFixture,
  useSessionStore,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within, type RenderResult } from '@switchboard/web-ui';
import SamplingPolicies from './SamplingPolicies.vue';

const GX = 'client-globex';

describe('Sampling policies', () => {
  let api: ApiMock;
  let view: RenderResult;

  async function render(role: 'admin' | 'team_lead') {
    seedSession(userFixture({ id: 'me', role }));
    api = installApiMock(
      mockGetMe(meResponseFixture({ user: userFixture({ id: 'me', role }), clients: [clientRefFixture({ id: GX, slug: 'globex', name: 'Globex Retail' })] })),
      mockListSamplingPolicies(GX, [samplingPolicyFixture({ id: 'policy-1', clientId: GX })]),
      mockListSamplingDraws('policy-1', { items: [samplingDrawFixture()], nextCursor: null }),
      mockListQueues(GX, []),
    );
    view = await renderComponent(SamplingPolicies);
    await useSessionStore().loadMe();
    await view.settle();
  }
  /** A number field (PrimeVue InputNumber) takes what was typed when it loses focus. */
  async function typeNumber(element: HTMLElement, text: string) {
    await view.type(element, text);
    element.dispatchEvent(new FocusEvent('blur'));
    await view.settle();
  }
  afterEach(() => {
    api.restore();
    endSession();
  });

  describe('a lead', () => {
    beforeEach(() => render('team_lead'));

    it('reads what a policy draws and its recent draws, and cannot edit it', () => {
      const policy = within(view.getByRole('list', { name: 'Sampling policies' }));
      expect(policy.getByText('2 per agent · cap 4 · by channel')).toBeTruthy();
      expect(policy.getByText('Targeted: CSAT 2 or lower')).toBeTruthy();
      expect(policy.getByText('3 random + 1 targeted · Lea Mercado 4')).toBeTruthy();
      expect(view.queryByRole('button', { name: 'Edit Weekly chat sample' })).toBeNull();
      expect(view.queryByRole('button', { name: 'New policy' })).toBeNull();
    });

    it('draws now for the period holding a date and says what was drawn for whom', async () => {
      api.use(mockRunSamplingDraw('policy-1', samplingDrawFixture({ id: 'draw-2', randomDrawn: 2, targetedDrawn: 0, assignments: [{ leadId: 'a', leadName: 'Andrés Villa', assigned: 2 }] })));
      await view.type(view.getByLabelText('Period holding (YYYY-MM-DD, empty: the last ended)'), '2025-01-08');
      await view.click(view.getByRole('button', { name: 'Draw now' }));
      expect(api.callsTo('POST', '/api/sampling-policies/policy-1/draws')[0].body).toEqual({ date: '2025-01-08' });
      expect(view.getByText('Weekly chat sample, week of 2025-01-06: 2 random + 0 targeted · Andrés Villa 2.')).toBeTruthy();
    });
  });

  describe('an admin', () => {
    beforeEach(() => render('admin'));

    it('refuses a cap below the quota beside its field, sending nothing, then creates the policy', async () => {
      await view.click(view.getByRole('button', { name: 'New policy' }));
      const form = () => within(view.getByRole('form', { name: 'New sampling policy' }));
      await view.type(form().getByLabelText('Name'), 'Daily chat sample');
      await typeNumber(form().getByLabelText('Cap per agent'), '1');
      await typeNumber(form().getByLabelText('Tickets'), '3');
      await view.click(form().getByRole('button', { name: 'Create policy' }));
      expect(form().getByText("must be at least the quota's count (3)")).toBeTruthy();
      expect(api.callsTo('POST', `/api/clients/${GX}/sampling-policies`)).toHaveLength(0);

      api.use(mockCreateSamplingPolicy(GX, (call) => samplingPolicyFixture({ id: 'policy-2', ...(call.body as SamplingPolicyRequest) })));
      await typeNumber(form().getByLabelText('Cap per agent'), '5');
      await view.click(form().getByRole('button', { name: 'Add targeted rule' }));
      await view.click(form().getByRole('button', { name: 'Create policy' }));
      expect(api.callsTo('POST', `/api/clients/${GX}/sampling-policies`)[0].body).toEqual({
        name: 'Daily chat sample',
        queueId: null,
        period: 'week',
        active: true,
        quota: { kind: 'count', count: 3 },
        stratifyByChannel: true,
        capPerAgent: 5,
        targeted: [{ id: 'rule-1', kind: 'low_csat', maxScore: 2 }],
      });
      expect(view.getByText('Saved Daily chat sample.')).toBeTruthy();
    });
  });
});

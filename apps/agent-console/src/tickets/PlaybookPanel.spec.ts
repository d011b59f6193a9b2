import { describe, expect, it } from 'vitest';
import { playbookFixture } from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import PlaybookPanel from './PlaybookPanel.vue';

const globex = { name: 'Globex Retail', brandColor: '#c2410c' };
const render = (props: Record<string, unknown>) => renderComponent(PlaybookPanel, { props: { client: globex, playbook: null, error: null, canUseGreeting: true, ...props } });

describe('PlaybookPanel', () => {
  it('says so when the client has no playbook yet', async () => {
    const view = await render({ playbook: playbookFixture({ greeting: '', script: '', dos: [], donts: [], links: [], updatedAt: null, updatedByName: null }) });
    const panel = view.getByRole('region', { name: 'Globex Retail playbook' });
    expect(within(panel).getByText('No playbook yet for Globex Retail. An admin writes it under Desk content.')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: 'Use greeting' })).toBeNull();
  });

  it('never makes a link of an address an agent should not open, and offers the greeting only to who may reply', async () => {
    const view = await render({
      canUseGreeting: false,
      playbook: playbookFixture({
        links: [
          { label: 'Old intranet', url: 'javascript:alert(1)' },
          { label: 'Returns policy', url: 'https://globex.example/help/returns' },
        ],
      }),
    });
    const panel = view.getByRole('region', { name: 'Globex Retail playbook' });
    expect(within(panel).getAllByRole('link').map((link) => link.textContent)).toEqual(['Returns policy']);
    expect(within(panel).getByText('Old intranet (address not allowed)')).toBeTruthy();
    expect(panel.querySelector('a[href^="javascript"]')).toBeNull();
    expect(within(panel).queryByRole('button', { name: 'Use greeting' })).toBeNull();
    expect(within(panel).getByText('Updated 1 Jan 2025 by Avery Admin')).toBeTruthy();
  });

  it('says why the playbook could not be read, and offers to try again', async () => {
    const view = await render({ error: 'Switchboard can’t be reached right now.' });
    const panel = view.getByRole('region', { name: 'Globex Retail playbook' });
    expect(within(panel).getByText(/Switchboard can’t be reached right now\./)).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

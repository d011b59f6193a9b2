import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFailure, endSession, FileReply, installApiMock, mockDownloadKpisCsv, mockDownloadTicketsCsv, seedSession, userFixture, type ApiMock } from '@switchboard/web-data-access';
import { renderComponent } from '@switchboard/web-ui';
import ReportExports from './ReportExports.vue';

const client = 'client-northwind';
const filters = { from: '2026-11-02', to: '2026-11-04', channel: 'chat' as const };

describe('ReportExports', () => {
  let api: ApiMock;
  let made: Blob[];
  let saved: { href: string; download: string }[];
  beforeEach(() => {
    seedSession(userFixture({ role: 'client_viewer', clientId: client }));
    api = installApiMock(
      mockDownloadTicketsCsv(client, filters, new FileReply('Ticket,Ticket ID\r\n1001,t-1\r\n', 'text/csv; charset=utf-8')),
      mockDownloadKpisCsv(client, filters, 'day', new FileReply('Date,Interval\r\n', 'text/csv; charset=utf-8')),
      mockDownloadKpisCsv(client, filters, 'interval', apiFailure(400, 'REPORT_RANGE_INVALID', 'A report covers at most 31 days (this asks for 40).')),
    );
    made = [];
    saved = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (made.push(blob as Blob), 'blob:http://localhost/1'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    api.restore();
    endSession();
  });

  const render = (over: Partial<typeof filters> = {}) => renderComponent(ReportExports, { props: { clientId: client, clientName: 'Northwind Traders', filters: { ...filters, ...over } } });

  it('downloads the tickets of the current filters with the token in the header, saved under the client’s name and range', async () => {
    const view = await render();
    await view.click(view.getByRole('button', { name: 'Tickets (CSV)' }));
    const [call] = api.callsTo('GET', `/api/reports/clients/${client}/exports/tickets.csv?from=2026-11-02&to=2026-11-04&channel=chat`);
    expect(call.authorization).toMatch(/^Bearer .+/);
    expect(call.path).not.toMatch(/token/i);
    expect(await made[0].text()).toBe('Ticket,Ticket ID\r\n1001,t-1\r\n');
    expect(saved).toEqual([{ href: 'blob:http://localhost/1', download: 'northwind-traders-tickets-2026-11-02-to-2026-11-04.csv' }]);
  });

  it('downloads the KPIs by day', async () => {
    const view = await render();
    await view.click(view.getByRole('button', { name: 'KPIs by day (CSV)' }));
    expect(api.callsTo('GET', `/api/reports/clients/${client}/exports/kpis.csv?from=2026-11-02&to=2026-11-04&groupBy=day&channel=chat`)).toHaveLength(1);
    expect(saved.map((s) => s.download)).toEqual(['northwind-traders-kpis-by-day-2026-11-02-to-2026-11-04.csv']);
  });

  it('says why a download was refused, and saves nothing', async () => {
    const view = await render();
    await view.click(view.getByRole('button', { name: 'KPIs by 30-minute interval (CSV)' }));
    expect(view.getByRole('alert').textContent).toContain('The KPIs by 30-minute interval could not be downloaded: A report covers at most 31 days');
    expect(saved).toEqual([]);
  });

  it('offers 30-minute intervals only for ranges of up to 31 days', async () => {
    const view = await render({ from: '2026-10-01', to: '2026-11-04' });
    const button = view.getByRole('button', { name: 'KPIs by 30-minute interval (CSV)' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(view.getByText('30-minute intervals are available for up to 31 days.')).toBeTruthy();
    expect((view.getByRole('button', { name: 'Tickets (CSV)' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

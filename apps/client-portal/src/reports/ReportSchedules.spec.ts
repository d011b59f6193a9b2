import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiFailure,
  endSession,
  installApiMock,
  mockCreateReportSchedule,
  mockDeleteReportSchedule,
  mockListReportSchedules,
  reportScheduleFixture,
  seedSession,
  userFixture,
  type ApiMock,
} from '@switchboard/web-data-access';
import { renderComponent, within } from '@switchboard/web-ui';
import ReportSchedules from './ReportSchedules.vue';

const client = 'client-northwind';

describe('ReportSchedules', () => {
  let api: ApiMock;
  beforeEach(() => {
    seedSession(userFixture({ role: 'client_admin', clientId: client }));
    api = installApiMock(mockListReportSchedules(client, [reportScheduleFixture()]));
  });
  afterEach(() => {
    api.restore();
    endSession();
  });

  const render = (canManage: boolean) => renderComponent(ReportSchedules, { props: { clientId: client, timeZone: 'America/New_York', canManage } });

  it('lists the schedules with their next and last sending, in the client’s time zone', async () => {
    const view = await render(false);
    const list = within(view.getByRole('list', { name: 'Scheduled report emails' }));
    expect(list.getByText('Weekly (last Monday–Sunday)')).toBeTruthy();
    expect(list.getByText(/to ops@northwind\.example/)).toBeTruthy();
    expect(list.getByText('Next 7 Dec 2026, 00:00 · last sent 30 Nov 2026, 00:00')).toBeTruthy();
  });

  it('a reader sees no form and no remove button', async () => {
    const view = await render(false);
    expect(view.queryByRole('button', { name: 'Schedule' })).toBeNull();
    expect(view.queryByRole('button', { name: /^Remove/ })).toBeNull();
  });

  it('an admin schedules a monthly report to several addresses, and removes one', async () => {
    api.use(mockCreateReportSchedule(client, reportScheduleFixture({ id: 'schedule-2', cadence: 'monthly', recipients: ['cfo@northwind.example', 'ops@northwind.example'], lastPeriod: null, lastSentAt: null, nextRunAt: '2027-01-01T05:00:00.000Z' })));
    api.use(mockDeleteReportSchedule(client, 'schedule-1', undefined));
    const view = await render(true);
    const select = view.getByLabelText('Every') as HTMLSelectElement;
    select.value = 'monthly';
    select.dispatchEvent(new Event('change'));
    await view.type(view.getByLabelText(/^Send to/), 'cfo@northwind.example, ops@northwind.example');
    await view.click(view.getByRole('button', { name: 'Schedule' }));
    const [call] = api.callsTo('POST', `/api/reports/clients/${client}/report-schedules`);
    expect(call.body).toEqual({ cadence: 'monthly', recipients: ['cfo@northwind.example', 'ops@northwind.example'] });
    expect(view.getByText('Monthly (last month)')).toBeTruthy();

    await view.click(view.getByRole('button', { name: 'Remove the weekly report to ops@northwind.example' }));
    expect(api.callsTo('DELETE', `/api/reports/clients/${client}/report-schedules/schedule-1`)).toHaveLength(1);
    expect(view.queryByText('Weekly (last Monday–Sunday)')).toBeNull();
  });

  it('shows what the API refused, field by field', async () => {
    api.use(mockCreateReportSchedule(client, apiFailure(400, 'REPORT_SCHEDULE_INVALID', 'The schedule was refused', [{ field: 'recipients[0]', message: '"nope" is not an email address' }])));
    const view = await render(true);
    await view.type(view.getByLabelText(/^Send to/), 'nope');
    await view.click(view.getByRole('button', { name: 'Schedule' }));
    expect(view.getByRole('alert').textContent).toContain('recipients[0]: "nope" is not an email address');
  });
});

import type { OutageView } from '@switchboard/shared-contracts';
import { mockRoute, type MockReply, type MockRouteOptions } from '../http/api-mock.util';
import { reportsClientPath } from './reports.api';

export const mockDeclareOutage = (clientId: string, reply: MockReply<OutageView>, options?: MockRouteOptions) => mockRoute('POST', `${reportsClientPath(clientId)}/outages`, reply, options);

export const mockRemoveOutage = (clientId: string, outageId: string, reply: MockReply<void>, options?: MockRouteOptions) =>
  mockRoute('DELETE', `${reportsClientPath(clientId)}/outages/${outageId}`, reply, options);

export const mockUploadForecast = (clientId: string, reply: MockReply<{ stored: number }>, options?: MockRouteOptions) => mockRoute('PUT', `${reportsClientPath(clientId)}/forecasts`, reply, options);

import type { ForecastUpload, OutageInput, OutageView } from '@switchboard/shared-contracts';
import { apiRequest } from '../http/http-client.util';
import { reportsClientPath } from './reports.api';

/** `POST …/outages`: a provider admin declares a client-caused outage (contract exclusions read it). */
export function declareOutage(clientId: string, input: OutageInput): Promise<OutageView> {
  return apiRequest<OutageView>('POST', `${reportsClientPath(clientId)}/outages`, input);
}

/** `DELETE …/outages/:id`: a provider admin removes a declared outage. */
export function removeOutage(clientId: string, outageId: string): Promise<void> {
  return apiRequest<void>('DELETE', `${reportsClientPath(clientId)}/outages/${encodeURIComponent(outageId)}`);
}

/** `PUT …/forecasts`: a provider admin loads the volume forecast of some intervals. */
export function uploadForecast(clientId: string, upload: ForecastUpload): Promise<{ stored: number }> {
  return apiRequest<{ stored: number }>('PUT', `${reportsClientPath(clientId)}/forecasts`, upload);
}

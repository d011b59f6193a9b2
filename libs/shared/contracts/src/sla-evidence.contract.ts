import type { Channel } from './tenancy.contract';

// ─── Evidence for SLA contract exclusions (/api/reports/clients/:clientId/outages, …/forecasts) ──────
// A term with the exclusion `client_caused_outage` leaves out the contacts that reached a queue inside a
// declared outage; one with `volume_above_forecast` (bandPercent) leaves out every contact of a 30-minute
// interval whose offered volume was above forecast × (1 + band / 100). Provider admins declare outages and
// load forecasts; everyone who reads the client's reports reads them, and the statement lists what each
// term left out.

export interface OutageInput {
  /** ISO instants, end exclusive; at most 7 days long, not in the future. */
  startsAt: string;
  endsAt: string;
  /** What the client's side did (3–500 characters), printed on the statement. */
  reason: string;
}

export interface OutageView extends OutageInput {
  id: string;
  clientId: string;
  declaredBy: string | null;
  declaredAt: string;
}

/** One 30-minute interval's forecast of offered contacts; `channel` null = all channels together. */
export interface ForecastInterval {
  /** ISO instant on a :00 or :30 UTC boundary. */
  intervalStart: string;
  channel: Channel | null;
  offered: number;
}

/** `PUT …/forecasts`: replaces the forecast of each interval and channel given (at most 5,000 a call). */
export interface ForecastUpload {
  intervals: ForecastInterval[];
}

export type ExclusionKind = 'client_caused_outage' | 'volume_above_forecast';

/** What a term of the statement left out, by reason. */
export interface ExcludedContacts {
  kind: ExclusionKind;
  /** Contacts left out of this term's measurement. */
  contacts: number;
  /** Outage windows or above-forecast intervals that caused it. */
  windows: number;
}

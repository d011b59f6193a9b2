/**
 * Where the API lives and where this app keeps its session. Set once at start-up by each app
 * (`configureApi`) before anything else touches data-access.
 */
export interface ApiConfig {
  /** Origin the API is served from; '' means same origin (the default: apps are served by the API). */
  baseUrl: string;
  /** sessionStorage key of this app's session. Apps on one origin keep separate sessions. */
  storageKey: string;
}

const config: ApiConfig = { baseUrl: '', storageKey: 'switchboard.session' };

export function configureApi(overrides: Partial<ApiConfig>): void {
  Object.assign(config, overrides);
}

export function apiConfig(): Readonly<ApiConfig> {
  return config;
}

/** Network errors of a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** PostgreSQL: shutting down, crashed, not accepting connections yet (57P01–57P03), or any connection exception (class 08). */
const SERVER_GONE = /^(57P0[123]|08...)$/;
/** What node-postgres says when the server went away mid-conversation or the pool could not connect in time. */
const POOL_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|terminating connection)/i;

/**
 * True when `error` means the database is unreachable (not that a query was wrong): the caller is told
 * to retry later (503) instead of "something went wrong". TypeORM wraps driver errors (`driverError`).
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE.test(code))) return true;
    if (typeof message === 'string' && POOL_MESSAGES.test(message)) return true;
    e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

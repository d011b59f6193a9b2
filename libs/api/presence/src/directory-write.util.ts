import { ForbiddenException, ValidationException, type Principal } from '@switchboard/api-platform';

/** Helpers the directory's services share (agents, skills, teams, staff accounts). */

const isUniqueViolation = (error: unknown) => (((error as { driverError?: unknown })?.driverError ?? error) as { code?: string } | null)?.code === '23505';

export function requireAdmin(principal: Principal): void {
  if (principal.role !== 'admin') throw new ForbiddenException('Only admins manage agents, teams, skills and accounts.');
}

/** A search term for ILIKE: `%`, `_` and `\` match themselves. */
export function likeEscaped(q: string): string {
  return q.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Runs a write whose unique index may refuse it: the refusal becomes a field error (nothing written). */
export async function unique<T>(field: string, message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationException([{ field, message }]);
    throw error;
  }
}

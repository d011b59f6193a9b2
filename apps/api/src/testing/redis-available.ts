/**
 * The specs that run several nodes over Redis need a real one (TEST_REDIS_URL, default the machine's
 * 127.0.0.1:6379). Developer and CI machines have it; a user's machine may not, so there those specs
 * are skipped with a notice from the global setup, while under CI=true a missing Redis fails the run.
 */
export const TEST_REDIS_URL = new URL(process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379');

/** `describe` when the global setup reached Redis, `describe.skip` otherwise. */
export const describeWithRedis: jest.Describe = process.env['TEST_REDIS_AVAILABLE'] === '1' ? describe : describe.skip;

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_SETTINGS, ConfigError, isOriginAllowed, loadConfig } from './app-config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'sb-config-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DATA_DIR: dataDir(), ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.database.ownerUrl).toBeUndefined();
    expect(config.auth.accessTokenTtlSeconds).toBe(900);
    expect(config.seedDemo).toBe(true);
    expect(config.sockets).toEqual({ rateLimitPerMinute: 100, revalidateSeconds: 300 });
    expect(config.httpRateLimits).toEqual({ login: 60, webhooks: 600 });
  });

  it('keeps a generated JWT secret in the data directory so a restart keeps sessions', () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).auth.jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).auth.jwtSecret).toBe(first);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8')).toBe(first);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a number (got "abc")'],
    [{ PORT: '70000' }, 'PORT: must be at most 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET: must be at least 32 characters'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO: must be true or false (got "maybe")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be fatal, error, warn, info, debug, trace or silent (got "loud")'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET: required when NODE_ENV=production'],
    [{ SOCKET_REVALIDATE_SECONDS: '3600' }, 'SOCKET_REVALIDATE_SECONDS: must be at most 1800 (got "3600")'],
  ])('names the bad setting: %j', (env, problem) => {
    expect(problemsOf(env)).toEqual([expect.stringContaining(problem)]);
  });

  it('never echoes secrets or URLs back', () => {
    const [problem] = problemsOf({ DATABASE_URL: 'mysql://user:hunter2@db' });
    expect(problem).not.toContain('hunter2');
  });

  it('reports every bad setting at once', () => {
    expect(problemsOf({ PORT: 'x', PRESENCE_GRACE_SECONDS: '-1' })).toHaveLength(2);
  });
});

describe('.env.example', () => {
  it('documents every setting, and only real ones', () => {
    const documented = readFileSync(join(__dirname, '..', '..', '..', '..', '..', '.env.example'), 'utf8')
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split('=')[0]);
    expect([...documented].sort()).toEqual([...CONFIG_SETTINGS].sort());
  });
});

describe('isOriginAllowed', () => {
  const loopback = { allowedOrigins: 'loopback' as const, publicUrl: 'https://switchboard.example' };
  const listed = { allowedOrigins: ['https://console.example'], publicUrl: 'https://switchboard.example' };
  it.each([
    [loopback, undefined, true],
    [loopback, 'http://localhost:3000', true],
    [loopback, 'http://127.0.0.1:5173', true],
    [loopback, 'https://switchboard.example', true],
    [loopback, 'http://evil.example', false],
    [loopback, 'http://localhost.evil.example', false],
    [listed, 'https://console.example', true],
    [listed, 'http://localhost:3000', false],
  ])('%#', (config, origin, allowed) => {
    expect(isOriginAllowed(config, origin)).toBe(allowed);
  });
});

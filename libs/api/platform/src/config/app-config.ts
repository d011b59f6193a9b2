import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ATTACHMENT_MAX_BYTES } from '@switchboard/shared-contracts';
import { z } from 'zod';

/**
 * The one typed configuration of the API, read from the environment once at boot and validated.
 * `process.env` is read nowhere else. Every setting is listed in `.env.example` with its default.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const integer = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), { message: 'must be a postgres:// or postgresql:// URL' });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be development, test or production' }).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(1, 65535).default(3000),
  PUBLIC_URL: z.url({ message: 'must be a URL such as http://localhost:3000' }).optional(),
  ALLOWED_ORIGINS: z.string().default('loopback'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2})$/, { message: 'must be false, true (one proxy) or the number of proxy hops in front of the API' })
    .default('false')
    .transform((v) => (v === 'true' ? 1 : v === 'false' ? 0 : Number(v))),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_APP_URL: postgresUrl.optional(),
  DATABASE_APP_PASSWORD: z.string().min(8, { message: 'must be at least 8 characters' }).default('switchboard-app-local'),
  DATABASE_POOL_SIZE: integer(1, 200).default(20),
  EMBEDDED_PG_PORT: integer(1024, 65535).default(54329),
  DATA_DIR: z.string().min(1).default('.data'),
  JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ACCESS_TOKEN_TTL_SECONDS: integer(60, 86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: integer(3_600, 90 * 86_400).default(30 * 86_400),
  LOGIN_MAX_FAILURES: integer(1, 1_000).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: integer(1, 10_000).default(30),
  LOGIN_WINDOW_SECONDS: integer(10, 86_400).default(900),
  PRESENCE_GRACE_SECONDS: integer(0, 3_600).default(30),
  SOCKET_RATE_LIMIT_PER_MINUTE: integer(1, 100_000).default(100),
  SOCKET_REVALIDATE_SECONDS: integer(1, 1_800).default(300),
  WEBHOOK_RATE_LIMIT_PER_MINUTE: integer(1, 1_000_000).default(600),
  LOGIN_RATE_LIMIT_PER_MINUTE: integer(1, 100_000).default(60),
  SMTP_ENABLED: booleanFlag.default(true),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: integer(0, 65535).default(2525),
  SMTP_MAX_MESSAGE_BYTES: integer(1_024, 100 * 1_048_576).default(10 * 1_048_576),
  ATTACHMENT_MAX_BYTES: integer(1_024, 50 * 1_048_576).default(ATTACHMENT_MAX_BYTES),
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' }).optional(),
  META_APP_SECRET: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  META_VERIFY_TOKEN: z.string().min(8, { message: 'must be at least 8 characters' }).optional(),
  META_ACCESS_TOKEN: z.string().min(8, { message: 'must be at least 8 characters' }).optional(),
  META_GRAPH_URL: z.url({ message: 'must be a URL' }).default('https://graph.facebook.com/v21.0'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, { message: 'must look like AC followed by 32 hex digits' }).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  TWILIO_API_URL: z.url({ message: 'must be a URL' }).default('https://api.twilio.com'),
  VOICE_HOLD_MUSIC_URL: z.url({ message: 'must be a URL' }).default('https://com.twilio.sounds.music.s3.amazonaws.com/MARKOVICHAMP-Borghestral.mp3'),
  OUTBOUND_MAX_ATTEMPTS: integer(1, 50).default(8),
  QA_JOBS_ENABLED: booleanFlag.default(true),
  QA_JOBS_TICK_MS: integer(50, 3_600_000).default(60_000),
  QA_JOB_LEASE_SECONDS: integer(5, 3_600).default(120),
  ROUTING_ENABLED: booleanFlag.default(true),
  ROUTING_TICK_MS: integer(50, 60_000).default(1_000),
  ROUTING_MAX_MISSED_OFFERS: integer(1, 100).default(3),
  ROUTING_FAIRNESS_WINDOW_SECONDS: integer(60, 86_400).default(3_600),
  ROUTING_MAX_OFFERS_PER_ROUND: integer(1, 100_000).default(500),
  ROUTING_AGENTS_MAX_AGE_MS: integer(0, 3_600_000).default(250),
  WIDGET_SETTINGS_MAX_AGE_MS: integer(0, 600_000).default(5_000),
  NODE_ID: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1–64 letters, digits, dot, dash or underscore' }).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' }).optional(),
  REDIS_STREAM: z.string().regex(/^[A-Za-z0-9:_.-]{1,100}$/, { message: 'must be 1–100 letters, digits, colon, dot, dash or underscore' }).default('switchboard:realtime'),
  SHUTDOWN_GRACE_MS: integer(0, 120_000).default(10_000),
  RECONNECTS_PER_MINUTE: integer(1, 100_000).default(30),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  BODY_LIMIT_BYTES: integer(1_024, 50 * 1_048_576).default(262_144),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be fatal, error, warn, info, debug, trace or silent' }).default('info'),
  SEED_DEMO: booleanFlag.default(true),
  SEED_DEMO_HISTORY: booleanFlag.default(true),
  SERVE_WEB: booleanFlag.default(true),
  WEB_DIST_DIR: z.string().min(1).default('dist/apps'),
});

export type RawConfig = z.infer<typeof schema>;

/** Every setting the API reads (each one is documented in `.env.example`). */
export const CONFIG_SETTINGS = Object.keys(schema.shape) as (keyof RawConfig)[];

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  host: string;
  port: number;
  publicUrl: string;
  /** `'loopback'` allows http(s) origins on localhost, 127.0.0.1 and [::1] at any port. */
  allowedOrigins: 'loopback' | string[];
  /** Reverse-proxy hops whose X-Forwarded-For is believed; 0 ignores the header (spoofable otherwise). */
  trustProxyHops: number;
  database: {
    /** Owner connection (runs migrations). Undefined: start the embedded PostgreSQL. */
    ownerUrl?: string;
    /** Runtime connection as the RLS-bound application role. Undefined: derived from the owner URL. */
    appUrl?: string;
    appRole: string;
    appPassword: string;
    poolSize: number;
    embeddedPort: number;
  };
  dataDir: string;
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    login: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowSeconds: number };
  };
  presenceGraceSeconds: number;
  /**
   * Sockets: each socket may send `rateLimitPerMinute` messages in any 60 s (more are answered
   * RATE_LIMITED and dropped); staff sockets re-read their session every `revalidateSeconds` (at most
   * 30 minutes), besides at once when a user, assignment or session changes.
   */
  sockets: { rateLimitPerMinute: number; revalidateSeconds: number };
  /** Requests per minute per address: `login` (sign-in and refresh), `webhooks` (each provider's webhooks). */
  httpRateLimits: { login: number; webhooks: number };
  /** Inbound email: the SMTP listener for inbox addresses. Port 0 picks a free port (tests). */
  smtp: { enabled: boolean; host: string; port: number; maxMessageBytes: number };
  /**
   * Files: `maxBytes` is the largest an agent may upload and the largest inbound email attachment kept
   * (larger ones are listed, not stored). The console refuses files over the contract's ATTACHMENT_MAX_BYTES
   * before uploading; a lower setting here is enforced by the API (413).
   */
  attachments: { maxBytes: number };
  /** Meta webhooks: unset secret → POSTs answer 503 (outside production a local secret is generated). Without an access token, replies land in the local outbox. */
  meta: { appSecret?: string; verifyToken?: string; accessToken?: string; graphUrl: string };
  /** Outbound email: SMTP_URL, or the local outbox when unset. */
  outbound: { smtpUrl?: string; maxAttempts: number };
  /** Twilio-compatible voice: webhooks verified with the auth token; call controls go to the API (or the local outbox without an account). */
  voice: { accountSid?: string; authToken?: string; apiUrl: string; holdMusicUrl: string };
  /**
   * The router: `enabled` false leaves tickets for agents to pick by hand. `tickMs`: how often each node
   * sweeps timers (offer timeouts, overflow rings, return timer). `maxMissedOffers` in a row set an agent
   * away (not responding). `agentsMaxAgeMs`: how old the ready agents' picture a round plans with may be
   * (chosen agents are checked again under lock). `nodeId` names this node on the offers it makes.
   */
  routing: { enabled: boolean; tickMs: number; maxMissedOffers: number; fairnessWindowSeconds: number; maxOffersPerRound: number; agentsMaxAgeMs: number; nodeId: string };
  /**
   * QA background work on every node: scheduled sampling draws (durable jobs leased in PostgreSQL, so
   * one node runs each) and AutoQA of resolved tickets. `tickMs`: how often each node looks for due work;
   * `leaseSeconds`: how long a claimed draw is the claiming node's before another may take it over.
   */
  qaJobs: { enabled: boolean; tickMs: number; leaseSeconds: number };
  /**
   * Scale-out: with `url`, Socket.IO events reach sockets on every node through a Redis stream named
   * `stream` (one per deployment: two deployments sharing a Redis must use two names).
   */
  redis: { url?: string; stream: string };
  /** SIGTERM: how long a node waits for in-flight socket writes after it stops taking sockets, before it closes them (clients reconnect elsewhere). */
  shutdownGraceMs: number;
  /** Socket connections one identity (agent, widget visitor, or address when anonymous) may open per minute on one node; more are refused (RATE_LIMITED) without slowing others. */
  reconnectsPerMinute: number;
  /** When set, GET /metrics wants `Authorization: Bearer <token>`; unset, it is open (keep it off the public edge). */
  metricsToken?: string;
  /** How long a node may answer widget connects and new chats from inbox and client settings it read earlier (0: read them every time). */
  widgetSettingsMaxAgeMs: number;
  bodyLimitBytes: number;
  logLevel: RawConfig['LOG_LEVEL'];
  seedDemo: boolean;
  /** With the demo seed, a month of finished tickets for the portal's reports (once). */
  seedDemoHistory: boolean;
  web: { serve: boolean; distDir: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export const APP_ROLE_NAME = 'switchboard_app';

/**
 * Validates the environment. A wrong value throws a ConfigError naming each bad setting.
 * `cwd` anchors relative paths; the JWT secret of a non-production install is generated once and kept
 * in the data directory so sessions survive a restart.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = present[name];
        const shown = value === undefined || /SECRET|PASSWORD|URL/.test(name) ? '' : ` (got "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const raw = parsed.data;
  if (raw.NODE_ENV === 'production' && !raw.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required when NODE_ENV=production (at least 32 characters)']);
  }
  const dataDir = isAbsolute(raw.DATA_DIR) ? raw.DATA_DIR : resolve(cwd, raw.DATA_DIR);
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, '');
  return {
    env: raw.NODE_ENV,
    host: raw.HOST,
    port: raw.PORT,
    publicUrl,
    allowedOrigins: raw.ALLOWED_ORIGINS === 'loopback' ? 'loopback' : raw.ALLOWED_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean),
    trustProxyHops: raw.TRUST_PROXY,
    database: {
      ownerUrl: raw.DATABASE_URL,
      appUrl: raw.DATABASE_APP_URL,
      appRole: APP_ROLE_NAME,
      appPassword: raw.DATABASE_APP_PASSWORD,
      poolSize: raw.DATABASE_POOL_SIZE,
      embeddedPort: raw.EMBEDDED_PG_PORT,
    },
    dataDir,
    auth: {
      jwtSecret: raw.JWT_SECRET ?? localSecret(dataDir, 'jwt-secret'),
      accessTokenTtlSeconds: raw.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: raw.REFRESH_TOKEN_TTL_SECONDS,
      login: {
        maxFailuresPerAccount: raw.LOGIN_MAX_FAILURES,
        maxFailuresPerAddress: raw.LOGIN_MAX_FAILURES_PER_ADDRESS,
        windowSeconds: raw.LOGIN_WINDOW_SECONDS,
      },
    },
    presenceGraceSeconds: raw.PRESENCE_GRACE_SECONDS,
    sockets: { rateLimitPerMinute: raw.SOCKET_RATE_LIMIT_PER_MINUTE, revalidateSeconds: raw.SOCKET_REVALIDATE_SECONDS },
    httpRateLimits: { login: raw.LOGIN_RATE_LIMIT_PER_MINUTE, webhooks: raw.WEBHOOK_RATE_LIMIT_PER_MINUTE },
    meta: {
      appSecret: raw.META_APP_SECRET ?? (raw.NODE_ENV === 'production' ? undefined : localSecret(dataDir, 'meta-app-secret')),
      verifyToken: raw.META_VERIFY_TOKEN,
      accessToken: raw.META_ACCESS_TOKEN,
      graphUrl: raw.META_GRAPH_URL.replace(/\/$/, ''),
    },
    outbound: { smtpUrl: raw.SMTP_URL, maxAttempts: raw.OUTBOUND_MAX_ATTEMPTS },
    routing: {
      enabled: raw.ROUTING_ENABLED,
      tickMs: raw.ROUTING_TICK_MS,
      maxMissedOffers: raw.ROUTING_MAX_MISSED_OFFERS,
      fairnessWindowSeconds: raw.ROUTING_FAIRNESS_WINDOW_SECONDS,
      maxOffersPerRound: raw.ROUTING_MAX_OFFERS_PER_ROUND,
      agentsMaxAgeMs: raw.ROUTING_AGENTS_MAX_AGE_MS,
      nodeId: raw.NODE_ID ?? `${hostname()}-${process.pid}`,
    },
    qaJobs: { enabled: raw.QA_JOBS_ENABLED, tickMs: raw.QA_JOBS_TICK_MS, leaseSeconds: raw.QA_JOB_LEASE_SECONDS },
    voice: {
      accountSid: raw.TWILIO_ACCOUNT_SID,
      authToken: raw.TWILIO_AUTH_TOKEN ?? (raw.NODE_ENV === 'production' ? undefined : localSecret(dataDir, 'twilio-auth-token')),
      apiUrl: raw.TWILIO_API_URL.replace(/\/$/, ''),
      holdMusicUrl: raw.VOICE_HOLD_MUSIC_URL,
    },
    smtp: { enabled: raw.SMTP_ENABLED, host: raw.SMTP_HOST ?? raw.HOST, port: raw.SMTP_PORT, maxMessageBytes: raw.SMTP_MAX_MESSAGE_BYTES },
    attachments: { maxBytes: raw.ATTACHMENT_MAX_BYTES },
    widgetSettingsMaxAgeMs: raw.WIDGET_SETTINGS_MAX_AGE_MS,
    redis: { url: raw.REDIS_URL, stream: raw.REDIS_STREAM },
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
    reconnectsPerMinute: raw.RECONNECTS_PER_MINUTE,
    metricsToken: raw.METRICS_TOKEN,
    bodyLimitBytes: raw.BODY_LIMIT_BYTES,
    logLevel: raw.LOG_LEVEL,
    seedDemo: raw.SEED_DEMO,
    seedDemoHistory: raw.SEED_DEMO_HISTORY,
    web: { serve: raw.SERVE_WEB, distDir: isAbsolute(raw.WEB_DIST_DIR) ? raw.WEB_DIST_DIR : resolve(cwd, raw.WEB_DIST_DIR) },
  };
}

/** A secret generated once and kept in the data directory (mode 600), for installs that did not set one. */
function localSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** True when a browser Origin may talk to this API. Requests without an Origin (non-browser clients) pass. */
export function isOriginAllowed(config: Pick<AppConfig, 'allowedOrigins' | 'publicUrl'>, origin: string | undefined): boolean {
  if (!origin) return true;
  const normalised = origin.replace(/\/$/, '');
  if (normalised === config.publicUrl) return true;
  if (config.allowedOrigins === 'loopback') {
    return /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/.test(normalised);
  }
  return config.allowedOrigins.includes(normalised);
}

export const APP_CONFIG = Symbol('APP_CONFIG');

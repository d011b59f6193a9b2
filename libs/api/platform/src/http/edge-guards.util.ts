import { ErrorCode, type ErrorResponse } from '@switchboard/shared-contracts';
import { slidingCountDecision, takeFromWindow } from '@switchboard/shared-domain';
import type { NextFunction, Request, Response } from 'express';
import { isOriginAllowed, type AppConfig } from '../config/app-config';

const MINUTE_MS = 60_000;
/** Addresses remembered per limiter before the oldest are forgotten (a flood of spoofed sources cannot grow memory). */
const MAX_TRACKED = 50_000;

type Req = Request & { id?: unknown };
const requestIdOf = (req: Req) => (req.id ? String(req.id) : undefined);

/** The counts a shared sliding-window decision needs (see `slidingCountDecision`). */
export interface RateCounts {
  previous: number;
  current: number;
  elapsedMs: number;
}

/** Counts events per limiter and source in a store every node shares (PostgreSQL: `PgRateCounter`). */
export interface SharedRateCounter {
  hit(limiter: string, address: string): Promise<RateCounts>;
}

/**
 * Per-address request limit for a group of routes (sign-in, webhooks): at most `perMinute` requests
 * from one address in any 60 s; more get 429 RATE_LIMITED with Retry-After. Two counts decide: this
 * node's exact sliding window in memory (free, and it still holds when the database is away), and,
 * given a `shared` counter, the count of every node together (without it N nodes let N times the
 * limit through). The address is Express's `req.ip`, which believes X-Forwarded-For only as far as
 * TRUST_PROXY allows, so a spoofed header does not buy a fresh allowance. (Failed sign-ins are also
 * counted in PostgreSQL across nodes and lock the account: see the login throttle.)
 */
export function addressRateLimit(name: string, perMinute: number, matches: (req: Request) => boolean, shared?: SharedRateCounter) {
  const seen = new Map<string, number[]>();
  const refuse = (req: Req, res: Response, retryAfterMs: number) => {
    const seconds = Math.ceil(retryAfterMs / 1000);
    res.setHeader('Retry-After', String(seconds));
    const body: ErrorResponse = { error: { code: ErrorCode.RateLimited, message: `Too many ${name} requests from this address: at most ${perMinute} a minute. Try again in ${seconds} s.`, requestId: requestIdOf(req) } };
    res.status(429).json(body);
  };
  return (req: Req, res: Response, next: NextFunction): void => {
    if (!matches(req)) return next();
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const decision = takeFromWindow(seen.get(address) ?? [], Date.now(), perMinute, MINUTE_MS);
    seen.delete(address);
    seen.set(address, decision.stamps);
    if (seen.size > MAX_TRACKED) seen.delete(seen.keys().next().value as string);
    if (!decision.allowed) return refuse(req, res, decision.retryAfterMs);
    if (!shared) return next();
    shared.hit(name, address).then(
      (counts) => {
        const together = slidingCountDecision(counts, perMinute, MINUTE_MS);
        if (together.allowed) next();
        else refuse(req, res, together.retryAfterMs);
      },
      // The shared store is away (the database is down): this node's own count still holds, and the
      // request meets the outage answer (503) further on.
      () => next(),
    );
  };
}

/**
 * CORS for the API: only the product's own origins (ALLOWED_ORIGINS, PUBLIC_URL) get CORS headers,
 * and a state-changing request carrying any other browser Origin is refused outright (403
 * ORIGIN_NOT_ALLOWED) instead of relying on the browser to hide the answer. Requests without an
 * Origin (servers, webhooks, scripts) pass; the widget talks over its socket, which checks the
 * origins of the web sites embedding it.
 */
export function corsAllowlist(config: Pick<AppConfig, 'allowedOrigins' | 'publicUrl'>) {
  return (req: Req, res: Response, next: NextFunction): void => {
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (!origin) return next();
    res.vary('Origin');
    if (!isOriginAllowed(config, origin)) {
      if (req.method === 'GET' || req.method === 'HEAD') return next(); // no CORS headers: the browser keeps the answer from the page
      const body: ErrorResponse = { error: { code: ErrorCode.OriginNotAllowed, message: 'This origin may not call the API.', requestId: requestIdOf(req) } };
      res.status(403).json(body);
      return;
    }
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-request-id, x-filename');
      res.setHeader('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', 'x-request-id, retry-after, content-disposition');
    next();
  };
}

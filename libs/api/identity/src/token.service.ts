import { Inject, Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@switchboard/api-platform';
import { ErrorCode } from '@switchboard/shared-contracts';
import { createHash, createSecretKey, randomBytes } from 'node:crypto';
import { IdentityException } from './identity.exception';

export interface AccessClaims {
  sub: string;
  sid: string;
}

/** Short-lived signed access tokens (HS256) and opaque refresh tokens stored only as hashes. */
@Injectable()
export class TokenService {
  private readonly jwt: JwtService;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // A key object made once: given the secret as a string, jsonwebtoken tries it as a public key first
    // (a thrown and caught error), then makes a secret key from it — on every request and socket (2–3 % of the API's CPU under load).
    const key = createSecretKey(Buffer.from(config.auth.jwtSecret));
    this.jwt = new JwtService({
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: 'HS256', expiresIn: config.auth.accessTokenTtlSeconds, issuer: 'switchboard', audience: 'switchboard' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'switchboard', audience: 'switchboard' },
    });
  }

  get accessTtlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  signAccess(userId: string, sessionId: string): string {
    return this.jwt.sign({ sid: sessionId, typ: 'access' }, { subject: userId });
  }

  verifyAccess(token: string): AccessClaims {
    try {
      const claims = this.jwt.verify<{ sub?: unknown; sid?: unknown; typ?: unknown }>(token);
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string' || claims.typ !== 'access') throw new Error('claims');
      return { sub: claims.sub, sid: claims.sid };
    } catch (error) {
      if (error instanceof TokenExpiredError) throw new IdentityException(ErrorCode.AuthTokenExpired, 'Your sign-in has expired; refresh it or sign in again.');
      throw new IdentityException(ErrorCode.AuthTokenInvalid, 'The access token is not valid.');
    }
  }

  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefresh(token), expiresAt: new Date(Date.now() + this.config.auth.refreshTokenTtlSeconds * 1000) };
  }

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}

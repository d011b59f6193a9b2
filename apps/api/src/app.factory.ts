import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { addressRateLimit, bodyErrorHandler, corsAllowlist, createValidationPipe, HttpExceptionFilter, PinoNestLogger, uploadBodyErrorHandler, type AppConfig } from '@switchboard/api-platform';
import { TokenService } from '@switchboard/api-identity';
import { SwitchboardIoAdapter } from '@switchboard/api-realtime';
import express from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import pinoHttp from 'pino-http';
import type { Logger } from 'pino';
import { PgRateCounter } from '@switchboard/api-database';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { serveWebApps } from './web/web-apps';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** File uploads take the raw file as the body (any type), up to the attachment limit; everything else is JSON. */
const UPLOAD_ROUTE = /^\/api\/tickets\/[^/]+\/attachments\/?$/;

/** Builds the whole API (HTTP, sockets, web apps) without listening; main.ts and the tests share it. */
export async function createApp(config: AppConfig, logger: Logger, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger, databaseUrl), {
    bodyParser: false,
    logger: new PinoNestLogger(logger.child({ context: 'Nest' })),
  });
  app.set('trust proxy', config.trustProxyHops);
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: logger.child({ context: 'Http' }),
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api/') },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // PrimeVue themes inject style elements at runtime.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", 'ws:', 'wss:'],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' }, // widget.js is embedded on client sites
    }),
  );
  app.use(corsAllowlist(config));
  // Before any body is read: a flood costs a map lookup, not a parse (or an argon2 check).
  // Counted on this node and, shared by every node, in PostgreSQL (N nodes must not mean N times the limit).
  const rateCounter = new PgRateCounter(app.get(DataSource));
  app.use(addressRateLimit('sign-in', config.httpRateLimits.login, (req) => req.method === 'POST' && /^\/api\/auth\/(login|refresh)\/?$/.test(req.path), rateCounter));
  app.use(addressRateLimit('webhook', config.httpRateLimits.webhooks, (req) => req.path.startsWith('/api/webhooks/'), rateCounter));
  const readUpload = express.raw({ type: () => true, limit: config.attachments.maxBytes, inflate: false });
  // An upload is read only for a caller with a valid access token (checked again, fully, by the guard):
  // an anonymous request is answered 401 without the server holding up to the limit in memory for it.
  const tokens = app.get(TokenService);
  const signedIn = (req: express.Request) => {
    const [scheme, token] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) return false;
    try {
      tokens.verifyAccess(token);
      return true;
    } catch {
      return false;
    }
  };
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    req.method === 'POST' && UPLOAD_ROUTE.test(req.path) && signedIn(req) ? readUpload(req, res, next) : next(),
  );
  app.use(uploadBodyErrorHandler(config.attachments.maxBytes));
  app.use(
    express.json({
      limit: config.bodyLimitBytes,
      strict: true,
      // Webhook signatures are computed over the exact bytes received.
      verify: (req: express.Request & { rawBody?: Buffer }, _res, body) => {
        if (req.url?.startsWith('/api/webhooks/')) req.rawBody = body;
      },
    }),
  );
  app.use(bodyErrorHandler);
  // Prometheus scrapes /metrics, by convention outside the API's prefix.
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(logger.child({ context: 'HttpExceptionFilter' })));
  app.useWebSocketAdapter(new SwitchboardIoAdapter(app, config));

  const openApi = new DocumentBuilder()
    .setTitle('Switchboard API')
    .setDescription('Multi-client contact centre: identity, tenancy, presence. Errors: `{ error: { code, message, fields?, requestId } }`.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/openapi.json' });

  if (config.web.serve) serveWebApps(app, config.web.distDir);
  return app;
}

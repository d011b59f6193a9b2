import 'reflect-metadata';
import { ConfigError, createRootLogger, loadConfig } from '@switchboard/api-platform';
import { SmtpListener } from '@switchboard/api-channels';
import { NodeLifecycle } from '@switchboard/api-realtime';
import { createApp } from './app.factory';
import { openDatabase } from './database/database-runtime';
import { DEMO_PASSWORD, DEMO_USERS } from './database/seed/demo-data';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix these settings (see .env.example) and start again.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config.logLevel);
  const startedAt = Date.now();
  const database = await openDatabase(config, logger);
  let app;
  try {
    app = await createApp(config, logger, database.appUrl);
    await app.listen(config.port, config.host);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.stop(); // never leave an embedded PostgreSQL behind
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`Port ${config.port} is already in use. Set PORT to a free port.`);
    throw error;
  }
  const server = app;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Readiness turns 503 and new sockets are refused; in-flight socket writes finish; then sockets close and reconnect elsewhere.
    await server.get(NodeLifecycle).drain(config.shutdownGraceMs).catch((error) => logger.error({ err: error }, 'error while draining sockets'));
    await server.close().catch((error) => logger.error({ err: error }, 'error while closing the server'));
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const readyIn = ((Date.now() - startedAt) / 1000).toFixed(1);
  logger.info({ port: config.port, readyInSeconds: Number(readyIn) }, 'ready');
  const smtpPort = server.get(SmtpListener).port;
  const outbound = config.outbound.smtpUrl ? 'SMTP_URL' : 'the local outbox (GET /api/outbox as admin)';
  process.stdout.write(banner(config.publicUrl, database.embedded, config.seedDemo, readyIn, smtpPort ? `smtp://${config.smtp.host}:${smtpPort}` : 'off', outbound));
}

function banner(url: string, embedded: boolean, demo: boolean, readyIn: string, smtp: string, outbound: string): string {
  const logins = demo ? `\n  Demo logins (password: ${DEMO_PASSWORD}):\n${DEMO_USERS.map((u) => `    ${u.role.padEnd(14)} ${u.email}`).join('\n')}\n` : '';
  return `
  Switchboard is ready in ${readyIn} s ${embedded ? '(embedded PostgreSQL)' : '(external PostgreSQL)'}
    Agent console   ${url}/
    Client portal   ${url}/portal/
    Chat widget     ${url}/widget/${demo ? `
    Demo sites      ${url}/demo/northwind  ${url}/demo/globex` : ''}
    API docs        ${url}/api/docs
    Health          ${url}/api/health
    Inbound email   ${smtp}${demo ? '  (support@northwind.demo, orders@globex.demo)' : ''}
    Replies go to   ${outbound}
    Webhooks        ${url}/api/webhooks/meta  ${url}/api/webhooks/voice/incoming
${logins}
  Press Ctrl-C to stop.
`;
}

main().catch((error) => {
  process.stderr.write(`Switchboard could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

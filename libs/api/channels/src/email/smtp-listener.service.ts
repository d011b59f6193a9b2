import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@switchboard/api-platform';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { EmailIntakeService, type EmailInbox } from './email-intake.service';

type SmtpError = Error & { responseCode: number };
const smtpError = (responseCode: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode });

/**
 * The inbound SMTP listener: accepts mail only for inbox addresses (550 at RCPT otherwise), refuses
 * mail over the size limit (552), and answers 250 only after the message is committed — a failure
 * answers 451 so the sending server retries and nothing accepted is lost.
 */
@Injectable()
export class SmtpListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: SMTPServer;
  private readonly log: Logger;
  /** The port actually listened on (SMTP_PORT=0 picks a free one). */
  port?: number;

  constructor(
    private readonly intake: EmailIntakeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: SmtpListener.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.smtp.enabled) return;
    const limit = this.config.smtp.maxMessageBytes;
    this.server = new SMTPServer({
      name: 'switchboard',
      banner: 'Switchboard inbound mail',
      logger: false,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: limit,
      onRcptTo: (address, _session, done) => {
        this.intake.inboxFor(address.address).then(
          (inbox) => done(inbox ? undefined : smtpError(550, '5.1.1 No such mailbox here')),
          (error) => {
            this.log.error({ err: error }, 'recipient lookup failed');
            done(smtpError(451, '4.3.0 Temporary failure, try again later'));
          },
        );
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, done: (error?: Error | null, message?: string) => void) => {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= limit) chunks.push(chunk);
        });
        stream.on('end', () => {
          if (stream.sizeExceeded || size > limit) return done(smtpError(552, `5.3.4 Message too big: the limit is ${limit} bytes`));
          this.accept(Buffer.concat(chunks), session).then(
            (reference) => done(null, `Accepted ${reference}`),
            (error) => {
              this.log.error({ err: error }, 'inbound email failed');
              done(smtpError(451, '4.3.0 Temporary failure, try again later'));
            },
          );
        });
      },
    });
    this.server.on('error', (error) => this.log.warn({ err: error }, 'SMTP connection error'));
    await new Promise<void>((resolve, reject) => {
      const server = this.server as SMTPServer & { server: import('node:net').Server };
      server.server.once('error', reject);
      this.server?.listen(this.config.smtp.port, this.config.smtp.host, () => {
        this.port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    }).catch((error: NodeJS.ErrnoException) => {
      throw new Error(error.code === 'EADDRINUSE' ? `SMTP port ${this.config.smtp.port} is already in use. Set SMTP_PORT to a free port.` : error.message);
    });
    this.log.info({ port: this.port }, 'SMTP listener ready');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async accept(raw: Buffer, session: SMTPServerSession): Promise<string> {
    const inboxes: EmailInbox[] = [];
    for (const rcpt of session.envelope.rcptTo) {
      const inbox = await this.intake.inboxFor(rcpt.address);
      if (inbox && !inboxes.some((i) => i.inboxId === inbox.inboxId)) inboxes.push(inbox);
    }
    const mailFrom = session.envelope.mailFrom;
    const results = await this.intake.receive(raw, inboxes, mailFrom ? mailFrom.address : null);
    return results.map((r) => r.messageId).join(', ');
  }
}

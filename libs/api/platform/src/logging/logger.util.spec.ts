import { Writable } from 'node:stream';
import { createRootLogger } from './logger.util';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createRootLogger('info', stream) };
}

describe('createRootLogger', () => {
  it('never writes credentials, wherever they sit in a log entry', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer eyJ.secret.token', cookie: 'sid=secret-cookie' } },
        body: { password: 'hunter2-password', refreshToken: 'refresh-secret' },
        accessToken: 'access-secret',
      },
      'request',
    );
    const written = lines.join('');
    for (const secret of ['eyJ.secret.token', 'secret-cookie', 'hunter2-password', 'refresh-secret', 'access-secret']) {
      expect(written).not.toContain(secret);
    }
    expect(written).toContain('[redacted]');
    expect(JSON.parse(lines[0]).msg).toBe('request');
  });
});

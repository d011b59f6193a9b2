import { isDatabaseUnreachable } from './database-outage.util';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnreachable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), true],
    ['reset by the network', withCode('ECONNRESET'), true],
    ['server shutting down (admin_shutdown)', withCode('57P01', 'terminating connection due to administrator command'), true],
    ['server starting up (cannot_connect_now)', withCode('57P03'), true],
    ['a connection exception (class 08)', withCode('08006'), true],
    ['pg: the server went away', new Error('Connection terminated unexpectedly'), true],
    ['pg pool: no connection in time', new Error('timeout exceeded when trying to connect'), true],
    ['wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: withCode('ECONNREFUSED') }), true],
    ['a unique violation is the caller’s problem', withCode('23505', 'duplicate key value'), false],
    ['a syntax error', withCode('42601'), false],
    ['an RLS refusal', withCode('42501', 'new row violates row-level security policy'), false],
    ['not an error at all', 'ECONNREFUSED', false],
    ['null', null, false],
  ])('%s', (_why, error, expected) => {
    expect(isDatabaseUnreachable(error)).toBe(expected);
  });
});

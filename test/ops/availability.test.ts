import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../sync-server/services/errors';
import { isDatabaseUnavailable } from '../../sync-server/storage/availability';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('which storage errors mean "the database cannot be reached right now"', () => {
  it('a cut connection, a terminated backend, a server shutting down or starting, too many connections, a busy SQLite file', () => {
    for (const e of [
      pgError('57P01', 'terminating connection due to administrator command'), pgError('57P02'), pgError('57P03', 'the database system is starting up'),
      pgError('08006'), pgError('08001'), pgError('53300'), pgError('SQLITE_BUSY', 'database is locked'),
      new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' }),
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''),
      new Error('wrapped', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }),
    ]) expect(isDatabaseUnavailable(e), String(e)).toBe(true);
  });

  it('not a refused statement, a constraint, a bug or a service refusal', () => {
    for (const e of [
      pgError('23505', 'duplicate key value violates unique constraint'), pgError('42P01', 'relation "x" does not exist'), pgError('28P01', 'password authentication failed'),
      pgError('SQLITE_CONSTRAINT_UNIQUE'), new TypeError('x is not a function'), new ServiceError('stale-version', 'stale'), 'text', null, undefined,
    ]) expect(isDatabaseUnavailable(e), String(e)).toBe(false);
  });
});

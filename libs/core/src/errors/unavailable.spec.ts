import { DomainError } from './domain-error';
import { isConnectionError } from './unavailable';

describe('isConnectionError', () => {
  const withCode = (code: string, name = 'Error') => Object.assign(new Error('x'), { code, name });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08P01'])(
    'counts %s as an outage',
    (code) => {
      expect(isConnectionError(withCode(code))).toBe(true);
    },
  );

  it('reads TypeORM driver errors, causes and aggregate errors', () => {
    expect(isConnectionError({ name: 'QueryFailedError', driverError: withCode('57P01') })).toBe(true);
    expect(isConnectionError(new Error('wrapped', { cause: withCode('ECONNREFUSED') }))).toBe(true);
    expect(isConnectionError(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('x'), { name: 'QueryRunnerProviderAlreadyReleasedError' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('x'), { name: 'QueryRunnerAlreadyReleasedError' }))).toBe(true);
    expect(isConnectionError(new DomainError('unavailable'))).toBe(true);
  });

  it('does not count bugs, bad input or constraint violations', () => {
    for (const error of [
      new TypeError('x.trim is not a function'),
      withCode('23505'),
      withCode('22P02'),
      withCode('40001'),
      null,
      'ECONNREFUSED',
    ]) {
      expect(isConnectionError(error)).toBe(false);
    }
    expect(isConnectionError(DomainError.conflict())).toBe(false);
  });
});

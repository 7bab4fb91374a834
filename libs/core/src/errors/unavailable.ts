import { DomainError } from './domain-error';

/** Seconds a client is asked to wait (Retry-After) while a dependency is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Node socket errors that mean "the other end is not there (now)". */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Postgres SQLSTATEs of an outage: admin/crash shutdown, cannot connect now, too many connections, and class 08 (connection exceptions). */
const POSTGRES_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages of driver errors that carry no code (pg, TypeORM, ioredis). Matched on the message only, never shown. */
const MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /connection is closed/i,
  /client has encountered a connection error/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /stream isn'?t writeable/i,
  /reached the max retries per request limit/i,
  /client was closed and is not queryable/i,
];

/**
 * Whether an error means Postgres or Redis could not be reached (as opposed to a bug or bad input).
 * The one place that knows the drivers' outage errors: both front doors turn these into 503
 * "unavailable" with Retry-After, and start-up waits on them. Follows `cause` and TypeORM's `driverError`.
 */
export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  if (error instanceof DomainError) return error.code === 'unavailable';
  const e = error as { code?: unknown; name?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (SOCKET_CODES.has(e.code) || POSTGRES_CODES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))) return true;
  // ioredis: MaxRetriesPerRequestError, or a command refused while the connection is down.
  if (e.name === 'MaxRetriesPerRequestError') return true;
  // TypeORM releases a query runner whose connection the server cut (a Postgres restart mid-transaction);
  // the transaction's next query (or its release) then throws one of these, with no code: the outage, seen one step later.
  if (e.name === 'QueryRunnerProviderAlreadyReleasedError' || e.name === 'QueryRunnerAlreadyReleasedError') return true;
  if (typeof e.message === 'string' && MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  // AggregateError (net tries IPv4 and IPv6): unavailable when every attempt was.
  if (Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((inner) => isConnectionError(inner, depth + 1))) return true;
  return isConnectionError(e.driverError, depth + 1) || isConnectionError(e.cause, depth + 1);
}

/** The domain error (`unavailable`, 503 with Retry-After: UNAVAILABLE_RETRY_AFTER_SECONDS) both front doors answer with while a dependency is down (never a 500). */
export function unavailable(): DomainError {
  return new DomainError('unavailable', { message: 'the service is temporarily unavailable; try again shortly' });
}

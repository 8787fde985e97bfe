// How PostgreSQL failures are told apart: an outage to wait out, or a refusal retrying cannot fix.

/** The database cannot be reached or is going away: the request can be retried once it is back. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

// TypeORM releases a transaction's query runner when its connection breaks (the server shutting
// down): the transaction's next query then fails with "… already released" and no code.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Driver not Connected|Connection is not established|already released/i;

/**
 * SQLSTATE classes that pass with time: connection exceptions (08), transaction rollbacks such as
 * serialization failures and deadlocks (40), insufficient resources (53), operator intervention
 * including statement timeouts (57), system errors (58); and lock_not_available (55P03, a lock
 * timeout). Every other SQLSTATE is a refusal: data (22), integrity constraints (23), the
 * append-only trigger (P0001), schema (42).
 */
const TRANSIENT_CLASSES = new Set(['08', '40', '53', '57', '58']);
const TRANSIENT_CODES = new Set(['55P03']);

function* causes(err: unknown): Generator<{ code?: unknown; message?: unknown }> {
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    const candidate = e as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    yield candidate;
    e = candidate.driverError ?? candidate.cause;
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** True for an outage or a failure that passes with time; false for anything retrying cannot fix. */
export function isTransientDatabaseError(err: unknown): boolean {
  if (isDatabaseUnavailable(err)) return true;
  for (const e of causes(err)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return TRANSIENT_CODES.has(e.code) || TRANSIENT_CLASSES.has(e.code.slice(0, 2));
    }
  }
  return false;
}

/** The SQLSTATE behind an error, when PostgreSQL gave one. */
export function sqlState(err: unknown): string | undefined {
  for (const e of causes(err)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

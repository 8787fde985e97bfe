/** Every way the persistence layer refuses a request. Callers switch on `code`, never on messages. */
export type PersistenceErrorCode =
  /** An event's (caseId, seq) already holds a different event: history is never rewritten. */
  | 'EVENT_CONFLICT'
  /** An event would leave a hole in the case's sequence. */
  | 'EVENT_GAP'
  /** An event names another case or organisation than the log it is appended to. */
  | 'EVENT_MISMATCH'
  /** PostgreSQL refused the append for a reason retrying cannot fix (a constraint, a trigger, …). */
  | 'DATABASE_REJECTED'
  /** A command id already bound to another command or body. */
  | 'COMMAND_CONFLICT'
  | 'ORGANISATION_EXISTS'
  | 'ORGANISATION_NOT_FOUND'
  /** A page cursor that is not one this list gave (the API checks it first: a 400 there). */
  | 'INVALID_CURSOR';

export class PersistenceError extends Error {
  // A stable name, so a Temporal retry policy can list it among non-retryable error types.
  override readonly name = 'PersistenceError';

  constructor(
    readonly code: PersistenceErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isPersistenceError(
  error: unknown,
  code?: PersistenceErrorCode,
): error is PersistenceError {
  return error instanceof PersistenceError && (code === undefined || error.code === code);
}

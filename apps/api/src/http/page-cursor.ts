import { ApiError } from '../errors/api-error';

/** A cursor this list did not give (another list's, or not a cursor at all): a 400 at query.cursor. */
export function cursorRefused(problem: string): ApiError {
  return new ApiError(
    'VALIDATION_FAILED',
    `the request query is not valid: query.cursor: ${problem}`,
    {
      issues: [{ path: 'query.cursor', message: problem }],
    },
  );
}

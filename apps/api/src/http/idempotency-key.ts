import { ApiError } from '../errors/api-error';

/** Printable ASCII without spaces, 1–200 characters: a UUID, a ticket number, "2026-0001". */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7E]{1,200}$';
const pattern = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** The Idempotency-Key header, checked: absent is fine (one is generated), malformed is a 400. */
export function idempotencyKeyOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (pattern.test(value)) return value;
  throw new ApiError(
    'VALIDATION_FAILED',
    'the Idempotency-Key header must be 1–200 printable ASCII characters without spaces',
    { issues: [{ path: 'headers.idempotency-key', message: 'printable ASCII, 1–200 characters' }] },
  );
}

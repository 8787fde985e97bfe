import { z } from 'zod';
import { CASE_STATUSES, ROLES } from '@banso/domain';
import { type ApiErrorBody, type ApiErrorCode, statusOf } from '../errors/api-error';

/** Every code the API answers with, at run time: the document lists them per status. */
export const API_ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_COMMAND',
  'UNAUTHENTICATED',
  'FISCAL_YEAR_ENDED',
  'ROLE_NOT_ALLOWED',
  'CASE_NOT_ASSIGNED',
  'SELF_APPROVAL',
  'CASE_NOT_FOUND',
  'USER_NOT_FOUND',
  'API_KEY_NOT_FOUND',
  'ORGANISATION_NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'HEADERS_TOO_LARGE',
  'WRONG_STAGE',
  'CASE_ALREADY_OPEN',
  'PLAN_NOT_DRAFTED',
  'NO_OPEN_DISPATCH',
  'ORGANISATION_EXISTS',
  'USER_EXISTS',
  'API_KEY_ALREADY_ISSUED',
  'IDEMPOTENCY_KEY_REUSED',
  'CASE_NEEDS_ATTENTION',
  'INTERNAL',
  'COMMAND_PENDING',
  'DATABASE_UNAVAILABLE',
  'TEMPORAL_UNAVAILABLE',
  'IDENTITY_PROVIDER_UNAVAILABLE',
] as const satisfies readonly ApiErrorCode[];

// A code added to ApiErrorCode and not listed above fails to compile here.
type Unlisted = Exclude<ApiErrorCode, (typeof API_ERROR_CODES)[number]>;
const _everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** What each code means, for the responses' descriptions. */
export const ERROR_MEANINGS: Record<ApiErrorCode, string> = {
  VALIDATION_FAILED:
    'a header, parameter or body field is not valid, or the body is not JSON: error.issues names each',
  INVALID_COMMAND: 'well formed, but against a rule of the case (error.issues)',
  FISCAL_YEAR_ENDED:
    'the fiscal year has ended: its figures are reported (the report), not forecast',
  UNAUTHENTICATED:
    'no Authorization: Bearer token, or one that is not valid (unknown, revoked, expired or badly signed)',
  ROLE_NOT_ALLOWED: "the caller's role may not do this (error.role, error.allowed)",
  CASE_NOT_ASSIGNED:
    'an officer acts on, and reads, only the cases assigned to them (and opens cases for themselves)',
  SELF_APPROVAL: 'a plan is approved by a manager other than the one who drafted it',
  CASE_NOT_FOUND: 'no such case in the organisation',
  USER_NOT_FOUND: 'no such user in the organisation',
  API_KEY_NOT_FOUND: 'no such API key of the user',
  ORGANISATION_NOT_FOUND: 'no such organisation',
  ROUTE_NOT_FOUND: 'no such path',
  METHOD_NOT_ALLOWED: 'the path does not take this method (the Allow header lists those it does)',
  PAYLOAD_TOO_LARGE: 'the body is larger than 1 MB',
  HEADERS_TOO_LARGE:
    'the request line and headers are larger than the server takes (16 KB): a URL or a header too long',
  RATE_LIMITED:
    'this key sent more writes in the last minute than the server allows (WRITE_RATE_LIMIT_PER_MINUTE): nothing was done; send it again after Retry-After seconds',
  WRONG_STAGE: 'the case is not in a stage that takes the command (error.stage, error.allowed)',
  CASE_ALREADY_OPEN: 'the case is already open',
  PLAN_NOT_DRAFTED: 'there is no drafted plan to approve',
  NO_OPEN_DISPATCH: 'no expert dispatch is open',
  ORGANISATION_EXISTS: 'an organisation with this id exists',
  USER_EXISTS: 'a user with this id exists, with another name or role',
  API_KEY_ALREADY_ISSUED:
    'a key was issued for this Idempotency-Key; its secret is shown only once: revoke it and issue another',
  IDEMPOTENCY_KEY_REUSED: 'the Idempotency-Key (or caseId) was used for another request',
  CASE_NEEDS_ATTENTION:
    'the log refused the command for a reason retrying cannot fix; nothing changed and the managers were told',
  INTERNAL: 'an unexpected error; it has been logged',
  COMMAND_PENDING:
    'not confirmed in time: send the same request again with error.commandId as Idempotency-Key',
  DATABASE_UNAVAILABLE: 'PostgreSQL cannot be reached: retry later',
  TEMPORAL_UNAVAILABLE: 'Temporal cannot be reached: retry later (with error.commandId, if given)',
  IDENTITY_PROVIDER_UNAVAILABLE:
    'the identity provider’s keys (BANSO_JWT_JWKS_URL) cannot be fetched: retry later',
};

/** The one error body, whatever the status. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string().min(1),
    /** The fields at fault, for 400s: `headers.authorization`, `query.page`, `path.orgId`, `body.…`. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** For WRONG_STAGE: the case's stage. */
    stage: z.enum(CASE_STATUSES).optional(),
    /** For WRONG_STAGE the stages, for ROLE_NOT_ALLOWED the roles, that may. */
    allowed: z.array(z.enum([...CASE_STATUSES, ...ROLES])).optional(),
    /** For ROLE_NOT_ALLOWED: the caller's role. */
    role: z.enum(ROLES).optional(),
    /** For COMMAND_PENDING and outages: the key to send the same request again with. */
    commandId: z.string().optional(),
  }),
  requestId: z.string().optional(),
});

// The schema describes what the filter renders (the same fields, no other type).
const _bodyMatches = (b: z.output<typeof errorBodySchema>): ApiErrorBody => b;
type Keys<T> = keyof T;
const _sameFields: [
  Exclude<Keys<ApiErrorBody['error']>, Keys<z.output<typeof errorBodySchema>['error']>>,
] extends [never]
  ? true
  : false = true;

/** The codes grouped by the status each is answered with, in status order. */
export function byStatus(codes: Iterable<ApiErrorCode>): Map<number, ApiErrorCode[]> {
  const groups = new Map<number, ApiErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = statusOf(code);
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return new Map([...groups].sort(([a], [b]) => a - b));
}

import type { DomainError, FieldIssue } from '@banso/domain';

/** Every code the API answers with. Clients branch on these; they never change meaning. */
export type ApiErrorCode =
  | DomainError['code']
  | 'UNAUTHENTICATED'
  | 'FISCAL_YEAR_ENDED'
  | 'CASE_NOT_ASSIGNED'
  | 'SELF_APPROVAL'
  | 'CASE_NOT_FOUND'
  | 'USER_NOT_FOUND'
  | 'API_KEY_NOT_FOUND'
  | 'USER_EXISTS'
  | 'API_KEY_ALREADY_ISSUED'
  | 'ORGANISATION_NOT_FOUND'
  | 'ORGANISATION_EXISTS'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'HEADERS_TOO_LARGE'
  | 'COMMAND_PENDING'
  | 'CASE_NEEDS_ATTENTION'
  | 'DATABASE_UNAVAILABLE'
  | 'TEMPORAL_UNAVAILABLE'
  | 'IDENTITY_PROVIDER_UNAVAILABLE'
  | 'INTERNAL';

export function statusOf(code: ApiErrorCode): number {
  switch (code) {
    case 'INVALID_COMMAND':
    case 'VALIDATION_FAILED':
    case 'FISCAL_YEAR_ENDED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'ROLE_NOT_ALLOWED':
    case 'CASE_NOT_ASSIGNED':
    case 'SELF_APPROVAL':
      return 403;
    case 'CASE_NOT_FOUND':
    case 'USER_NOT_FOUND':
    case 'API_KEY_NOT_FOUND':
    case 'ORGANISATION_NOT_FOUND':
    case 'ROUTE_NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'HEADERS_TOO_LARGE':
      return 431;
    case 'WRONG_STAGE':
    case 'CASE_ALREADY_OPEN':
    case 'PLAN_NOT_DRAFTED':
    case 'NO_OPEN_DISPATCH':
    case 'ORGANISATION_EXISTS':
    case 'USER_EXISTS':
    case 'API_KEY_ALREADY_ISSUED':
    case 'IDEMPOTENCY_KEY_REUSED':
      return 409;
    case 'DATABASE_UNAVAILABLE':
    case 'TEMPORAL_UNAVAILABLE':
    case 'IDENTITY_PROVIDER_UNAVAILABLE':
    case 'COMMAND_PENDING':
      return 503;
    case 'INTERNAL':
    case 'CASE_NEEDS_ATTENTION':
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for ${String(unhandled)}`);
    }
  }
}

export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    /** The fields at fault, for 400s. */
    issues?: FieldIssue[];
    /** The case's stage, for WRONG_STAGE, with the stages where the command is allowed. */
    stage?: string;
    /** For WRONG_STAGE the stages, for ROLE_NOT_ALLOWED the roles, that may. */
    allowed?: string[];
    /** For ROLE_NOT_ALLOWED: the caller's role. */
    role?: string;
    /** For COMMAND_PENDING and outages: the key to send the same request again with. */
    commandId?: string;
  };
  requestId?: string;
}

/** The one error type the API throws; the exception filter renders it. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Pick<
      ApiErrorBody['error'],
      'issues' | 'stage' | 'allowed' | 'role' | 'commandId'
    > = {},
  ) {
    super(message);
  }

  get status(): number {
    return statusOf(this.code);
  }

  static fromDomain(error: DomainError): ApiError {
    switch (error.code) {
      case 'VALIDATION_FAILED':
      case 'INVALID_COMMAND': {
        // The domain names the command's data; over HTTP that data is the request body.
        const toBody = (text: string) =>
          text.replace(/(^|; )data\./g, '$1body.').replace(/^data$/, 'body');
        return new ApiError(error.code, toBody(error.message), {
          issues: error.issues.map((i) => ({ ...i, path: toBody(i.path) })),
        });
      }
      case 'WRONG_STAGE':
        return new ApiError(error.code, error.message, {
          stage: error.stage,
          allowed: error.allowed,
        });
      case 'ROLE_NOT_ALLOWED':
        return new ApiError(error.code, error.message, {
          role: error.role,
          allowed: error.allowed,
        });
      default:
        return new ApiError(error.code, error.message);
    }
  }
}

import type { CaseStatus, Role } from './commands';

export interface FieldIssue {
  /** Where in the command's data, e.g. `plan.kpis.0.targets`. */
  path: string;
  message: string;
}

/** Every way a command can be refused. The API maps each code to one HTTP status. */
export type DomainError =
  /** The command's data does not match its schema: a field missing, of the wrong type, too long. */
  | { code: 'VALIDATION_FAILED'; message: string; issues: FieldIssue[] }
  /** The data is well formed but breaks a rule of the case (a date before the last visit, …). */
  | { code: 'INVALID_COMMAND'; message: string; issues: FieldIssue[] }
  | { code: 'ROLE_NOT_ALLOWED'; message: string; role: Role; allowed: Role[] }
  /** The command id was used before for another command or another body. */
  | { code: 'IDEMPOTENCY_KEY_REUSED'; message: string }
  | { code: 'WRONG_STAGE'; message: string; stage: CaseStatus; allowed: CaseStatus[] }
  | { code: 'CASE_ALREADY_OPEN'; message: string }
  | { code: 'PLAN_NOT_DRAFTED'; message: string }
  | { code: 'NO_OPEN_DISPATCH'; message: string };

export type DomainErrorCode = DomainError['code'];

export const DOMAIN_ERROR_CODES: readonly DomainErrorCode[] = [
  'VALIDATION_FAILED',
  'INVALID_COMMAND',
  'ROLE_NOT_ALLOWED',
  'IDEMPOTENCY_KEY_REUSED',
  'WRONG_STAGE',
  'CASE_ALREADY_OPEN',
  'PLAN_NOT_DRAFTED',
  'NO_OPEN_DISPATCH',
];

const describe = (issues: FieldIssue[]) =>
  issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');

export function invalid(issues: FieldIssue[]): DomainError {
  return { code: 'INVALID_COMMAND', message: describe(issues), issues };
}

export function validationFailed(issues: FieldIssue[]): DomainError {
  return { code: 'VALIDATION_FAILED', message: describe(issues), issues };
}

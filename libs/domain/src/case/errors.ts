import type { CaseStatus } from './state';

export interface FieldIssue {
  /** Where in the command's data, e.g. `plan.kpis.0.targets`. */
  path: string;
  message: string;
}

/** Every way a command can be refused. The API maps each code to one HTTP status. */
export type DomainError =
  | { code: 'INVALID_COMMAND'; message: string; issues: FieldIssue[] }
  | { code: 'WRONG_STAGE'; message: string; stage: CaseStatus; allowed: CaseStatus[] }
  | { code: 'CASE_ALREADY_OPEN'; message: string }
  | { code: 'PLAN_NOT_DRAFTED'; message: string }
  | { code: 'NO_OPEN_DISPATCH'; message: string };

export type DomainErrorCode = DomainError['code'];

export const DOMAIN_ERROR_CODES: readonly DomainErrorCode[] = [
  'INVALID_COMMAND',
  'WRONG_STAGE',
  'CASE_ALREADY_OPEN',
  'PLAN_NOT_DRAFTED',
  'NO_OPEN_DISPATCH',
];

export function invalid(issues: FieldIssue[]): DomainError {
  return {
    code: 'INVALID_COMMAND',
    message: issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '),
    issues,
  };
}

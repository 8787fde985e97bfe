// @banso/persistence: the event log, the read models and their repositories in PostgreSQL.
export { createDataSource, type DataSourceOptions, runMigrations } from './create-data-source';
export { runWithDataSource } from './cli/run-with-data-source';
export { createLogger } from './logger';
export {
  isPersistenceError,
  PersistenceError,
  type PersistenceErrorCode,
} from './persistence.error';
export * from './entities';
export { isDatabaseUnavailable, isTransientDatabaseError, sqlState } from './database-errors';
export { MIGRATIONS } from './migrations';
export {
  type CaseStage,
  type CaseSummaryRow,
  caseSummaryOf,
  projectCaseSummary,
} from './projections/case-summary.projection';
export {
  notificationRow,
  notificationRows,
  type NotificationRow,
} from './projections/notification.projection';
export { insertInBulk } from './projections/read-model-writer';
export { type ForecastDueRow, forecastDueRows } from './projections/forecast-dues.projection';
export {
  type ReportFactRow,
  reportFactRows,
  statementsOf,
  withClosure,
} from './projections/report-facts.projection';
export { PostgresEventStore } from './stores/postgres-event-store';
export { PostgresNotifier } from './stores/postgres-notifier';
export { PostgresIncidentReporter } from './stores/postgres-incident-reporter';
export {
  caseCursorProblem,
  type CaseListFilter,
  type OfficerLoad,
  CaseReadRepository,
  type CaseSort,
  type CaseSummary,
} from './repositories/case-read.repository';
export {
  inboxCursorProblem,
  type InboxNotification,
  type InboxOptions,
  type InboxOwner,
  NotificationRepository,
} from './repositories/notification.repository';
export {
  type NewOrganisation,
  type Organisation,
  OrganisationRepository,
  type PolicyVersion,
} from './repositories/organisation.repository';
export {
  type ApiKeyCredential,
  type ApiKeyInfo,
  type User,
  UserRepository,
} from './repositories/user.repository';
export {
  type AuditedEvent,
  AuditRepository,
  type CaseAudit,
  type CaseVerification,
} from './repositories/audit.repository';
export { chainEvents, type ChainedEvent, eventHash, GENESIS_HASH } from './audit/event-hash';
export {
  type ChainRow,
  type ChainVerdict,
  type LedgerRange,
  verifyCaseChain,
} from './audit/verify-case-chain';
export { type CaseConditions } from './repositories/case-conditions';
export { ReportRepository } from './repositories/report.repository';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page } from './repositories/paging';
export { rebuildReadModels } from './read-models/rebuild-read-models';
export { checkDatabase, type DatabaseHealth } from './health/check-database';

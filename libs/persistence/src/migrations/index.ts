import { CreateCaseEvents1795390000000 } from './1795390000000-create-case-events';
import { CreateReadModels1795390000001 } from './1795390000001-create-read-models';
import { CreateOrganisations1795390000002 } from './1795390000002-create-organisations';
import { ScopeByOrganisationAndCommandLedger1795390000003 } from './1795390000003-scope-by-organisation-and-command-ledger';
import { StepDeadlines1795390000004 } from './1795390000004-step-deadlines';
import { UsersAndApiKeys1795390000005 } from './1795390000005-users-and-api-keys';
import { EventHashChain1795390000006 } from './1795390000006-event-hash-chain';
import { ReportTargets1795390000007 } from './1795390000007-report-targets';
import { KeysetListIndexes1795390000008 } from './1795390000008-keyset-list-indexes';
import { CaseReportFacts1795390000009 } from './1795390000009-case-report-facts';
import { CaseForecastDues1795390000010 } from './1795390000010-case-forecast-dues';
import { ManagersInboxIndex1795390000011 } from './1795390000011-managers-inbox-index';

/** In order. Registered as classes, not globs, so they work the same from ts-jest and from dist. */
export const MIGRATIONS = [
  CreateCaseEvents1795390000000,
  CreateReadModels1795390000001,
  CreateOrganisations1795390000002,
  ScopeByOrganisationAndCommandLedger1795390000003,
  StepDeadlines1795390000004,
  UsersAndApiKeys1795390000005,
  EventHashChain1795390000006,
  ReportTargets1795390000007,
  KeysetListIndexes1795390000008,
  CaseReportFacts1795390000009,
  CaseForecastDues1795390000010,
  ManagersInboxIndex1795390000011,
];

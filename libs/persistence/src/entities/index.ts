import { ApiKeyEntity } from './api-key.entity';
import { CaseCommandEntity } from './case-command.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseForecastDueEntity } from './case-forecast-due.entity';
import { CaseIncidentEntity } from './case-incident.entity';
import { CaseReportFactEntity } from './case-report-fact.entity';
import { CaseSummaryEntity } from './case-summary.entity';
import { NotificationReadEntity } from './notification-read.entity';
import { NotificationEntity } from './notification.entity';
import { OrganisationPolicyEntity } from './organisation-policy.entity';
import { OrganisationEntity } from './organisation.entity';
import { ReportTargetEntity } from './report-target.entity';
import { UserEntity } from './user.entity';

export { USER_ROLES, type UserRole } from './user.entity';

export {
  ApiKeyEntity,
  CaseCommandEntity,
  CaseEventEntity,
  CaseForecastDueEntity,
  CaseIncidentEntity,
  CaseReportFactEntity,
  CaseSummaryEntity,
  NotificationEntity,
  NotificationReadEntity,
  OrganisationEntity,
  OrganisationPolicyEntity,
  ReportTargetEntity,
  UserEntity,
};

export const ENTITIES = [
  ApiKeyEntity,
  CaseCommandEntity,
  CaseEventEntity,
  CaseForecastDueEntity,
  CaseIncidentEntity,
  CaseReportFactEntity,
  CaseSummaryEntity,
  NotificationEntity,
  NotificationReadEntity,
  OrganisationEntity,
  OrganisationPolicyEntity,
  ReportTargetEntity,
  UserEntity,
];

import { CaseCommandEntity } from './case-command.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseIncidentEntity } from './case-incident.entity';
import { CaseSummaryEntity } from './case-summary.entity';
import { NotificationReadEntity } from './notification-read.entity';
import { NotificationEntity } from './notification.entity';
import { OrganisationPolicyEntity } from './organisation-policy.entity';
import { OrganisationEntity } from './organisation.entity';

export {
  CaseCommandEntity,
  CaseEventEntity,
  CaseIncidentEntity,
  CaseSummaryEntity,
  NotificationEntity,
  NotificationReadEntity,
  OrganisationEntity,
  OrganisationPolicyEntity,
};

export const ENTITIES = [
  CaseCommandEntity,
  CaseEventEntity,
  CaseIncidentEntity,
  CaseSummaryEntity,
  NotificationEntity,
  NotificationReadEntity,
  OrganisationEntity,
  OrganisationPolicyEntity,
];

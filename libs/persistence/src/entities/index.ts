import { CaseEventEntity } from './case-event.entity';
import { CaseSummaryEntity } from './case-summary.entity';
import { NotificationReadEntity } from './notification-read.entity';
import { NotificationEntity } from './notification.entity';
import { OrganisationPolicyEntity } from './organisation-policy.entity';
import { OrganisationEntity } from './organisation.entity';

export {
  CaseEventEntity,
  CaseSummaryEntity,
  NotificationEntity,
  NotificationReadEntity,
  OrganisationEntity,
  OrganisationPolicyEntity,
};

export const ENTITIES = [
  CaseEventEntity,
  CaseSummaryEntity,
  NotificationEntity,
  NotificationReadEntity,
  OrganisationEntity,
  OrganisationPolicyEntity,
];

import {
  type CaseEvent,
  type IsoDate,
  type IsoDateTime,
  type Notification,
  notificationsOf,
} from '@banso/domain';

/** One row of notifications, as plain JSON. */
export interface NotificationRow {
  id: string;
  caseId: string;
  organisationId: string;
  seq: number;
  kind: Notification['kind'];
  recipientRole: 'officer' | 'manager';
  /** The officer's id; null when the organisation's managers are the recipients. */
  recipientId: string | null;
  subject: Notification['subject'];
  dueDate: IsoDate | null;
  message: string;
  /** The `at` of the event that raised it. */
  createdAt: IsoDateTime;
}

export function notificationRow(n: Notification): NotificationRow {
  return {
    id: n.id,
    caseId: n.caseId,
    organisationId: n.organisationId,
    seq: n.seq,
    kind: n.kind,
    recipientRole: n.recipient.role,
    recipientId: n.recipient.role === 'officer' ? n.recipient.id : null,
    subject: n.subject,
    dueDate: n.dueDate ?? null,
    message: n.message,
    createdAt: n.at,
  };
}

/** The inbox rows an event raises: the domain's notificationsOf, flattened for the table. */
export function notificationRows(event: CaseEvent): NotificationRow[] {
  return notificationsOf(event).map(notificationRow);
}

import type { Notification } from '@banso/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The in-app inbox: a projection of the events that notify someone (notificationsOf). */
@Entity({ name: 'notifications' })
// An inbox newest first, ties by id: its pages are read from here, after a cursor.
@Index('ix_notifications_inbox', [
  'organisationId',
  'recipientRole',
  'recipientId',
  'createdAt',
  'id',
])
// The managers' inbox (no officer named): PostgreSQL orders after an IS NULL only by sorting.
@Index('ix_notifications_managers_inbox', ['organisationId', 'createdAt', 'id'], {
  where: 'recipient_id IS NULL',
})
@Index('ix_notifications_case_id_seq', ['caseId', 'seq'])
export class NotificationEntity {
  /** Notification.id: `<caseId>:<seq>:<recipient>`, stable across deliveries and rebuilds. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_notifications' })
  id!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  kind!: Notification['kind'];

  @Column({ name: 'recipient_role', type: 'text' })
  recipientRole!: 'officer' | 'manager';

  /** The officer's id; null when the organisation's managers are the recipients. */
  @Column({ name: 'recipient_id', type: 'text', nullable: true })
  recipientId!: string | null;

  @Column({ type: 'text' })
  subject!: Notification['subject'];

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'text' })
  message!: string;

  /** The `at` of the event that raised it. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Who read which notification. Deliberately without a foreign key to notifications: rebuilding
 * the read models empties that table, and the reads must survive it (notification ids are stable,
 * so each read finds its notification again once the rebuild has replayed it).
 */
@Entity({ name: 'notification_reads' })
export class NotificationReadEntity {
  @PrimaryColumn({
    name: 'notification_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_notification_reads',
  })
  notificationId!: string;

  @Column({ name: 'read_at', type: 'timestamptz' })
  readAt!: Date;

  @Column({ name: 'read_by', type: 'text' })
  readBy!: string;
}

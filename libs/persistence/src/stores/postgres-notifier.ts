import type { Notification } from '@banso/domain';
import type { DataSource } from 'typeorm';
import type { Notifier } from '@banso/workflows/activities/case-activities';
import { notificationRow } from '../projections/notification.projection';
import { insertNotifications } from '../projections/read-model-writer';

/**
 * The in-app inbox is the notifications table, and its owner is the projection: the append that
 * stores an event writes the notifications it raises in the same transaction, so the inbox never
 * misses or invents one and a rebuild reproduces it from the log alone. `deliver` therefore only
 * makes sure they are there (ON CONFLICT DO NOTHING on the stable Notification.id) and reports how
 * many were missing: 0 in the normal flow, where the workflow delivers after appending. Delivery
 * through other channels (mail, chat) would go here, keyed on the same id to stay idempotent.
 */
export class PostgresNotifier implements Notifier {
  constructor(private readonly ds: DataSource) {}

  async deliver(notifications: Notification[]): Promise<{ delivered: number }> {
    const inserted = await insertNotifications(this.ds.manager, notifications.map(notificationRow));
    return { delivered: inserted.length };
  }
}

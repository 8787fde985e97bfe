import type { CaseEvent, Notification } from '@banso/domain';
import type { EventStore, Notifier } from '@banso/workflows';

/**
 * In-memory implementations of the activity ports that keep what they received, with the same
 * idempotence the PostgreSQL ones promise: the tests assert on them.
 */
export class RecordingEventStore implements EventStore {
  readonly calls: Array<{ caseId: string; seqs: number[] }> = [];
  private readonly logs = new Map<string, CaseEvent[]>();

  append(caseId: string, events: CaseEvent[]): Promise<{ appended: number }> {
    this.calls.push({ caseId, seqs: events.map((e) => e.seq) });
    const log = this.logs.get(caseId) ?? [];
    let appended = 0;
    for (const event of events) {
      const existing = log[event.seq - 1];
      if (existing) {
        if (JSON.stringify(existing) !== JSON.stringify(event)) {
          return Promise.reject(
            new Error(`seq ${event.seq} of ${caseId} already holds another event`),
          );
        }
        continue;
      }
      if (event.seq !== log.length + 1) {
        return Promise.reject(
          new Error(`gap in ${caseId}: expected seq ${log.length + 1}, got ${event.seq}`),
        );
      }
      log.push(event);
      appended++;
    }
    this.logs.set(caseId, log);
    return Promise.resolve({ appended });
  }

  eventsOf(caseId: string): CaseEvent[] {
    return [...(this.logs.get(caseId) ?? [])];
  }
}

export class RecordingNotifier implements Notifier {
  private readonly delivered = new Map<string, Notification>();

  deliver(notifications: Notification[]): Promise<{ delivered: number }> {
    let delivered = 0;
    for (const n of notifications) {
      if (this.delivered.has(n.id)) continue;
      this.delivered.set(n.id, n);
      delivered++;
    }
    return Promise.resolve({ delivered });
  }

  of(caseId: string): Notification[] {
    return [...this.delivered.values()].filter((n) => n.caseId === caseId);
  }
}

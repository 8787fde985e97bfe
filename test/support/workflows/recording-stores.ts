import { type CaseEvent, type CommandRecord, type Notification, priorCommand } from '@banso/domain';
import type {
  AppendInput,
  AppendResult,
  CaseIncident,
  EventStore,
  IncidentReporter,
  Notifier,
} from '@banso/workflows';

const key = (organisationId: string, caseId: string) => `${organisationId}/${caseId}`;

/**
 * In-memory implementations of the activity ports that keep what they received, with the same
 * idempotence the PostgreSQL ones promise: the tests assert on them.
 */
export class RecordingEventStore implements EventStore {
  readonly calls: Array<{ caseId: string; seqs: number[] }> = [];
  private readonly logs = new Map<string, CaseEvent[]>();
  private readonly commands = new Map<string, CommandRecord>();
  /** Set by a test to make every append of a case be refused, as PostgreSQL would refuse it. */
  readonly refuse = new Set<string>();

  append({ organisationId, caseId, command, events }: AppendInput): Promise<AppendResult> {
    this.calls.push({ caseId, seqs: events.map((e) => e.seq) });
    if (this.refuse.has(caseId)) {
      return Promise.reject(
        Object.assign(new Error(`case ${caseId}: the append was refused (test)`), {
          name: 'PersistenceError',
          code: 'DATABASE_REJECTED',
        }),
      );
    }
    const logKey = key(organisationId, caseId);
    const log = this.logs.get(logKey) ?? [];
    const first = events[0];
    const last = events[events.length - 1];
    if (command && first && last) {
      const commandKey = `${logKey}/${command.commandId}`;
      const bound = this.commands.get(commandKey);
      const prior = priorCommand(command.commandId, bound, command.type, command.bodyHash);
      if (prior.kind === 'conflict') return Promise.reject(new Error(prior.error.message));
      if (prior.kind === 'done' && prior.record.firstSeq !== first.seq) {
        const { firstSeq, lastSeq } = prior.record;
        return Promise.resolve({ events: [], replayed: { firstSeq, lastSeq } });
      }
      this.commands.set(commandKey, { ...command, firstSeq: first.seq, lastSeq: last.seq });
    }
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
    }
    this.logs.set(logKey, log);
    // What the log holds, as JSON would carry it back from PostgreSQL.
    return Promise.resolve({ events: JSON.parse(JSON.stringify(events)) as CaseEvent[] });
  }

  eventsOf(caseId: string, organisationId = 'org-kanazawa-cci'): CaseEvent[] {
    return [...(this.logs.get(key(organisationId, caseId)) ?? [])];
  }
}

export class RecordingIncidents implements IncidentReporter {
  readonly incidents = new Map<string, CaseIncident>();

  report(incident: CaseIncident): Promise<void> {
    this.incidents.set(incident.incidentId, incident);
    return Promise.resolve();
  }

  of(caseId: string): CaseIncident[] {
    return [...this.incidents.values()].filter((i) => i.caseId === caseId);
  }
}

/** Only runs replayed from before the log-is-truth patch deliver notifications this way. */
export class RecordingNotifier implements Notifier {
  private readonly delivered = new Map<string, Notification>();
  /** How often the activity was called at all. */
  deliveries = 0;

  deliver(notifications: Notification[]): Promise<{ delivered: number }> {
    this.deliveries++;
    let delivered = 0;
    for (const n of notifications) {
      if (this.delivered.has(n.id)) continue;
      this.delivered.set(n.id, n);
      delivered++;
    }
    return Promise.resolve({ delivered });
  }
}

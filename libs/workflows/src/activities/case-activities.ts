import { ApplicationFailure } from '@temporalio/common';
import type { CaseEvent, CommandType, Notification } from '@banso/domain';

/** The command behind an append, for exactly-once: its id is bound to its type and body hash. */
export interface AppendedCommand {
  commandId: string;
  type: CommandType;
  bodyHash: string;
}

export interface AppendInput {
  organisationId: string;
  caseId: string;
  /** Absent for the engine's own commands (timers): nobody retries those with a key. */
  command?: AppendedCommand;
  events: CaseEvent[];
}

export interface AppendResult {
  /** The events as the log holds them: what the workflow folds. */
  events: CaseEvent[];
  /** The command id was already done with this body: nothing was appended. */
  replayed?: { firstSeq: number; lastSeq: number };
}

/**
 * The append-only event log. Appending the same (case, seq) twice writes it once; a command id
 * already bound to another body is refused; the projections (summary, notifications) are written
 * in the same transaction. A failure retrying cannot fix is a `PersistenceError`.
 */
export interface EventStore {
  append(input: AppendInput): Promise<AppendResult>;
}

/** Something went wrong with a case that retrying will not fix: people must look at it. */
export interface CaseIncident {
  organisationId: string;
  caseId: string;
  /** Stable per failure, so reporting twice records one incident. */
  incidentId: string;
  /** The failure's type, e.g. EVENT_CONFLICT or DATABASE_REJECTED. */
  code: string;
  message: string;
  /** What the case was doing: the command type, or advanceClock for its timers. */
  during: CommandType;
  at: string;
}

export interface IncidentReporter {
  report(incident: CaseIncident): Promise<void>;
}

/**
 * Where reminders and escalations went before they became projections of the append. Kept only
 * for runs recorded before the `log-is-truth` patch, whose histories still schedule it.
 */
export interface Notifier {
  deliver(notifications: Notification[]): Promise<{ delivered: number }>;
}

export interface CaseActivityDeps {
  eventStore: EventStore;
  incidents: IncidentReporter;
  notifier: Notifier;
}

/** Activities from their dependencies, so tests and each deployment choose the implementations. */
export function createCaseActivities({ eventStore, incidents, notifier }: CaseActivityDeps) {
  return {
    async appendEvents(
      input: AppendInput | { caseId: string; events: CaseEvent[] },
    ): Promise<AppendResult & { appended: number }> {
      // Runs recorded before organisations scoped the log sent only the case and its events.
      const organisationId =
        'organisationId' in input ? input.organisationId : (input.events[0]?.organisationId ?? '');
      try {
        const result = await eventStore.append({ ...input, organisationId });
        return { ...result, appended: result.replayed ? 0 : result.events.length };
      } catch (err) {
        throw refusal(err) ?? err;
      }
    },
    async reportIncident(incident: CaseIncident): Promise<void> {
      await incidents.report(incident);
    },
    async deliverNotifications(input: {
      notifications: Notification[];
    }): Promise<{ delivered: number }> {
      return notifier.deliver(input.notifications);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;

/**
 * A refusal of the log (the store's PersistenceError) as a failure the workflow will not retry,
 * with its code in the details; anything else is an outage, retried by the activity's policy.
 */
function refusal(err: unknown): ApplicationFailure | undefined {
  if (!(err instanceof Error) || err.name !== 'PersistenceError') return undefined;
  return ApplicationFailure.create({
    type: 'PersistenceError',
    message: err.message,
    nonRetryable: true,
    details: [{ code: (err as Error & { code?: string }).code }],
  });
}

import type { CaseEvent, Notification } from '@banso/domain';

/** The append-only event log. Appending the same (caseId, seq) twice must write it once. */
export interface EventStore {
  append(caseId: string, events: CaseEvent[]): Promise<{ appended: number }>;
}

/** Where reminders and escalations go. Delivering the same notification id twice delivers once. */
export interface Notifier {
  deliver(notifications: Notification[]): Promise<{ delivered: number }>;
}

export interface CaseActivityDeps {
  eventStore: EventStore;
  notifier: Notifier;
}

/** Activities from their dependencies, so tests and each deployment choose the implementations. */
export function createCaseActivities({ eventStore, notifier }: CaseActivityDeps) {
  return {
    async appendEvents(input: {
      caseId: string;
      events: CaseEvent[];
    }): Promise<{ appended: number }> {
      return eventStore.append(input.caseId, input.events);
    },
    async deliverNotifications(input: {
      notifications: Notification[];
    }): Promise<{ delivered: number }> {
      return notifier.deliver(input.notifications);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;

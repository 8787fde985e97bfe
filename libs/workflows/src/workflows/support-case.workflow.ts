import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  sleep,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type CaseEvent,
  type CaseState,
  type Command,
  decide,
  type DomainError,
  evolve,
  fold,
  nextWakeUpMillis,
  notificationsOf,
  SYSTEM_ACTOR,
  toInstant,
} from '@banso/domain';
import type { CaseActivities } from '../activities/case-activities';
import {
  caseOpenedUpdate,
  caseStateQuery,
  type CommandInput,
  type CommandUpdate,
  commandUpdates,
  type CommandResult,
  type SupportCaseInput,
  UPDATE_COMMAND_TYPES,
  type UpdateCommandType,
} from '../definitions';
import { createExclusive } from './exclusive';

// The event log is the source of truth: keep retrying until PostgreSQL takes the events, never
// fold an event the log does not have.
const { appendEvents, deliverNotifications } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    // A conflicting or gapped append is a bug to surface, not an outage to wait out.
    nonRetryableErrorTypes: ['PersistenceError'],
  },
});

const DEFAULT_MAX_HISTORY_EVENTS = 1000;

/** Patch ids: each names a change to shipped workflow logic; see test/histories for the old ones. */
const FOLD_BEFORE_DELIVERY = 'fold-before-delivery';

function rejection(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: true,
    details: [error],
  });
}

/** One durable workflow per support case; its state is the fold of its events. */
export async function supportCase(input: SupportCaseInput): Promise<CaseState> {
  const events: CaseEvent[] = [...(input.history ?? [])];
  let state: CaseState = fold(events);
  const exclusive = createExclusive();
  const now = () => toInstant(Date.now());

  async function execute(command: Command): Promise<CommandResult> {
    return exclusive(async () => {
      const decision = decide(state, command, now());
      if (!decision.ok) throw rejection(decision.error);
      if (decision.events.length > 0) {
        await appendEvents({ caseId: input.caseId, events: decision.events });
        const notifications = decision.events.flatMap(notificationsOf);
        const apply = () => {
          for (const event of decision.events) {
            events.push(event);
            state = evolve(state, event);
          }
        };
        // In the log now: fold at once, so a failed delivery can never leave the state behind
        // it. Cases recorded before this change fold after delivering, and replay that way.
        if (patched(FOLD_BEFORE_DELIVERY)) {
          apply();
          if (notifications.length > 0) await deliverNotifications({ notifications });
        } else {
          if (notifications.length > 0) await deliverNotifications({ notifications });
          apply();
        }
      }
      return { state, events: decision.events };
    });
  }

  const openCommand: Command | undefined =
    state.status === 'new' && input.open
      ? { type: 'openCase', caseId: input.caseId, ...input.open }
      : undefined;
  // Updates can arrive in the very first activation, before the open has been persisted: judge
  // them against the case as it will be once opened (their handlers queue behind the open, which
  // takes the first place in the lock before any handler is registered).
  const openedPreview = () => {
    if (state.status !== 'new' || !openCommand) return state;
    const opening = decide(state, openCommand, now());
    return opening.ok ? fold(opening.events, state) : state;
  };

  function register<T extends UpdateCommandType>(type: T): void {
    const toCommand = ({ actor, data }: CommandInput<T>) =>
      ({ type, caseId: input.caseId, actor, data }) as Command;
    setHandler(
      commandUpdates[type] as CommandUpdate<T>,
      (args: CommandInput<T>) => execute(toCommand(args)),
      {
        // A dry run against the current state: a command that does not fit is refused before it is
        // written into the history, and the caller learns why.
        validator: (args: CommandInput<T>) => {
          const decision = decide(openedPreview(), toCommand(args), now());
          if (!decision.ok) throw rejection(decision.error);
        },
      },
    );
  }
  let opening: Promise<CommandResult> | undefined;
  if (state.status === 'new') {
    if (!openCommand) {
      throw ApplicationFailure.nonRetryable('a new case needs the openCase command', 'BAD_INPUT');
    }
    opening = execute(openCommand);
  }
  UPDATE_COMMAND_TYPES.forEach(register);
  setHandler(caseStateQuery, () => ({ state, events }));
  setHandler(caseOpenedUpdate, async () => {
    await condition(() => state.status !== 'new');
    return { state, events };
  });

  if (opening) await opening;

  const maxHistory = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  const historyIsLarge = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= maxHistory;

  const isClosed = () => state.status === 'closed';
  while (!isClosed()) {
    const version = state.version;
    const wakeAt = nextWakeUpMillis(state);
    const woken =
      wakeAt === undefined
        ? await condition(() => state.version !== version || historyIsLarge())
        : await condition(
            () => state.version !== version || historyIsLarge(),
            Math.max(wakeAt - Date.now(), 1),
          );
    if (!woken) {
      try {
        await execute({
          type: 'advanceClock',
          caseId: input.caseId,
          actor: SYSTEM_ACTOR,
          data: {},
        });
      } catch (err) {
        // Only a refused append gets here (outages are retried inside): keep the case alive and
        // its commands flowing, and try the clock again later.
        log.error('advancing the case clock failed; retrying in 15 minutes', {
          error: String(err),
        });
        await sleep('15 minutes');
      }
    }
    if (historyIsLarge() && !isClosed()) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof supportCase>({
        caseId: input.caseId,
        history: events,
        maxHistoryEvents: input.maxHistoryEvents,
      });
    }
  }
  await condition(allHandlersFinished);
  return state;
}

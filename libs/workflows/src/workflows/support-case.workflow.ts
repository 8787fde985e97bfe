import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
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
  type CommandLedger,
  decide,
  type DomainError,
  evolve,
  fold,
  nextWakeUpMillis,
  notificationsOf,
  parseCommandData,
  priorCommand,
  recordOf,
  rememberCommand,
  roleRefusal,
  type RulesVersion,
  SYSTEM_ACTOR,
  toInstant,
} from '@banso/domain';
import type { AppendedCommand, CaseActivities } from '../activities/case-activities';
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

// The event log is the source of truth: keep retrying while PostgreSQL is away, never fold an
// event the log does not hold. What retrying cannot fix comes back at once as a PersistenceError.
const { appendEvents, deliverNotifications } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['PersistenceError'],
  },
});

const { reportIncident } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

const DEFAULT_MAX_HISTORY_EVENTS = 1000;
/** Well under Temporal's 50 MB history limit, and its 4 MB continue-as-new suggestion. */
const MAX_HISTORY_BYTES = 4_000_000;

/** Patch ids: each names a change to shipped workflow logic; see test/histories for the old ones. */
const FOLD_BEFORE_DELIVERY = 'fold-before-delivery';
/**
 * The state is the fold of what the append returns (the log), notifications are the append's
 * projections, commands are exactly once by id, failures that retrying cannot fix are reported,
 * and a run continues as new with its state rather than its events.
 */
const LOG_IS_TRUTH = 'log-is-truth';
/**
 * Cases opened from here on run by the rules of dated steps (libs/domain rules.ts: a fixed
 * follow-up grid, inclusive plan periods, no notices for periods entered with their past). A case
 * keeps the rules it opened with: the log's CaseOpened names them, so replay and later runs agree.
 */
const DATED_STEPS = 'dated-steps';

/**
 * The case's clock is one timer kept while its wake-up time stays the same: a command that does
 * not move the next reminder or due date no longer cancels the timer and starts an identical one
 * (two history events and two server writes per command before).
 */
const STEADY_CLOCK = 'steady-clock';

/** The code a command gets when the log refused it for a reason retrying will not fix. */
export const CASE_NEEDS_ATTENTION = 'CASE_NEEDS_ATTENTION';

function rejection(error: DomainError): ApplicationFailure {
  return ApplicationFailure.create({
    type: error.code,
    message: error.message,
    nonRetryable: true,
    details: [error],
  });
}

function persistenceFailure(err: unknown): ApplicationFailure | undefined {
  if (!(err instanceof ActivityFailure)) return undefined;
  const cause = err.cause;
  return cause instanceof ApplicationFailure && cause.type === 'PersistenceError'
    ? cause
    : undefined;
}

function failureCode(failure: ApplicationFailure): string {
  const details = failure.details?.[0] as { code?: unknown } | undefined;
  return typeof details?.code === 'string' ? details.code : (failure.type ?? 'UNKNOWN');
}

/** One durable workflow per support case; its state is the fold of its event log. */
export async function supportCase(input: SupportCaseInput): Promise<CaseState> {
  const { caseId } = input;
  const organisationId =
    input.organisationId ??
    input.open?.data.organisationId ??
    input.carried?.state.organisationId ??
    input.history?.[0]?.organisationId;
  let state: CaseState = input.carried ? input.carried.state : fold(input.history ?? []);
  let ledger: CommandLedger = input.carried?.ledger ?? {};
  // Only runs that replay histories from before LOG_IS_TRUTH keep events in memory.
  const legacyEvents: CaseEvent[] = [...(input.history ?? [])];
  const exclusive = createExclusive();
  const now = () => toInstant(Date.now());
  // Asked once, on the run that opens the case: later runs read the rules from the state.
  const rules: RulesVersion | undefined =
    state.status === 'new' ? (patched(DATED_STEPS) ? 2 : 1) : undefined;

  async function legacyAppend(decided: CaseEvent[]): Promise<CaseEvent[]> {
    await appendEvents({ caseId, events: decided });
    const notifications = decided.flatMap(notificationsOf);
    const apply = () => {
      for (const event of decided) {
        legacyEvents.push(event);
        state = evolve(state, event);
      }
    };
    if (patched(FOLD_BEFORE_DELIVERY)) {
      apply();
      if (notifications.length > 0) await deliverNotifications({ notifications });
    } else {
      if (notifications.length > 0) await deliverNotifications({ notifications });
      apply();
    }
    return decided;
  }

  async function append(
    command: Command,
    decided: CaseEvent[],
    bodyHash: string | undefined,
  ): Promise<CommandResult> {
    const appended: AppendedCommand | undefined =
      bodyHash === undefined
        ? undefined
        : { commandId: command.commandId, type: command.type, bodyHash };
    let result;
    try {
      result = await appendEvents({ organisationId, caseId, command: appended, events: decided });
    } catch (err) {
      const failure = persistenceFailure(err);
      if (!failure) throw err;
      const code = failureCode(failure);
      if (code === 'COMMAND_CONFLICT') {
        // The ledger had forgotten the id (it keeps the newest); the log had not.
        throw rejection({ code: 'IDEMPOTENCY_KEY_REUSED', message: failure.message });
      }
      await noteIncident(command, failure);
      throw ApplicationFailure.create({
        type: CASE_NEEDS_ATTENTION,
        message:
          `case ${caseId} could not record ${command.type}: ${failure.message}. ` +
          'Nothing was changed; the managers have been told and the case is marked for attention',
        nonRetryable: true,
      });
    }
    if (result.replayed) {
      if (appended)
        ledger = rememberCommand(ledger, command.commandId, { ...appended, ...result.replayed });
      return { commandId: command.commandId, state, events: [], replayed: result.replayed };
    }
    for (const event of result.events) state = evolve(state, event);
    const first = result.events[0];
    const last = result.events[result.events.length - 1];
    if (appended && first && last) {
      ledger = rememberCommand(ledger, command.commandId, {
        ...appended,
        firstSeq: first.seq,
        lastSeq: last.seq,
      });
    }
    return { commandId: command.commandId, state, events: result.events };
  }

  async function noteIncident(command: Command, failure: ApplicationFailure): Promise<void> {
    try {
      await reportIncident({
        organisationId,
        caseId,
        incidentId: `${organisationId}/${caseId}@${state.version}:${command.commandId}`,
        code: failureCode(failure),
        message: failure.message,
        during: command.type,
        at: now(),
      });
    } catch (err) {
      log.error('reporting an incident failed', { caseId, error: String(err) });
    }
  }

  async function execute(command: Command, bodyHash?: string): Promise<CommandResult> {
    return exclusive(async () => {
      if (bodyHash !== undefined) {
        const prior = priorCommand(
          command.commandId,
          recordOf(ledger, command.commandId),
          command.type,
          bodyHash,
        );
        if (prior.kind === 'conflict') throw rejection(prior.error);
        if (prior.kind === 'done') {
          const { firstSeq, lastSeq } = prior.record;
          return {
            commandId: command.commandId,
            state,
            events: [],
            replayed: { firstSeq, lastSeq },
          };
        }
      }
      const decision = decide(state, command, now(), { rules });
      if (!decision.ok) throw rejection(decision.error);
      if (decision.events.length === 0) return { commandId: command.commandId, state, events: [] };
      if (!patched(LOG_IS_TRUTH)) {
        return { commandId: command.commandId, state, events: await legacyAppend(decision.events) };
      }
      return append(command, decision.events, bodyHash);
    });
  }

  const openCommand: Command | undefined =
    state.status === 'new' && input.open ? { type: 'openCase', caseId, ...input.open } : undefined;
  // Updates can arrive in the very first activation, before the open has been persisted: judge
  // them against the case as it will be once opened (their handlers queue behind the open, which
  // takes the first place in the lock before any handler is registered).
  const openedPreview = () => {
    if (state.status !== 'new' || !openCommand) return state;
    const opening = decide(state, openCommand, now(), { rules });
    return opening.ok ? fold(opening.events, state) : state;
  };

  function register<T extends UpdateCommandType>(type: T): void {
    const toCommand = ({ commandId, actor, data }: CommandInput<T>) =>
      ({ type, caseId, commandId, actor, data }) as Command;
    const parsed = (args: CommandInput<T>) => {
      const result = parseCommandData(type, args.data);
      if (!result.ok) throw rejection(result.error);
      return toCommand({ ...args, data: result.data });
    };
    setHandler(
      commandUpdates[type] as CommandUpdate<T>,
      (args: CommandInput<T>) => execute(parsed(args), args.bodyHash),
      {
        // A dry run against the current state: a command that does not fit is refused before it is
        // written into the history, and the caller learns why.
        validator: (args: CommandInput<T>) => {
          const command = parsed(args);
          const refused = roleRefusal(type, args.actor.role);
          if (refused) throw rejection(refused);
          if (args.bodyHash !== undefined) {
            const prior = priorCommand(
              args.commandId,
              recordOf(ledger, args.commandId),
              type,
              args.bodyHash,
            );
            if (prior.kind === 'conflict') throw rejection(prior.error);
            if (prior.kind === 'done') return;
          }
          // A command ahead of this one is still being recorded (its append retrying, or waiting
          // out a dead worker's activity): the state is older than what its caller was answered
          // from the log. The handler decides in its turn, and refuses from there.
          if (exclusive.busy()) return;
          const decision = decide(openedPreview(), command, now(), { rules });
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
    opening = execute(openCommand, input.open?.bodyHash);
  }
  UPDATE_COMMAND_TYPES.forEach(register);
  setHandler(caseStateQuery, () => state);
  setHandler(
    caseOpenedUpdate,
    async () => {
      const result = opening ? await opening : undefined;
      await condition(() => state.status !== 'new');
      return result ?? { commandId: '', state, events: [] };
    },
    {
      validator: (expected?: { bodyHash: string }) => {
        const opened = input.open?.bodyHash;
        if (expected?.bodyHash && opened && expected.bodyHash !== opened) {
          throw rejection({
            code: 'IDEMPOTENCY_KEY_REUSED',
            message: `case ${caseId} was already opened with a different request; nothing was changed`,
          });
        }
      },
    },
  );

  if (opening) await opening;

  const maxHistory = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  const historyIsLarge = () => {
    const info = workflowInfo();
    return (
      info.continueAsNewSuggested ||
      info.historyLength >= maxHistory ||
      info.historySize >= MAX_HISTORY_BYTES
    );
  };

  const isClosed = () => state.status === 'closed';
  const steadyClock = patched(STEADY_CLOCK);
  let clock: ClockTimer | undefined;
  while (!isClosed()) {
    const version = state.version;
    const wakeAt = nextWakeUpMillis(state);
    let clockRang: boolean;
    if (steadyClock) {
      if (clock?.at !== wakeAt) {
        clock?.cancel();
        clock = wakeAt === undefined ? undefined : startClockTimer(wakeAt);
      }
      await condition(() => state.version !== version || historyIsLarge() || !!clock?.rang);
      clockRang = !!clock?.rang;
      if (clockRang) clock = undefined;
    } else {
      // The timer of each loop: it rang when the condition timed out. Without a wake-up time the
      // condition answers nothing (void), and such a case stepped its clock on every change.
      const woken =
        wakeAt === undefined
          ? await condition(() => state.version !== version || historyIsLarge())
          : await condition(
              () => state.version !== version || historyIsLarge(),
              Math.max(wakeAt - Date.now(), 1),
            );
      clockRang = !woken;
    }
    if (clockRang) {
      try {
        await execute({
          type: 'advanceClock',
          caseId,
          commandId: `clock@${state.version}`,
          actor: SYSTEM_ACTOR,
          data: {},
        });
      } catch (err) {
        // A refused append (outages are retried inside) has been reported as an incident: keep the
        // case alive and its commands flowing, and try the clock again later.
        log.error('advancing the case clock failed; retrying later', { error: String(err) });
        await sleep(patched(LOG_IS_TRUTH) ? '1 hour' : '15 minutes');
      }
    }
    if (historyIsLarge() && !isClosed()) {
      await condition(allHandlersFinished);
      if (state.status === 'new') break;
      return continueAsNew<typeof supportCase>({
        organisationId,
        caseId,
        carried: { state, ledger },
        maxHistoryEvents: input.maxHistoryEvents,
      });
    }
  }
  await condition(allHandlersFinished);
  return state;
}

/** A timer for the case's next wake-up: `rang` once it went off; cancelled when the time moves. */
interface ClockTimer {
  at: number;
  rang: boolean;
  cancel(): void;
}

function startClockTimer(at: number): ClockTimer {
  const scope = new CancellationScope();
  const timer: ClockTimer = { at, rang: false, cancel: () => scope.cancel() };
  scope
    .run(() => sleep(Math.max(at - Date.now(), 1)))
    .then(
      () => {
        timer.rang = true;
      },
      (err: unknown) => {
        if (!isCancellation(err)) throw err;
      },
    );
  return timer;
}

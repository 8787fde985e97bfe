// Test support for the case specs: given(events).when(command, now) → the decision, and stock
// histories built by running `decide` from the start, so every spec exercises the real flow.
import type { IsoDate, IsoDateTime } from '../calendar/dates';
import type { Plan } from '../plan/plan';
import { type CaseKind, DEFAULT_POLICY, type Policy } from '../policy/policy';
import type { Actor } from './actor';
// The one set of fixtures every tier shares.
import {
  ANALYSIS,
  FIRM,
  MANAGER,
  OFFICER,
  ON_TRACK,
  ORG_ID,
  samplePlan,
  SUCCESSION,
  SYSTEM,
} from '../../../../test/support/fixtures';
import type { Command, CommandData, CommandOf, CommandType } from './commands';
import { type Decision, decide, parseCommandData } from './decide';
import type { DomainError } from './errors';
import type { CadenceMode, CaseEvent } from './events';
import { fold } from './evolve';
import { CURRENT_RULES, type RulesVersion } from './rules';
import type { CaseState, OpenedCase } from './state';

export { ANALYSIS, FIRM, MANAGER, OFFICER, ON_TRACK, ORG_ID, samplePlan, SYSTEM };

export const CASE_ID = 'case-001';

/** Local instants in Asia/Tokyo. */
export const jst = (date: IsoDate, time = '10:00'): IsoDateTime => `${date}T${time}:00+09:00`;

export const OPENED_AT = jst('2026-04-01');
export const ANALYSED_AT = jst('2026-04-06');
export const DRAFTED_AT = jst('2026-04-08');
export const APPROVED_AT = jst('2026-04-10');

export function command<T extends CommandType>(
  type: T,
  data: CommandData<T>,
  actor: Actor = OFFICER,
): CommandOf<T> {
  return { type, caseId: CASE_ID, commandId: `test:${type}`, actor, data } as CommandOf<T>;
}

export function openCaseData(
  kind: CaseKind = 'standard',
  policy: Policy = DEFAULT_POLICY,
): CommandData<'openCase'> {
  return { organisationId: ORG_ID, firm: FIRM, kind, officerId: OFFICER.id, policy };
}

export function followUp(
  visitedOn: IsoDate,
  actuals: Record<string, number> = ON_TRACK,
): CommandOf<'recordFollowUp'> {
  return command('recordFollowUp', { visitedOn, method: 'visit', actuals });
}

export const DISPATCH_DONE: CommandData<'completeExpertDispatch'> = {
  expert: { name: '中小企業診断士 鈴木', programme: 'よろず支援拠点' },
  summary: 'EC販路の見直しを助言',
};

let rules: RulesVersion = CURRENT_RULES;

/**
 * The rules the spec file's cases open under (rules.ts): the specs of the first rules keep
 * proving what cases opened before dated steps still do.
 */
export function underRules(version: RulesVersion): void {
  rules = version;
}

export interface When {
  state: CaseState;
  when(cmd: Command, now: IsoDateTime): Decision;
}

/** As the workflow takes a command: its data parsed against the declared schema, then decided. */
export function given(events: readonly CaseEvent[]): When {
  const state = fold(events);
  return {
    state,
    when: (cmd, now) => {
      const parsed = parseCommandData(cmd.type, cmd.data);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      return decide(state, { ...cmd, data: parsed.data } as Command, now, { rules });
    },
  };
}

/** The events of a decision that must have succeeded. */
export function eventsOf(decision: Decision): CaseEvent[] {
  if (!decision.ok) throw new Error(`expected events, got ${JSON.stringify(decision.error)}`);
  return decision.events;
}

/** The error of a decision that must have been refused. */
export function errorOf(decision: Decision): DomainError {
  if (decision.ok) throw new Error(`expected an error, got ${JSON.stringify(decision.events)}`);
  return decision.error;
}

/** Runs commands one after another from `history`; returns the whole history. */
export function run(
  history: readonly CaseEvent[],
  ...steps: [Command, IsoDateTime][]
): CaseEvent[] {
  const all = [...history];
  for (const [cmd, now] of steps) all.push(...eventsOf(given(all).when(cmd, now)));
  return all;
}

export function stateOf(events: readonly CaseEvent[]): OpenedCase {
  const state = fold(events);
  if (state.status === 'new') throw new Error('the case has not been opened');
  return state;
}

export interface StoryOptions {
  kind?: CaseKind;
  policy?: Policy;
  plan?: Plan;
}

export function opened({ kind, policy }: StoryOptions = {}): CaseEvent[] {
  return run([], [command('openCase', openCaseData(kind, policy)), OPENED_AT]);
}

export function analysed(options: StoryOptions = {}): CaseEvent[] {
  return run(opened(options), [command('recordAnalysis', ANALYSIS), ANALYSED_AT]);
}

export function drafted(options: StoryOptions = {}): CaseEvent[] {
  // A business succession plan names its successor and milestones.
  const plan =
    options.plan ??
    (options.kind === 'succession' ? { ...samplePlan(), succession: SUCCESSION } : samplePlan());
  return run(analysed(options), [command('draftPlan', { plan }), DRAFTED_AT]);
}

/** Approved on 2026-04-10: with the default policy a standard case is next due 2026-07-10. */
export function approved(options: StoryOptions = {}): CaseEvent[] {
  return run(drafted(options), [command('approvePlan', {}, MANAGER), APPROVED_AT]);
}

export function closed(options: StoryOptions = {}): CaseEvent[] {
  return run(approved(options), [
    command('closeCase', { reason: 'withdrawn' }, MANAGER),
    jst('2026-05-01'),
  ]);
}

/** The last event of a history. */
export function last(events: readonly CaseEvent[]): CaseEvent {
  const event = events[events.length - 1];
  if (!event) throw new Error('no events');
  return event;
}

/** A command whose data the types would not allow: what arrives from outside. */
export function raw(type: CommandType, data: unknown): Command {
  return { type, caseId: CASE_ID, actor: OFFICER, data } as Command;
}

/**
 * The field paths of a refusal for the command's data: VALIDATION_FAILED when it does not match
 * the declared schema, INVALID_COMMAND when it breaks a rule of the case.
 */
export function invalidPaths(
  history: readonly CaseEvent[],
  cmd: Command,
  now = jst('2026-07-01', '16:00'),
  code: 'VALIDATION_FAILED' | 'INVALID_COMMAND' = 'VALIDATION_FAILED',
): string[] {
  const error = errorOf(given(history).when(cmd, now));
  if (error.code !== code) throw new Error(`expected ${code}, got ${error.code}`);
  return error.issues.map((i) => i.path);
}

/** A follow-up visit recorded at 16:00 on the visit day. */
export function visit(
  visitedOn: IsoDate,
  actuals?: Record<string, number>,
): [Command, IsoDateTime] {
  return [followUp(visitedOn, actuals), jst(visitedOn, '16:00')];
}

/** The events of recording a visit. */
export function record(
  history: readonly CaseEvent[],
  visitedOn: IsoDate,
  actuals?: Record<string, number>,
): CaseEvent[] {
  return eventsOf(given(history).when(...visit(visitedOn, actuals)));
}

/** The history after several visits, each given as [date, actuals?]. */
export function after(
  history: readonly CaseEvent[],
  ...visits: [IsoDate, Record<string, number>?][]
): CaseEvent[] {
  return run(history, ...visits.map(([on, actuals]) => visit(on, actuals)));
}

/** A FollowUpScheduled after a recorded follow-up, to match with toMatchObject. */
export function scheduled(
  dueDate: IsoDate,
  nominalDueDate: IsoDate,
  cadenceMonths: number,
  mode: CadenceMode,
  final = false,
) {
  return {
    type: 'FollowUpScheduled',
    data: { dueDate, nominalDueDate, cadenceMonths, mode, final, reason: 'followUpRecorded' },
  } as const;
}

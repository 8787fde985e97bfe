// Test support for the report specs: case logs built by running `decide` through the case's own
// commands, each step dated when it happened and recorded when the test says (by default the
// same day), so the reports read what the engine really writes.
import type { IsoDate } from '../calendar/dates';
import type { CommandData } from '../case/commands';
import type { CaseEvent } from '../case/events';
import {
  ANALYSIS,
  command,
  jst,
  MANAGER,
  openCaseData,
  run,
  stateOf,
} from '../case/given.spec-helper';
import type { FollowUpCase } from '../case/state';
import type { Plan } from '../plan/plan';
import { type CaseKind, DEFAULT_POLICY, type Policy } from '../policy/policy';
import { FOUNDER_ANALYSIS, SUCCESSION } from '../../../../test/support/fixtures';

export { jst };

/** A plan from `startDate` for `months` (even): sales (千円) from 12,000, up 100 a month. */
export function planFrom(startDate: IsoDate, months = 12, kind: CaseKind = 'standard'): Plan {
  const plan: Plan = {
    title: '販路開拓による売上拡大計画',
    startDate,
    months,
    actions: ['ECサイトの開設'],
    kpis: [
      {
        id: 'sales',
        name: '売上高',
        unit: '千円',
        baseline: 12_000,
        direction: 'higher',
        targets: [{ month: months, value: 12_000 + 100 * months }],
      },
    ],
  };
  return kind === 'succession' ? { ...plan, succession: SUCCESSION } : plan;
}

export function openedOn(
  on: IsoDate,
  kind: CaseKind = 'standard',
  policy: Policy = DEFAULT_POLICY,
): CaseEvent[] {
  return run([], [command('openCase', { ...openCaseData(kind, policy), openedOn: on }), jst(on)]);
}

export function analysedOn(
  history: readonly CaseEvent[],
  on: IsoDate,
  recordedOn: IsoDate = on,
  data: CommandData<'recordAnalysis'> = analysisFor(kindOf(history)),
): CaseEvent[] {
  return run(history, [command('recordAnalysis', { ...data, analysedOn: on }), jst(recordedOn)]);
}

export function draftedOn(
  history: readonly CaseEvent[],
  on: IsoDate,
  plan: Plan = planFrom(on, 12, kindOf(history)),
  recordedOn: IsoDate = on,
): CaseEvent[] {
  return run(history, [command('draftPlan', { plan, draftedOn: on }), jst(recordedOn)]);
}

export function approvedOn(history: readonly CaseEvent[], on: IsoDate): CaseEvent[] {
  return run(history, [command('approvePlan', { approvedOn: on }, MANAGER), jst(on)]);
}

/** A follow-up visit; by default well ahead of the plan's sales. */
export function visitedOn(
  history: readonly CaseEvent[],
  on: IsoDate,
  recordedOn: IsoDate = on,
  actuals: Record<string, number> = { sales: 20_000 },
): CaseEvent[] {
  return run(history, [
    command('recordFollowUp', { visitedOn: on, method: 'visit', actuals }),
    jst(recordedOn, '16:00'),
  ]);
}

export function statementsOn(
  history: readonly CaseEvent[],
  on: IsoDate,
  current: { fiscalYearEnd: IsoDate; sales: number; operatingProfit: number },
): CaseEvent[] {
  return run(history, [
    command('recordStatements', { financials: { current }, receivedOn: on }),
    jst(on),
  ]);
}

export function dispatchRequestedOn(history: readonly CaseEvent[], on: IsoDate): CaseEvent[] {
  return run(history, [
    command('requestExpertDispatch', {
      programme: 'yorozuSupportCentre',
      reason: '販路開拓の助言',
      requestedOn: on,
    }),
    jst(on),
  ]);
}

export function closedOn(history: readonly CaseEvent[], on: IsoDate): CaseEvent[] {
  return run(history, [
    command('closeCase', { reason: 'withdrawn', closedOn: on }, MANAGER),
    jst(on),
  ]);
}

/**
 * A case in follow-up: opened, analysed and drafted on the days before `approved`, the plan
 * starting on the approval day unless given.
 */
export function inFollowUp(
  kind: CaseKind,
  approved: IsoDate,
  options: { plan?: Plan; policy?: Policy; opened?: IsoDate } = {},
): CaseEvent[] {
  const opened = options.opened ?? approved;
  const plan = options.plan ?? planFrom(approved, 12, kind);
  const history = draftedOn(
    analysedOn(openedOn(opened, kind, options.policy), opened),
    opened,
    plan,
  );
  return approvedOn(history, approved);
}

export function followUpState(events: readonly CaseEvent[]): FollowUpCase {
  const state = stateOf(events);
  if (state.status !== 'followUp')
    throw new Error(`expected a case in follow-up, got ${state.status}`);
  return state;
}

function kindOf(history: readonly CaseEvent[]): CaseKind {
  return stateOf(history).kind;
}

function analysisFor(kind: CaseKind): CommandData<'recordAnalysis'> {
  return kind === 'founder' ? FOUNDER_ANALYSIS : ANALYSIS;
}

// Two cases as chambers run them, step by step with the date each step happened: a standard case
// over two years and more (a drift, an expert, a missed period, a contact) and a founder case
// followed monthly for two years. The same steps are taken live (the time-skipping tests sleep to
// each date) and entered afterwards with their past (over HTTP): both must end in the same place.
import {
  addDays,
  addMonths,
  type IsoDate,
  type IsoDateTime,
} from '../../../libs/domain/src/calendar/dates';
import { type Actor, SYSTEM_ACTOR } from '../../../libs/domain/src/case/actor';
import {
  type Command,
  type CommandData,
  commandDeclaration,
  type CommandType,
  type RoutedCommandType,
} from '../../../libs/domain/src/case/commands';
import { decide } from '../../../libs/domain/src/case/decide';
import { fold } from '../../../libs/domain/src/case/evolve';
import type { OpenedCase } from '../../../libs/domain/src/case/state';
import type { CaseKind } from '../../../libs/domain/src/policy/policy';
import { ANALYSIS, FOUNDER_ANALYSIS, MANAGER, OFFICER, planData } from '../fixtures';

export interface PastStep {
  on: IsoDate;
  type: RoutedCommandType;
  /** The command's data without its date: `dated` adds it. */
  data: Record<string, unknown>;
  actor: Actor;
}

export interface CaseWithPast {
  kind: CaseKind;
  openedOn: IsoDate;
  steps: PastStep[];
}

/** The step's data with the date it happened, in the field its command declares. */
export function dated(step: PastStep): Record<string, unknown> {
  const field = commandDeclaration(step.type).happenedOn;
  return field ? { ...step.data, [field]: step.on } : step.data;
}

/** Monthly sales on plan for a date: 10 % a year up from 10,000 (planData), and a little more. */
const onTrack = { 'monthly-sales': 13_500 };
const behind = { 'monthly-sales': 7_000 };

function stepsFrom(base: IsoDate) {
  const at = (months: number, days = 0) => addDays(addMonths(base, months), days);
  const steps: PastStep[] = [];
  const add = (on: IsoDate, type: RoutedCommandType, data: object, actor: Actor = OFFICER) =>
    steps.push({ on, type, data: data as Record<string, unknown>, actor });
  const visit = (on: IsoDate, actuals = onTrack) =>
    add(on, 'recordFollowUp', { method: 'visit', actuals });
  return { at, steps, add, visit };
}

/**
 * A standard case opened on `base` (the 10th of a month), its plan starting a month later for
 * three years. Quarterly; a visit shows sales far behind (an expert is dispatched and the case
 * followed monthly), it recovers, one period is missed, and the last visit is 26 months in.
 */
export function standardCase(base: IsoDate): CaseWithPast {
  const { at, steps, add, visit } = stepsFrom(base);
  add(at(0, 10), 'recordAnalysis', ANALYSIS);
  add(at(0, 20), 'draftPlan', planData(at(1), 36));
  add(at(1), 'approvePlan', { note: '事業者と合意' }, MANAGER);
  add(at(2, 5), 'recordContact', { method: 'phone', notes: '資金繰りの相談' });
  visit(at(4, -2));
  visit(at(7, 3));
  visit(at(10), behind);
  // Drift proposes a dispatch; a manager confirms it and the expert visits twice.
  add(at(10, 1), 'confirmDispatchProposal', { programme: 'yorozuSupportCentre' }, MANAGER);
  add(at(10, 6), 'recordExpertVisit', { expert: { name: '中小企業診断士 田中' } });
  add(at(10, 13), 'recordExpertVisit', { expert: { name: '中小企業診断士 田中' } });
  add(at(10, 15), 'completeExpertDispatch', {
    expert: { name: '中小企業診断士 田中', programme: 'よろず支援拠点' },
    summary: '販路と価格設定を見直し',
  });
  visit(at(11));
  // The period due at month 14 is missed.
  visit(at(17, 1));
  visit(at(20, -1));
  add(at(21, 4), 'recordContact', { method: 'desk' });
  visit(at(23, 2));
  visit(at(26, 2));
  return { kind: 'standard', openedOn: base, steps };
}

/**
 * A founder case opened on `base`, followed monthly for two years from its plan's start a month
 * later. One visit shows drift (an expert, then recovery), one month is missed, and the last
 * visit, 15 days before the month-24 due date, answers it.
 */
export function founderCase(base: IsoDate): CaseWithPast {
  const { at, steps, add, visit } = stepsFrom(base);
  // No statements yet: the analysis takes the founding plan's own figures.
  add(at(0, 8), 'recordAnalysis', FOUNDER_ANALYSIS);
  add(at(0, 15), 'draftPlan', planData(at(1), 36));
  add(at(1), 'approvePlan', {}, MANAGER);
  const offsets = [-2, 1, 0, -3];
  for (let month = 2; month < 24; month++) {
    if (month === 6) continue;
    visit(at(month, offsets[month % 4]), month === 9 ? behind : onTrack);
    if (month === 9) {
      add(at(9, 2), 'confirmDispatchProposal', { programme: 'expertDispatchScheme' }, MANAGER);
      add(at(9, 10), 'completeExpertDispatch', {
        expert: { name: '創業支援専門家 山本', programme: '専門家派遣制度' },
        summary: '資金繰り表の作成を支援',
      });
    }
    if (month === 12) add(at(12, 5), 'recordContact', { method: 'email' });
  }
  visit(at(24, -15));
  return { kind: 'founder', openedOn: base, steps };
}

/** What must agree between a case run live and the same case entered with its past. */
export function essentials(s: OpenedCase) {
  return {
    status: s.status,
    schedule: s.schedule,
    dueDate: s.notices?.dueDate,
    followUps: s.followUps,
    missedFollowUps: s.missedFollowUps,
    contacts: s.contacts,
    overdue: s.overdue,
    drifting: s.drifting,
    onTrackStreak: s.onTrackStreak,
    driftingStreak: s.driftingStreak,
    dispatchesRequested: s.dispatchesRequested,
    dispatchesCompleted: s.dispatchesCompleted,
    dispatchProposals: s.dispatchProposals,
    expertVisits: s.expertVisits,
    lastStepOn: s.lastStepOn,
    lastFollowUpOn: s.lastFollowUpOn,
    planApprovedOn: s.planApprovedOn,
    openedOn: s.openedOn,
  };
}

/** The 10th of the month `months` before (negative) or after the month of `date`. */
export function tenthOfMonth(date: IsoDate, months: number): IsoDate {
  return addMonths(`${date.slice(0, 7)}-10`, months);
}

/**
 * The case as the engine runs it live, in the domain alone: each step decided on its day at 16:00
 * JST, undated, with the case's clock run at 08:00 before each step and once more at `until`.
 * The time-skipping tests prove the workflow does exactly this.
 */
export function simulateLive(
  scenario: CaseWithPast,
  open: CommandData<'openCase'>,
  until: IsoDateTime,
): OpenedCase {
  let state = fold([]);
  const take = (type: CommandType, data: unknown, actor: Actor, now: IsoDateTime) => {
    const command = { type, caseId: 'simulated', commandId: `${type}@${now}`, actor, data };
    const decision = decide(state, command as Command, now);
    if (!decision.ok) throw new Error(`${type} on ${now}: ${decision.error.message}`);
    state = fold(decision.events, state);
  };
  const jst = (date: IsoDate, time: string) => `${date}T${time}:00+09:00`;
  take('openCase', { ...open, openedOn: undefined }, OFFICER, jst(scenario.openedOn, '16:00'));
  for (const step of scenario.steps) {
    take('advanceClock', {}, SYSTEM_ACTOR, jst(step.on, '08:00'));
    take(step.type, step.data, step.actor, jst(step.on, '16:00'));
  }
  take('advanceClock', {}, SYSTEM_ACTOR, until);
  if (state.status === 'new') throw new Error('the case did not open');
  return state;
}

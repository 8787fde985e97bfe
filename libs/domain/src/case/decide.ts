import type { z } from 'zod';
import { localBenchmark } from '../analysis/local-benchmark';
import { compareDates, type IsoDate, type IsoDateTime, localDate } from '../calendar/dates';
import { type Plan, planEndDate } from '../plan/plan';
import {
  type Command,
  type CommandData,
  COMMANDS,
  type CommandOf,
  type CommandType,
  type Role,
} from './commands';
import { type DomainError, type FieldIssue, invalid, validationFailed } from './errors';
import type { CaseEvent, NewEvent } from './events';
import { assertNever } from './evolve';
import { dueNotices, recordFollowUp } from './follow-up-decisions';
import { deadlineAfter, scheduleFrom } from './schedule';
import type { CaseIn, CaseState, CaseStatus, OpenedCase } from './state';

export type Decision = { ok: true; events: CaseEvent[] } | { ok: false; error: DomainError };

const STAGE_NAMES: Record<CaseStatus, string> = {
  new: 'not opened',
  analysis: 'analysis (経営状況の分析)',
  planning: 'plan drafting (事業計画策定)',
  followUp: 'follow-up (実施支援)',
  closed: 'closed',
};

export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

/**
 * A command's data checked against its declared schema, once, where it enters (the API, the
 * workflow's update validator): the same fault always gets the same code, VALIDATION_FAILED.
 */
export function parseCommandData<T extends CommandType>(
  type: T,
  data: unknown,
  prefix = 'data',
): { ok: true; data: CommandData<T> } | { ok: false; error: DomainError } {
  const parsed = COMMANDS[type].schema.safeParse(data);
  if (parsed.success) return { ok: true, data: parsed.data as CommandData<T> };
  return { ok: false, error: validationFailed(zodIssues(parsed.error, prefix)) };
}

/** Why a role may not send a command (its declaration names who may), or undefined if it may. */
export function roleRefusal(type: CommandType, role: Role): DomainError | undefined {
  const roles: readonly Role[] = COMMANDS[type].roles;
  if (roles.includes(role)) return undefined;
  return {
    code: 'ROLE_NOT_ALLOWED',
    message: `${type} may be sent by: ${roles.join(', ')}; not by a ${role}`,
    role,
    allowed: [...roles],
  };
}

/**
 * Decides what a command does to a case: the new events, or why not. Pure: `now` comes in with
 * the call, and nothing is read from anywhere else. The data has been parsed (parseCommandData)
 * and the sender's role checked (roleRefusal) where the command entered: who may send a command
 * is checked once, when it is sent, not again when a case's history is replayed.
 */
export function decide(state: CaseState, cmd: Command, now: IsoDateTime): Decision {
  if (cmd.type === 'openCase') {
    if (state.status !== 'new') {
      return fail({ code: 'CASE_ALREADY_OPEN', message: `case ${cmd.caseId} is already open` });
    }
    return emit(state, cmd, now, openCase(cmd, now));
  }
  if (state.status === 'new') {
    return fail({
      code: 'WRONG_STAGE',
      message: `case ${cmd.caseId} has not been opened`,
      stage: 'new',
      allowed: [],
    });
  }
  if (cmd.caseId !== state.caseId) {
    return fail(
      invalid([{ path: 'caseId', message: `this is case ${state.caseId}, not ${cmd.caseId}` }]),
    );
  }
  const today = localDate(now, state.policy.timeZone);
  const outcome = decideOpen(state, cmd, today, now);
  return Array.isArray(outcome) ? emit(state, cmd, now, outcome) : fail(outcome);
}

/** The stages a command is declared for, as the types of the case in them. */
type StageOf<T extends CommandType> = Extract<
  (typeof COMMANDS)[T]['stages'][number],
  OpenedCase['status']
>;

/** Whether the case is in a stage the command is declared for: the one rule of where it goes. */
function isIn<T extends CommandType>(s: OpenedCase, type: T): s is CaseIn<StageOf<T>> {
  return (COMMANDS[type].stages as readonly CaseStatus[]).includes(s.status);
}

function wrongStage(s: OpenedCase, type: CommandType): DomainError {
  const allowed: CaseStatus[] = [...COMMANDS[type].stages];
  return {
    code: 'WRONG_STAGE',
    message:
      `${type} is not allowed while the case is ${STAGE_NAMES[s.status]}; ` +
      `it is allowed in: ${allowed.map((a) => STAGE_NAMES[a]).join(', ')}`,
    stage: s.status,
    allowed,
  };
}

function decideOpen(
  s: OpenedCase,
  cmd: Exclude<Command, CommandOf<'openCase'>>,
  today: IsoDate,
  now: IsoDateTime,
): NewEvent[] | DomainError {
  // Each command reads the case as the stages it is declared for: what they guarantee, it has.
  if (!isIn(s, cmd.type)) return wrongStage(s, cmd.type);
  switch (cmd.type) {
    case 'recordAnalysis':
      return isIn(s, cmd.type) ? recordAnalysis(s, cmd.data, today) : wrongStage(s, cmd.type);
    case 'draftPlan':
      return [
        { type: 'PlanDrafted', data: { plan: cmd.data.plan, planVersion: s.planVersion + 1 } },
      ];
    case 'approvePlan':
      return isIn(s, cmd.type) ? approvePlan(s, cmd.data, today) : wrongStage(s, cmd.type);
    case 'recordFollowUp':
      return isIn(s, cmd.type) ? recordFollowUp(s, cmd.data, today) : wrongStage(s, cmd.type);
    case 'completeExpertDispatch':
      if (!s.openDispatch) {
        return {
          code: 'NO_OPEN_DISPATCH',
          message: 'there is no open expert dispatch to complete',
        };
      }
      return [
        {
          type: 'ExpertDispatchCompleted',
          data: { ...cmd.data, dispatchId: s.openDispatch.dispatchId, completedOn: today },
        },
      ];
    case 'revisePlan':
      return isIn(s, cmd.type) ? revisePlan(s, cmd.data, today) : wrongStage(s, cmd.type);
    case 'reassignOfficer':
      if (cmd.data.officerId === s.officerId) {
        return invalid([
          { path: 'data.officerId', message: `the case is already assigned to ${s.officerId}` },
        ]);
      }
      return [
        {
          type: 'OfficerReassigned',
          data: {
            fromOfficerId: s.officerId,
            toOfficerId: cmd.data.officerId,
            reason: cmd.data.reason,
          },
        },
      ];
    case 'closeCase':
      return [{ type: 'CaseClosed', data: { ...cmd.data, closedOn: today } }];
    case 'advanceClock':
      return dueNotices(s, now);
    default:
      return assertNever(cmd);
  }
}

function openCase(cmd: CommandOf<'openCase'>, now: IsoDateTime): NewEvent[] {
  const { policy, firm, kind, officerId } = cmd.data;
  const openedOn = localDate(now, policy.timeZone);
  return [
    {
      type: 'CaseOpened',
      data: {
        firm,
        kind,
        officerId,
        policy,
        openedOn,
        analysisDeadline: deadlineAfter(openedOn, policy.analysisDeadlineDays, policy),
      },
    },
  ];
}

function recordAnalysis(
  s: CaseIn<'analysis'>,
  data: CommandData<'recordAnalysis'>,
  today: IsoDate,
): NewEvent[] | DomainError {
  const { current, previous } = data.financials;
  if (previous && compareDates(previous.fiscalYearEnd, current.fiscalYearEnd) >= 0) {
    return invalid([
      {
        path: 'data.financials.previous.fiscalYearEnd',
        message: `must be before the current year's end (${current.fiscalYearEnd})`,
      },
    ]);
  }
  return [
    {
      type: 'AnalysisRecorded',
      data: {
        ...data,
        indicators: localBenchmark(data.financials),
        analysedOn: today,
        planDeadline: deadlineAfter(today, s.policy.planDeadlineDays, s.policy),
      },
    },
  ];
}

function approvePlan(
  s: CaseIn<'planning'>,
  data: CommandData<'approvePlan'>,
  today: IsoDate,
): NewEvent[] | DomainError {
  if (!s.plan) return { code: 'PLAN_NOT_DRAFTED', message: 'draft a plan before approving it' };
  const ended = planEnded(s.plan, today);
  if (ended) return ended;
  const anchor = laterOf(s.plan.startDate, today);
  return [
    {
      type: 'PlanApproved',
      data: { planVersion: s.planVersion, approvedOn: today, note: data.note },
    },
    { type: 'FollowUpScheduled', data: scheduleFrom(anchor, s, s.plan, 'regular', 'planApproved') },
  ];
}

function revisePlan(
  s: CaseIn<'followUp'>,
  data: CommandData<'revisePlan'>,
  today: IsoDate,
): NewEvent[] | DomainError {
  const ended = planEnded(data.plan, today);
  if (ended) return ended;
  const anchor = s.lastFollowUpOn ?? laterOf(data.plan.startDate, s.planApprovedOn ?? today);
  const mode = s.schedule?.mode ?? 'regular';
  return [
    {
      type: 'PlanRevised',
      data: {
        plan: data.plan,
        planVersion: s.planVersion + 1,
        reason: data.reason,
        revisedOn: today,
      },
    },
    { type: 'FollowUpScheduled', data: scheduleFrom(anchor, s, data.plan, mode, 'planRevised') },
  ];
}

function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

function planEnded(plan: Plan, today: IsoDate): DomainError | undefined {
  const end = planEndDate(plan);
  if (compareDates(end, today) > 0) return undefined;
  return invalid([
    {
      path: 'data.plan.months',
      message: `the plan period ended on ${end}; a plan to follow up must end after today (${today})`,
    },
  ]);
}

function emit(state: CaseState, cmd: Command, now: IsoDateTime, events: NewEvent[]): Decision {
  const organisationId =
    cmd.type === 'openCase' ? cmd.data.organisationId : (state as OpenedCase).organisationId;
  return {
    ok: true,
    events: events.map((e, i) => ({
      ...e,
      caseId: cmd.caseId,
      organisationId,
      seq: state.version + i + 1,
      at: now,
      actor: cmd.actor,
      commandId: cmd.commandId,
    })),
  };
}

function fail(error: DomainError): Decision {
  return { ok: false, error };
}

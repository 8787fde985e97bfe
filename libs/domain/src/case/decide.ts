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
import type { CaseState, CaseStatus, OpenedCase } from './state';

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
  const allowed: CaseStatus[] = [...COMMANDS[cmd.type].stages];
  if (!allowed.includes(state.status)) {
    return fail({
      code: 'WRONG_STAGE',
      message:
        `${cmd.type} is not allowed while the case is ${STAGE_NAMES[state.status]}; ` +
        `it is allowed in: ${allowed.map((s) => STAGE_NAMES[s]).join(', ')}`,
      stage: state.status,
      allowed,
    });
  }
  const today = localDate(now, state.policy.timeZone);
  const outcome = decideOpen(state, cmd, today, now);
  return Array.isArray(outcome) ? emit(state, cmd, now, outcome) : fail(outcome);
}

function decideOpen(
  s: OpenedCase,
  cmd: Exclude<Command, CommandOf<'openCase'>>,
  today: IsoDate,
  now: IsoDateTime,
): NewEvent[] | DomainError {
  switch (cmd.type) {
    case 'recordAnalysis':
      return recordAnalysis(s, cmd.data, today);
    case 'draftPlan':
      return [
        { type: 'PlanDrafted', data: { plan: cmd.data.plan, planVersion: s.planVersion + 1 } },
      ];
    case 'approvePlan':
      return approvePlan(s, cmd.data, today);
    case 'recordFollowUp':
      return recordFollowUp(s, cmd.data, today);
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
      return revisePlan(s, cmd.data, today);
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
  s: OpenedCase,
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
  s: OpenedCase,
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
  s: OpenedCase,
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

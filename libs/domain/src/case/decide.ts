import type { z } from 'zod';
import { localBenchmark } from '../analysis/local-benchmark';
import {
  compareDates,
  type IsoDate,
  type IsoDateTime,
  laterDate,
  localDate,
} from '../calendar/dates';
import { type Plan, planEndDate } from '../plan/plan';
import {
  type Command,
  type CommandData,
  commandDeclaration,
  COMMANDS,
  type CommandOf,
  type CommandType,
  type Role,
} from './commands';
import { type DomainError, type FieldIssue, invalid, validationFailed } from './errors';
import type { CaseEvent, NewEvent } from './events';
import { assertNever } from './evolve';
import {
  cancelDispatch,
  completeDispatch,
  confirmProposal,
  declineProposal,
  endingWithCase,
  recordExpertVisit,
  requestDispatch,
} from './dispatch-decisions';
import { dueNotices, recordFollowUp } from './follow-up-decisions';
import { analysisIssues, planIssues, statementIssues } from './kind-rules';
import { CURRENT_RULES, rulesOf, type RulesVersion } from './rules';
import { deadlineAfter, gridDue, scheduleFrom } from './schedule';
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
    message: `${type} may be sent by: ${roles.join(', ')}; not by ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`,
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
export function decide(
  state: CaseState,
  cmd: Command,
  now: IsoDateTime,
  options: { rules?: RulesVersion } = {},
): Decision {
  if (cmd.type === 'openCase') {
    if (state.status !== 'new') {
      return fail({ code: 'CASE_ALREADY_OPEN', message: `case ${cmd.caseId} is already open` });
    }
    const today = localDate(now, cmd.data.policy.timeZone);
    const openedOn = cmd.data.openedOn ?? today;
    const refused = dateRefusal('openCase', openedOn, today, undefined);
    if (refused) return fail(refused);
    return emit(state, cmd, now, openCase(cmd, openedOn, options.rules ?? CURRENT_RULES));
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

/** The date the command's step happened: the field its declaration names, or today. */
function happenedOn(cmd: Command, today: IsoDate): IsoDate | undefined {
  const field = commandDeclaration(cmd.type).happenedOn;
  if (!field) return undefined;
  const given = (cmd.data as Record<string, unknown>)[field];
  return typeof given === 'string' ? given : today;
}

/**
 * A step is dated when it happened: never in the future (in the organisation's time zone), never
 * before the case's previous step, so the log reads in the order things happened.
 */
function dateRefusal(
  type: CommandType,
  on: IsoDate,
  today: IsoDate,
  earliest: IsoDate | undefined,
): DomainError | undefined {
  const field = commandDeclaration(type).happenedOn;
  const path = `data.${field ?? 'date'}`;
  if (compareDates(on, today) > 0) {
    return invalid([
      { path, message: `${on} is in the future: the latest date allowed is today, ${today}` },
    ]);
  }
  if (earliest && compareDates(on, earliest) < 0) {
    return invalid([
      {
        path,
        message:
          `${on} is before the case's previous step on ${earliest}: ` +
          `the earliest date allowed is ${earliest}`,
      },
    ]);
  }
  return undefined;
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
  const dated = happenedOn(cmd, today);
  const refused =
    dated === undefined ? undefined : dateRefusal(cmd.type, dated, today, s.lastStepOn);
  if (refused) return refused;
  const on = dated ?? today;
  switch (cmd.type) {
    case 'recordAnalysis':
      return isIn(s, cmd.type) ? recordAnalysis(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'draftPlan': {
      const issues = planIssues(s.kind, cmd.data.plan);
      if (issues.length > 0) return invalid(issues);
      return [
        {
          type: 'PlanDrafted',
          data: { plan: cmd.data.plan, planVersion: s.planVersion + 1, draftedOn: on },
        },
      ];
    }
    case 'recordStatements':
      return recordStatements(cmd.data, on);
    case 'approvePlan':
      return isIn(s, cmd.type) ? approvePlan(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'recordFollowUp':
      return isIn(s, cmd.type)
        ? recordFollowUp(s, cmd.data, on, today, now)
        : wrongStage(s, cmd.type);
    case 'recordContact':
      return [
        {
          type: 'ContactRecorded',
          data: {
            contactedOn: on,
            method: cmd.data.method,
            madeBy: cmd.data.madeBy ?? [{ role: 'officer', name: s.officerId }],
            notes: cmd.data.notes,
          },
        },
      ];
    case 'setCadence':
      return isIn(s, cmd.type) ? setCadence(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'requestExpertDispatch':
      return isIn(s, cmd.type) ? requestDispatch(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'confirmDispatchProposal':
      return isIn(s, cmd.type) ? confirmProposal(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'declineDispatchProposal':
      return isIn(s, cmd.type) ? declineProposal(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'recordExpertVisit':
      return isIn(s, cmd.type) ? recordExpertVisit(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'cancelExpertDispatch':
      return isIn(s, cmd.type) ? cancelDispatch(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'completeExpertDispatch':
      return isIn(s, cmd.type) ? completeDispatch(s, cmd.data, on) : wrongStage(s, cmd.type);
    case 'revisePlan':
      return isIn(s, cmd.type) ? revisePlan(s, cmd.data, on) : wrongStage(s, cmd.type);
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
      return [
        ...endingWithCase(s, on),
        { type: 'CaseClosed', data: { ...cmd.data, closedOn: on } },
      ];
    case 'advanceClock':
      return dueNotices(s, now);
    default:
      return assertNever(cmd);
  }
}

function openCase(cmd: CommandOf<'openCase'>, openedOn: IsoDate, rules: RulesVersion): NewEvent[] {
  const { policy, firm, kind, officerId } = cmd.data;
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
        ...(rules === 1 ? {} : { rules }),
      },
    },
  ];
}

function recordAnalysis(
  s: CaseIn<'analysis'>,
  data: CommandData<'recordAnalysis'>,
  analysedOn: IsoDate,
): NewEvent[] | DomainError {
  const issues = analysisIssues(s.kind, data);
  if (issues.length > 0) return invalid(issues);
  return [
    {
      type: 'AnalysisRecorded',
      data: {
        ...data,
        ...(data.financials ? { indicators: localBenchmark(data.financials) } : {}),
        analysedOn,
        planDeadline: deadlineAfter(analysedOn, s.policy.planDeadlineDays, s.policy),
      },
    },
  ];
}

function recordStatements(
  data: CommandData<'recordStatements'>,
  receivedOn: IsoDate,
): NewEvent[] | DomainError {
  const issues = statementIssues(data.financials, 'data.financials');
  if (issues.length > 0) return invalid(issues);
  return [
    {
      type: 'StatementsRecorded',
      data: {
        financials: data.financials,
        indicators: localBenchmark(data.financials),
        receivedOn,
      },
    },
  ];
}

function approvePlan(
  s: CaseIn<'planning'>,
  data: CommandData<'approvePlan'>,
  approvedOn: IsoDate,
): NewEvent[] | DomainError {
  if (!s.plan) return { code: 'PLAN_NOT_DRAFTED', message: 'draft a plan before approving it' };
  const rules = rulesOf(s);
  const ended = planEnded(s.plan, approvedOn, rules, 'approved');
  if (ended) return ended;
  // Follow-ups count from the approval, or from the plan's start when it is approved early.
  const anchor = laterDate(s.plan.startDate, approvedOn);
  const first =
    rules === 1
      ? scheduleFrom(anchor, s, s.plan, 'regular', 'planApproved')
      : gridDue(anchor, 1, s, s.plan, 'regular', 'planApproved');
  return [
    {
      type: 'PlanApproved',
      data: { planVersion: s.planVersion, approvedOn, note: data.note },
    },
    { type: 'FollowUpScheduled', data: first },
  ];
}

/**
 * The case's own cadence (rules 2 re-anchor the grid at the change; the current due date stays
 * when the cadence is what it was).
 */
function setCadence(
  s: CaseIn<'planning' | 'followUp'>,
  data: CommandData<'setCadence'>,
  changedOn: IsoDate,
): NewEvent[] | DomainError {
  const current = s.cadenceOverride?.months ?? null;
  if (current === data.months) {
    return invalid([
      {
        path: 'data.months',
        message:
          data.months === null
            ? 'the case already follows its policy’s cadence'
            : `the case already has a cadence of ${data.months} month(s)`,
      },
    ]);
  }
  const set: NewEvent = {
    type: 'CadenceSet',
    data: { cadenceMonths: data.months, reason: data.reason, changedOn },
  };
  if (s.status !== 'followUp' || !s.schedule) return [set];
  const after = {
    ...s,
    cadenceOverride:
      data.months === null
        ? undefined
        : { months: data.months, reason: data.reason, since: changedOn },
  };
  const mode = s.schedule.mode;
  const next =
    rulesOf(s) === 1
      ? scheduleFrom(s.lastFollowUpOn ?? s.planApprovedOn, after, s.plan, mode, 'cadenceChanged')
      : gridDue(changedOn, 1, after, s.plan, mode, 'cadenceChanged');
  return [set, { type: 'FollowUpScheduled', data: next }];
}

function revisePlan(
  s: CaseIn<'followUp'>,
  data: CommandData<'revisePlan'>,
  revisedOn: IsoDate,
): NewEvent[] | DomainError {
  const kindIssues = planIssues(s.kind, data.plan);
  if (kindIssues.length > 0) return invalid(kindIssues);
  const rules = rulesOf(s);
  const ended = planEnded(data.plan, revisedOn, rules, 'revised');
  if (ended) return ended;
  const revised: NewEvent = {
    type: 'PlanRevised',
    data: { plan: data.plan, planVersion: s.planVersion + 1, reason: data.reason, revisedOn },
  };
  const mode = s.schedule?.mode ?? 'regular';
  if (rules === 1) {
    const anchor = s.lastFollowUpOn ?? laterDate(data.plan.startDate, s.planApprovedOn);
    return [
      revised,
      { type: 'FollowUpScheduled', data: scheduleFrom(anchor, s, data.plan, mode, 'planRevised') },
    ];
  }
  // The grid stays where it is: the plan's new end may only cap (or uncap) the current due date,
  // and a due date already answered (the last of the old period) gives way to the next one.
  const schedule = s.schedule;
  const anchor = schedule?.anchor ?? laterDate(data.plan.startDate, s.planApprovedOn);
  const step = (schedule?.step ?? 1) + (schedule?.answered ? 1 : 0);
  const next = gridDue(anchor, step, s, data.plan, mode, 'planRevised');
  const unchanged =
    schedule &&
    !schedule.answered &&
    next.dueDate === schedule.dueDate &&
    next.final === schedule.final;
  return unchanged ? [revised] : [revised, { type: 'FollowUpScheduled', data: next }];
}

function planEnded(
  plan: Plan,
  on: IsoDate,
  rules: RulesVersion,
  step: 'approved' | 'revised',
): DomainError | undefined {
  const end = planEndDate(plan, rules);
  if (compareDates(end, on) > 0) return undefined;
  return invalid([
    {
      path: 'data.plan.months',
      message: `the plan period ends on ${end}; a plan ${step} on ${on} must end after that date`,
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

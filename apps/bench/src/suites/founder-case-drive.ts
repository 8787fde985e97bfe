import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import {
  type Actor,
  addDays,
  atLocalHour,
  type CaseState,
  compareDates,
  instantMillis,
  type IsoDate,
  laterDate,
  localDate,
  makePolicy,
  nextBusinessDay,
  planEndDate,
  toInstant,
} from '@banso/domain';
import {
  caseOpenedUpdate,
  caseStateQuery,
  caseWorkflowId,
  type CommandInput,
  type CommandResult,
  commandUpdates,
  SUPPORT_CASE_WORKFLOW,
  type UpdateCommandType,
} from '@banso/workflows';
import type { supportCase } from '@banso/workflows/workflows';
import { bodyHash } from '../../../api/src/cases/body-hash';
import type { Progress } from '../figures';
import {
  actualsOn,
  afterVisit,
  type DatedCommand,
  drifts,
  founderAnalysis,
  founderPlan,
  MANAGER,
  OFFICER,
  PLAN_MONTHS,
  visitDate,
  visitOf,
  yearlyStatements,
} from './founder-case-script';

/** The organisation's time zone (DOMAIN.md): every date below is a date in Tokyo. */
const TZ = 'Asia/Tokyo';
/** Office work is entered late in the morning; visits in the afternoon, after the 09:00 notices. */
const OFFICE_HOUR = 11;
const VISIT_HOUR = 16;

type CaseHandle = WorkflowHandleWithFirstExecutionRunId<typeof supportCase>;

export interface FounderCaseOutcome {
  caseId: string;
  workflowId: string;
  firstRunId: string;
  openedOn: IsoDate;
  planStart: IsoDate;
  planEnd: IsoDate;
  /** Commands sent, the opening among them. */
  commands: number;
  /** Follow-up periods of the plan, and how each went. */
  periods: number;
  visits: { onTime: number; late: number; enteredLate: number; missed: number };
  driftingFollowUps: number;
  final: CaseState;
}

/**
 * Plans start on 1 April, like the chambers' own: the first one at least 75 days after the test
 * server's today (it starts at the real now), so the case is opened, analysed and planned first.
 */
export function planStartAfter(today: IsoDate): IsoDate {
  const earliest = addDays(today, 75);
  const year = Number(earliest.slice(0, 4));
  const april = `${year}-04-01`;
  return compareDates(april, earliest) >= 0 ? april : `${year + 1}-04-01`;
}

/**
 * One founder case from opening to the plan's end, as officers and managers would run it, on the
 * time-skipping server: the clock skipped to each step, each step sent as the API sends it (an
 * update with a command id and the body's hash), the case's own timers left to fire in between.
 */
export async function driveFounderCase(options: {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  organisationId: string;
  progress: Progress;
}): Promise<FounderCaseOutcome> {
  const { env, taskQueue, organisationId, progress } = options;
  const skipTo = async (date: IsoDate, hour: number) => {
    const target = instantMillis(atLocalHour(date, hour, TZ));
    const now = await env.currentTimeMs();
    if (target > now) await env.sleep(target - now);
  };

  const today = localDate(toInstant(await env.currentTimeMs()), TZ);
  const planStart = planStartAfter(today);
  const plan = founderPlan(planStart);
  const policy = makePolicy();
  const grace = policy.overdueGraceDays;

  // Opened two months before the founding; analysed, planned and approved (by a manager, not the
  // officer who drafted it) before the plan starts.
  const openedOn = nextBusinessDay(addDays(planStart, -60));
  await skipTo(openedOn, OFFICE_HOUR);
  const caseId = `founder-${randomUUID()}`;
  const workflowId = caseWorkflowId(organisationId, caseId);
  const openData = {
    organisationId,
    firm: { name: 'カフェ ベンチ', representative: '山田 花子', industry: '飲食業', employees: 1 },
    kind: 'founder' as const,
    officerId: OFFICER.id,
    policy,
  };
  const open = {
    commandId: randomUUID(),
    bodyHash: bodyHash('openCase', openData),
    actor: OFFICER,
    data: openData,
  };
  const handle: CaseHandle = await env.client.workflow.start<typeof supportCase>(
    SUPPORT_CASE_WORKFLOW,
    { taskQueue, workflowId, args: [{ organisationId, caseId, open }] },
  );
  await handle.executeUpdate(caseOpenedUpdate, { args: [{ bodyHash: open.bodyHash }] });
  let commands = 1;
  const send = <T extends UpdateCommandType>(
    type: T,
    data: CommandInput<T>['data'],
    actor: Actor,
  ): Promise<CommandResult> => {
    commands += 1;
    const input = { commandId: randomUUID(), bodyHash: bodyHash(type, data), actor, data };
    return handle.executeUpdate(commandUpdates[type] as never, { args: [input] as never });
  };

  const analysedOn = nextBusinessDay(addDays(openedOn, 14));
  await skipTo(analysedOn, OFFICE_HOUR);
  await send('recordAnalysis', { ...founderAnalysis(planStart), analysedOn }, OFFICER);
  const draftedOn = nextBusinessDay(addDays(analysedOn, 14));
  await skipTo(draftedOn, OFFICE_HOUR);
  await send('draftPlan', { plan, draftedOn }, OFFICER);
  const approvedOn = nextBusinessDay(addDays(draftedOn, 7));
  await skipTo(approvedOn, OFFICE_HOUR);
  await send('approvePlan', { approvedOn, note: '創業計画として承認' }, MANAGER);
  progress(`founder case ${caseId}: plan ${planStart} for ${PLAN_MONTHS} months approved`);

  // Steps dated between visits (dispatch decisions, expert visits, statements), oldest first.
  const pending: DatedCommand[] = yearlyStatements(planStart, plan);
  let lastDated = approvedOn;
  const sendPending = async (upTo: IsoDate) => {
    pending.sort((a, b) => compareDates(a.on, b.on));
    while (pending[0] && compareDates(pending[0].on, upTo) <= 0) {
      const step = pending.shift() as DatedCommand;
      const on = laterDate(step.on, lastDated);
      await skipTo(on, OFFICE_HOUR);
      await send(step.type, step.data(on) as never, step.actor);
      lastDated = on;
    }
  };

  const visits = { onTime: 0, late: 0, enteredLate: 0, missed: 0 };
  let driftingFollowUps = 0;
  let period = 0;
  for (;;) {
    const state = await handle.query(caseStateQuery);
    if (state.status !== 'followUp' || !state.schedule || state.schedule.answered) break;
    period += 1;
    if (period > PLAN_MONTHS + 12) throw new Error(`case ${caseId} is still open at ${period}`);
    const { dueDate, final } = state.schedule;
    const visit = visitOf(period, final);
    // The escalation goes out at 09:00 on the business day after the grace; the miss with it.
    const escalationDay = nextBusinessDay(addDays(dueDate, grace + 1));
    if (visit.kind === 'missed') {
      await skipTo(escalationDay, VISIT_HOUR);
      visits.missed += 1;
      continue;
    }
    const visitedOn = visitDate(dueDate, visit, grace);
    await sendPending(visitedOn);
    await skipTo(visit.kind === 'enteredLate' ? escalationDay : visitedOn, VISIT_HOUR);
    const drifting = drifts(period);
    const result = await send(
      'recordFollowUp',
      {
        visitedOn,
        method: period % 4 === 0 ? 'desk' : 'visit',
        actuals: actualsOn(plan, visitedOn, drifting),
        notes: drifting ? '客数が伸びず売上が計画を下回る' : '計画どおり',
      },
      OFFICER,
    );
    const recorded = result.events.find((e) => e.type === 'FollowUpRecorded');
    if (!recorded || recorded.data.drifting !== drifting) {
      throw new Error(`period ${period} (${visitedOn}): expected drifting=${drifting}`);
    }
    if (visit.kind === 'enteredLate' && !recorded.data.answersMissed) {
      throw new Error(`period ${period}: the late entry did not answer its missed due date`);
    }
    visits[visit.kind === 'around' ? 'onTime' : visit.kind] += 1;
    if (drifting) driftingFollowUps += 1;
    lastDated = laterDate(visitedOn, lastDated);
    pending.push(...afterVisit(period, visitedOn));
    if (period % 12 === 0) progress(`founder case: year ${period / 12} of ${PLAN_MONTHS / 12}`);
  }
  if (pending.length > 0) {
    throw new Error(`steps left after the last follow-up: ${pending.map((p) => p.type).join()}`);
  }
  // The last follow-up is in: the case closes itself the day after the plan's last day.
  const final = await handle.result();
  if (final.status !== 'closed' || final.closed.reason !== 'planPeriodEnded') {
    throw new Error(`case ${caseId} ended ${final.status}, not closed at the plan's end`);
  }
  return {
    caseId,
    workflowId,
    firstRunId: handle.firstExecutionRunId,
    openedOn,
    planStart,
    planEnd: planEndDate(plan),
    commands,
    periods: period,
    visits,
    driftingFollowUps,
    final,
  };
}

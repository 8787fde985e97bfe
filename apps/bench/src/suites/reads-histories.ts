import { randomUUID } from 'node:crypto';
import {
  type Actor,
  addDays,
  addMonths,
  atLocalHour,
  type CaseEvent,
  type CaseKind,
  type CaseState,
  type Command,
  type CommandData,
  type CommandType,
  compareDates,
  decide,
  expectedValue,
  fold,
  INITIAL_STATE,
  instantMillis,
  type IsoDate,
  type IsoDateTime,
  laterDate,
  nextClockStep,
  parseCommandData,
  type Plan,
  type Policy,
} from '@banso/domain';
import { bodyHash } from '../../../api/src/cases/body-hash';

// The case histories the read suite copies into the log: each one is decided by the domain's own
// `decide`, step after step, with the case's clock (reminders, escalations, missed periods, the
// plan's end) run between the steps as the workflow runs it, up to today. Ids that differ per copy
// are placeholders, replaced in each copy (reads-seed.ts).

export const CASE_ID = '@@CASE@@';
export const OFFICER_ID = '@@OFFICER@@';
export const FIRM_NAME = '@@FIRM@@';

/** How a case goes: the mix of a chamber's year, from the stalled to the self-sustaining. */
export const SCENARIOS = [
  'onTrack',
  'drifting',
  'proposalPending',
  'founder',
  'succession',
  'missedVisits',
  'stalledAnalysis',
  'stalledPlanning',
  'withdrawn',
  'dispatchInPlanning',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Shares of the cases, in the order of SCENARIOS. */
export const SCENARIO_WEIGHTS: Record<Scenario, number> = {
  onTrack: 30,
  drifting: 12,
  proposalPending: 3,
  founder: 15,
  succession: 10,
  missedVisits: 8,
  stalledAnalysis: 5,
  stalledPlanning: 5,
  withdrawn: 7,
  dispatchInPlanning: 5,
};

/** A command the ledger binds (case_commands): people's commands, not the clock's. */
export interface LedgerEntry {
  commandId: string;
  type: CommandType;
  bodyHash: string;
  firstSeq: number;
  lastSeq: number;
}

export interface CaseTemplate {
  scenario: Scenario;
  kind: CaseKind;
  events: CaseEvent[];
  ledger: LedgerEntry[];
  /** The opening's request body without the firm: its hash is made per copy. */
  openedOn: IsoDate;
}

class Stop extends Error {}

/** One case being lived through: commands at dates, the clock in between, nothing after today. */
class CaseRun {
  readonly events: CaseEvent[] = [];
  readonly ledger: LedgerEntry[] = [];
  state: CaseState = INITIAL_STATE;

  constructor(
    private readonly organisationId: string,
    private readonly policy: Policy,
    private readonly today: IsoDate,
    private readonly officer: Actor,
    readonly manager: Actor,
  ) {}

  /** Does `type` on `on` (at `hour`), or stops the story when that day is still to come. */
  send<T extends CommandType>(
    type: T,
    body: CommandData<T> | Record<string, unknown>,
    on: IsoDate,
    actor: Actor = this.officer,
    hour = 14,
  ): void {
    if (compareDates(on, this.today) > 0) throw new Stop();
    const now = atLocalHour(on, hour, this.policy.timeZone);
    this.clockUntil(now);
    if (this.state.status === 'closed') throw new Stop();
    const parsed = parseCommandData(type, body);
    if (!parsed.ok) throw new Error(`${type}: ${JSON.stringify(parsed.error)}`);
    const commandId = randomUUID();
    const cmd = { type, caseId: CASE_ID, commandId, actor, data: parsed.data } as Command;
    const firstSeq = this.state.version + 1;
    this.apply(decide(this.state, cmd, now), type);
    this.ledger.push({
      commandId,
      type,
      bodyHash: type === 'openCase' ? '' : bodyHash(type, body),
      firstSeq,
      lastSeq: this.state.version,
    });
  }

  /** The clock's steps due by `until`, each recorded when it fell due (as the workflow wakes). */
  clockUntil(until: IsoDateTime): void {
    for (;;) {
      const step = nextClockStep(this.state);
      if (!step || instantMillis(step.at) > instantMillis(until)) return;
      const version = this.state.version;
      const cmd: Command = {
        type: 'advanceClock',
        caseId: CASE_ID,
        commandId: `clock@${version}`,
        actor: { role: 'system', id: 'banso' },
        data: {},
      };
      this.apply(decide(this.state, cmd, step.at), 'advanceClock');
      if (this.state.version === version) return;
    }
  }

  private apply(decision: ReturnType<typeof decide>, type: CommandType): void {
    if (!decision.ok) throw new Error(`${type} refused: ${JSON.stringify(decision.error)}`);
    this.events.push(...decision.events);
    this.state = fold(decision.events, this.state);
  }

  followUpDue(): IsoDate | undefined {
    if (this.state.status !== 'followUp' || this.state.schedule?.answered) return undefined;
    return this.state.schedule?.dueDate;
  }

  plan(): Plan | undefined {
    return this.state.status === 'new' ? undefined : this.state.plan;
  }

  lastStepOn(): IsoDate {
    return this.state.status === 'new' ? this.today : (this.state.lastStepOn ?? this.today);
  }
}

/**
 * A case of `scenario` opened on `openedOn`, lived through to `today`. Its firm, its officer and
 * its id are placeholders; the organisation and the manager are the real ones.
 */
export function caseTemplate(options: {
  scenario: Scenario;
  openedOn: IsoDate;
  today: IsoDate;
  organisationId: string;
  policy: Policy;
  managerId: string;
}): CaseTemplate {
  const { scenario, openedOn } = options;
  const kind: CaseKind =
    scenario === 'founder' ? 'founder' : scenario === 'succession' ? 'succession' : 'standard';
  const officer: Actor = { role: 'officer', id: OFFICER_ID };
  const manager: Actor = { role: 'manager', id: options.managerId };
  const run = new CaseRun(options.organisationId, options.policy, options.today, officer, manager);
  try {
    live(run, scenario, kind, openedOn, options);
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
  }
  // Whatever the story left pending, the clock has run on to today.
  run.clockUntil(atLocalHour(options.today, 23, options.policy.timeZone));
  return { scenario, kind, events: run.events, ledger: run.ledger, openedOn };
}

function live(
  run: CaseRun,
  scenario: Scenario,
  kind: CaseKind,
  opened: IsoDate,
  o: { organisationId: string; policy: Policy },
): void {
  run.send(
    'openCase',
    {
      organisationId: o.organisationId,
      firm: { name: FIRM_NAME, industry: INDUSTRIES[opened.charCodeAt(9) % 4], employees: 6 },
      kind,
      officerId: OFFICER_ID,
      policy: o.policy,
      openedOn: opened,
    },
    opened,
  );
  if (scenario === 'stalledAnalysis') return;
  const analysed = addDays(opened, 18);
  run.send('recordAnalysis', analysisFor(kind, opened, analysed), analysed);
  if (scenario === 'withdrawn') {
    run.send(
      'closeCase',
      { reason: 'withdrawn', closedOn: addDays(analysed, 40) },
      addDays(analysed, 40),
      run.manager,
    );
    return;
  }
  if (scenario === 'dispatchInPlanning') {
    const on = addDays(analysed, 10);
    run.send(
      'requestExpertDispatch',
      { programme: 'yorozuSupportCentre', reason: '資金繰りの助言', requestedOn: on },
      on,
    );
    const contact = addDays(on, 12);
    run.send(
      'recordContact',
      { contactedOn: contact, method: 'phone', notes: '専門家派遣の日程調整' },
      contact,
    );
  }
  const drafted = addDays(analysed, 25);
  const start = `${addMonths(drafted, 1).slice(0, 8)}01`;
  run.send('draftPlan', { plan: planFor(kind, start), draftedOn: drafted }, drafted);
  if (scenario === 'stalledPlanning') return;
  const approved = addDays(drafted, 9);
  run.send('approvePlan', { approvedOn: approved }, approved, run.manager, 11);
  followUps(run, scenario, kind);
}

/** Visits a day before each due date until the plan ends (the clock closes the case), or today. */
function followUps(run: CaseRun, scenario: Scenario, kind: CaseKind): void {
  let visit = 0;
  let statementsYear = 0;
  for (;;) {
    const due = run.followUpDue();
    const plan = run.plan();
    if (!due || !plan) return;
    visit++;
    const on = laterDate(addDays(due, -1), run.lastStepOn());
    // Once a year, in June, the firm's statements for the year ended in March.
    const juneStatements = `${on.slice(0, 4)}-06-20`;
    if (
      Number(on.slice(0, 4)) > statementsYear &&
      compareDates(juneStatements, on) < 0 &&
      compareDates(juneStatements, run.lastStepOn()) > 0
    ) {
      statementsYear = Number(on.slice(0, 4));
      const year = statementsYear - 2020;
      run.send(
        'recordStatements',
        {
          financials: { current: statements(`${statementsYear}-03-31`, 1 + year * 0.04) },
          receivedOn: juneStatements,
        },
        juneStatements,
      );
      continue;
    }
    // No more visits: the clock counts each period missed, tells the managers, ends the plan.
    if (scenario === 'missedVisits' && visit > 2) return;
    const drifts =
      (scenario === 'drifting' || scenario === 'proposalPending') && visit >= 3 && visit <= 5;
    run.send('recordFollowUp', followUpData(plan, on, drifts ? 0.6 : 1.08, kind, visit), on);
    if (run.state.status !== 'followUp') return;
    const proposal = run.state.openProposal;
    if (proposal && scenario === 'drifting') {
      const confirmed = addDays(on, 6);
      run.send(
        'confirmDispatchProposal',
        { programme: 'expertDispatchScheme', confirmedOn: confirmed },
        confirmed,
        run.manager,
        10,
      );
      const expert = addDays(confirmed, 14);
      run.send(
        'recordExpertVisit',
        { expert: { name: '中小企業診断士 鈴木' }, visitedOn: expert },
        expert,
      );
      const done = addDays(expert, 21);
      run.send(
        'completeExpertDispatch',
        {
          expert: { name: '中小企業診断士 鈴木', programme: '専門家派遣制度' },
          summary: '原価管理の見直しを助言',
          completedOn: done,
        },
        done,
      );
    }
  }
}

const INDUSTRIES = ['製造業', '小売業', '飲食業', '建設業'];

function statements(fiscalYearEnd: IsoDate, scale: number) {
  return {
    fiscalYearEnd,
    sales: Math.round(120_000_000 * scale),
    operatingProfit: Math.round(6_000_000 * scale * scale),
    depreciation: 2_000_000,
    interestBearingDebt: 40_000_000,
    cashAndDeposits: 10_000_000,
    receivables: 15_000_000,
    inventory: 8_000_000,
    payables: 9_000_000,
    totalAssets: 90_000_000,
    netAssets: Math.round(27_000_000 * scale),
    employees: 8,
  };
}

function analysisFor(kind: CaseKind, opened: IsoDate, analysed: IsoDate): Record<string, unknown> {
  const findings = {
    strengths: ['地元顧客からの信頼'],
    weaknesses: ['販路が店頭に限られる'],
    opportunities: ['EC市場の拡大'],
    threats: ['大型店の出店'],
  };
  if (kind === 'founder') {
    return {
      foundingPlan: {
        foundedOn: addDays(opened, 60),
        expectedSales: 18_000_000,
        expectedOperatingProfit: 1_200_000,
        fundsNeeded: 6_000_000,
        funding: [
          { source: 'ownFunds', amount: 2_000_000 },
          { source: 'jfcLoan', amount: 4_000_000 },
        ],
      },
      findings,
      keyIssues: ['開業資金の確保', '認知度の向上'],
      analysedOn: analysed,
    };
  }
  const yearEnd = `${Number(opened.slice(0, 4)) - 1}-03-31`;
  return {
    financials: {
      current: statements(yearEnd, 1),
      previous: {
        fiscalYearEnd: addMonths(yearEnd, -12),
        sales: 110_000_000,
        operatingProfit: 4_000_000,
      },
    },
    findings,
    keyIssues: ['EC販路の開拓', '粗利率の改善'],
    analysedOn: analysed,
  };
}

function planFor(kind: CaseKind, startDate: IsoDate): Plan {
  const months = kind === 'founder' ? 12 : 36;
  const plan: Plan = {
    title: kind === 'founder' ? '創業計画' : '販路開拓による売上拡大計画',
    startDate,
    months,
    actions: ['ECサイトの開設', '既存顧客への案内'],
    kpis: [
      {
        id: 'monthly-sales',
        name: '月間売上高',
        unit: '千円',
        baseline: 10_000,
        direction: 'higher',
        targets: [{ month: months, value: 10_000 + 100 * months }],
      },
      {
        id: 'cost-ratio',
        name: '原価率',
        unit: '%',
        baseline: 70,
        direction: 'lower',
        targets: [{ month: months, value: 64 }],
      },
    ],
  };
  if (kind !== 'succession') return plan;
  return {
    ...plan,
    succession: {
      successor: { name: '後継者', relation: '長男' },
      handoverOn: addMonths(startDate, 30),
      milestones: [
        { id: 'successor-training', name: '後継者の育成（経営・技術）' },
        { id: 'share-transfer', name: '株式・事業用資産の承継' },
        { id: 'notify-banks', name: '金融機関・取引先への説明' },
      ],
    },
  };
}

/** The KPIs at `factor` of what the plan expects on the day (below 1 drifts); milestones on the way. */
function followUpData(plan: Plan, on: IsoDate, factor: number, kind: CaseKind, visit: number) {
  const actuals: Record<string, number> = {};
  for (const kpi of plan.kpis) {
    const expected = expectedValue(plan, kpi, on);
    actuals[kpi.id] =
      kpi.direction === 'higher' ? Math.round(expected * factor) : Math.round(expected / factor);
  }
  const milestone = kind === 'succession' ? MILESTONE_AT_VISIT[visit] : undefined;
  return {
    visitedOn: on,
    method: visit % 4 === 0 ? 'online' : 'visit',
    actuals,
    ...(milestone ? { milestonesDone: [milestone] } : {}),
  };
}

const MILESTONE_AT_VISIT: Record<number, string> = {
  3: 'successor-training',
  6: 'notify-banks',
  9: 'share-transfer',
};

import {
  type Actor,
  addDays,
  type CommandData,
  expectedValue,
  type IsoDate,
  nextBusinessDay,
  type Plan,
  previousBusinessDay,
} from '@banso/domain';
import type { UpdateCommandType } from '@banso/workflows';

// What happens in a five-year founder (創業) case, month by month: the plan, the figures the
// officer brings back from each visit, the months that drift and what the chamber does about
// them, the visits made late or entered late, and the founder's yearly statements. Pure data and
// date arithmetic: founder-case-drive.ts sends it to the workflow.

export const OFFICER: Actor = { role: 'officer', id: 'officer-bench-history' };
export const MANAGER: Actor = { role: 'manager', id: 'manager-bench-history' };

/** Plans run by fiscal years (4月1日～3月31日), as the chambers' own plans do. */
export const PLAN_MONTHS = 60;

/**
 * A command the officer or a manager sends about a day: `on`, or the case's latest step when that
 * came later (no step may be dated before the one before it); its data carries that date.
 */
export interface DatedCommand {
  on: IsoDate;
  type: UpdateCommandType;
  data: (on: IsoDate) => Record<string, unknown>;
  actor: Actor;
}

/**
 * How a period's follow-up goes: a visit around the due date, entered that afternoon; a visit
 * nine days late (inside the grace, after the reminder); a visit inside the grace entered only
 * after the escalation went out (the late entry answers the missed period); or no visit at all.
 */
export type VisitKind =
  | { kind: 'around'; offsetDays: number }
  | { kind: 'late' }
  | { kind: 'enteredLate' }
  | { kind: 'missed' };

/** Around the due date: a day or three either side, early enough some months to beat the reminder. */
const OFFSETS = [0, -2, 1, -1, 3, 2, -3, 0, 1, -2, 2, -1];
const EARLY = new Set([11, 47]);
const LATE = new Set([13, 30]);
const ENTERED_LATE = new Set([4, 18, 37, 52]);
const MISSED = new Set([21]);

export function visitOf(period: number, final: boolean): VisitKind {
  if (final) return { kind: 'around', offsetDays: -2 };
  if (MISSED.has(period)) return { kind: 'missed' };
  if (ENTERED_LATE.has(period)) return { kind: 'enteredLate' };
  if (LATE.has(period)) return { kind: 'late' };
  if (EARLY.has(period)) return { kind: 'around', offsetDays: -9 };
  return { kind: 'around', offsetDays: OFFSETS[period % OFFSETS.length] ?? 0 };
}

/** The visit's date for a due date: business days only, late ones inside the policy's grace. */
export function visitDate(due: IsoDate, visit: VisitKind, graceDays: number): IsoDate {
  switch (visit.kind) {
    case 'around':
      return visit.offsetDays < 0
        ? previousBusinessDay(addDays(due, visit.offsetDays))
        : nextBusinessDay(addDays(due, visit.offsetDays));
    case 'late':
    case 'enteredLate':
      return previousBusinessDay(addDays(due, Math.min(9, graceDays)));
    case 'missed':
      return due;
  }
}

/**
 * Sales fall a third behind in the first year's autumn (an expert is proposed, confirmed, visits
 * twice and reports), again in the third year (a short programme), and once in the fourth, a
 * seasonal dip the manager declines to send an expert for.
 */
const DRIFTING = new Set([7, 8, 25, 43]);

export function drifts(period: number): boolean {
  return DRIFTING.has(period);
}

/** What the chamber does after a period's visit, dated from it. */
export function afterVisit(period: number, visitedOn: IsoDate): DatedCommand[] {
  const after = (days: number) => nextBusinessDay(addDays(visitedOn, days));
  switch (period) {
    case 7:
      return [
        manager(after(2), 'confirmDispatchProposal', (confirmedOn) => ({
          programme: 'yorozuSupportCentre',
          note: '開業初年度の集客不振: よろず支援拠点に販促の専門家を依頼',
          confirmedOn,
        })),
        officer(after(7), 'recordExpertVisit', expertVisit('販促計画の見直し')),
        officer(after(21), 'recordExpertVisit', expertVisit('SNS 集客の試行')),
      ];
    case 9:
      return [officer(after(3), 'completeExpertDispatch', completed('よろず支援拠点'))];
    case 25:
      return [
        manager(after(1), 'confirmDispatchProposal', (confirmedOn) => ({
          programme: 'genkiAssistShort',
          note: '価格改定後の客数減: 元気アシストプログラム（短期）',
          confirmedOn,
        })),
        officer(after(10), 'recordExpertVisit', expertVisit('価格設定と客単価の分析')),
      ];
    case 26:
      return [officer(after(2), 'completeExpertDispatch', completed('元気アシストプログラム'))];
    case 43:
      return [
        manager(after(1), 'declineDispatchProposal', (declinedOn) => ({
          reason: '改装による一時休業の影響で、翌月には回復の見込み',
          declinedOn,
        })),
      ];
    default:
      return [];
  }
}

type DataOn = DatedCommand['data'];

function officer(on: IsoDate, type: UpdateCommandType, data: DataOn): DatedCommand {
  return { on, type, data, actor: OFFICER };
}

function manager(on: IsoDate, type: UpdateCommandType, data: DataOn): DatedCommand {
  return { on, type, data, actor: MANAGER };
}

function expertVisit(notes: string): DataOn {
  return (visitedOn): CommandData<'recordExpertVisit'> => ({
    expert: { name: '中小企業診断士 田中' },
    notes,
    visitedOn,
  });
}

function completed(programme: string): DataOn {
  return (completedOn): CommandData<'completeExpertDispatch'> => ({
    expert: { name: '中小企業診断士 田中', programme },
    summary: '集客と価格の見直しを終え、売上は計画の線に戻った',
    completedOn,
  });
}

/** The founder's plan: monthly sales and regular customers growing over five fiscal years. */
export function founderPlan(startDate: IsoDate): Plan {
  return {
    title: '駅前カフェの創業計画',
    startDate,
    months: PLAN_MONTHS,
    actions: ['店舗の開業', '常連客づくり（会員カード）', '2年目からテイクアウトの開始'],
    kpis: [
      {
        id: 'monthly-sales',
        name: '月間売上高',
        unit: '千円',
        baseline: 800,
        direction: 'higher',
        targets: [
          { month: 12, value: 1_500 },
          { month: 24, value: 2_000 },
          { month: 36, value: 2_400 },
          { month: 48, value: 2_700 },
          { month: 60, value: 3_000 },
        ],
      },
      {
        id: 'regular-customers',
        name: '常連客数',
        unit: '人',
        baseline: 20,
        direction: 'higher',
        targets: [
          { month: 12, value: 120 },
          { month: 36, value: 250 },
          { month: 60, value: 350 },
        ],
      },
    ],
  };
}

/** The figures a visit brings back: on plan, or sales a third behind in a drifting month. */
export function actualsOn(plan: Plan, on: IsoDate, drifting: boolean): Record<string, number> {
  return Object.fromEntries(
    plan.kpis.map((kpi) => {
      const expected = expectedValue(plan, kpi, on);
      const share = drifting && kpi.id === 'monthly-sales' ? 0.65 : 1.02;
      return [kpi.id, Math.round(expected * share)];
    }),
  );
}

export function founderAnalysis(foundedOn: IsoDate): CommandData<'recordAnalysis'> {
  return {
    foundingPlan: {
      foundedOn,
      expectedSales: 18_000_000,
      expectedOperatingProfit: 1_200_000,
      fundsNeeded: 6_000_000,
      funding: [
        { source: 'ownFunds', amount: 2_000_000 },
        { source: 'jfcLoan', amount: 4_000_000 },
      ],
    },
    findings: {
      strengths: ['前職での調理経験'],
      weaknesses: ['経営の経験がない'],
      opportunities: ['駅前の再開発'],
      threats: ['競合店の多さ'],
    },
    keyIssues: ['開業資金の確保', '認知度の向上'],
  };
}

/** The statements of each fiscal year the plan has finished, brought in each June. */
export function yearlyStatements(startDate: IsoDate, plan: Plan): DatedCommand[] {
  const firstYear = Number(startDate.slice(0, 4));
  const monthlySales = plan.kpis[0];
  const statement = (year: number) => {
    const age = year - firstYear;
    const monthly = monthlySales ? expectedValue(plan, monthlySales, `${year}-03-31`) : 0;
    const sales = Math.round(monthly) * 12_000;
    return {
      fiscalYearEnd: `${year}-03-31`,
      sales,
      operatingProfit: Math.round(sales * 0.06),
      depreciation: 600_000,
      interestBearingDebt: Math.max(4_000_000 - 800_000 * age, 0),
      cashAndDeposits: 1_500_000,
      receivables: 200_000,
      inventory: 300_000,
      payables: 400_000,
      totalAssets: 7_000_000,
      netAssets: 2_000_000 + 500_000 * age,
      employees: 1 + age,
    };
  };
  return Array.from({ length: plan.months / 12 - 1 }, (_, i) => {
    const year = firstYear + i + 1;
    const previous = i > 0 ? statement(year - 1) : undefined;
    return officer(nextBusinessDay(`${year}-06-10`), 'recordStatements', (receivedOn) => ({
      financials: {
        current: statement(year),
        ...(previous
          ? {
              previous: {
                fiscalYearEnd: previous.fiscalYearEnd,
                sales: previous.sales,
                operatingProfit: previous.operatingProfit,
              },
            }
          : {}),
      },
      receivedOn,
    }));
  });
}

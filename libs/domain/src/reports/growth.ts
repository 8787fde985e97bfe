import type { FinancialStatement } from '../analysis/local-benchmark';
import { addDays, compareDates } from '../calendar/dates';
import { expectation, type Kpi, type Plan, yenPerUnit } from '../plan/plan';

// The growth row (売上高または営業利益が増加した事業者数): the chambers count it differently —
// sales up 3 % on the previous year (Rumoi 001 l.529), sales or operating profit up (Kanazawa
// 000 l.665), the plan's sales target reached (Iwaki 003 l.421), up 5 % (Kawaguchi 002 l.599) —
// so a statement counts when either figure rose by the organisation's share, or reached its plan.

export type GrowthFigure = 'sales' | 'operatingProfit';

export const GROWTH_FIGURES: readonly GrowthFigure[] = ['sales', 'operatingProfit'];

/** Why a statement counts as growth. */
export interface GrowthFinding {
  figure: GrowthFigure;
  by: 'share' | 'planTarget';
}

/**
 * A hair of tolerance, so 103 on 100 is 3 % whatever the binary fractions say: the rise must be
 * at least share × |previous| × GROWTH_TOLERANCE (the report's SQL multiplies by the same double).
 */
export const GROWTH_TOLERANCE = 1 - 1e-9;

/**
 * Whether a figure rose by at least `share` of the previous one's size. A profit from a loss
 * rises by its distance from the loss (−1,000,000 to −900,000 is 10 %); any rise from zero counts.
 */
export function roseBy(previous: number, current: number, share: number): boolean {
  const rise = current - previous;
  if (rise <= 0) return false;
  return rise >= share * Math.abs(previous) * GROWTH_TOLERANCE;
}

/** The figures that rose by the share on the previous statements. */
export function grownByShare(
  current: FinancialStatement,
  previous: FinancialStatement,
  share: number,
): GrowthFigure[] {
  return GROWTH_FIGURES.filter((f) => roseBy(previous[f], current[f], share));
}

/**
 * The plan's expected value of a KPI that tracks a statements' figure, in yen, for the fiscal
 * year ending on `fiscalYearEnd`; undefined where the plan says nothing of that year.
 */
export function plannedFigure(plan: Plan, kpi: Kpi, fiscalYearEnd: string): number | undefined {
  const yen = yenPerUnit(kpi.unit);
  // A target to fall below (a cost) says nothing of growth; nor does a year the plan has not begun.
  if (!kpi.tracks || kpi.direction !== 'higher' || yen === undefined) return undefined;
  if (compareDates(fiscalYearEnd, plan.startDate) <= 0) return undefined;
  const expected =
    kpi.measure === 'flow'
      ? // A whole year's amount: the flow's fiscal-year targets, not its quarters'.
        expectation(
          plan,
          { ...kpi, periodTargets: kpi.periodTargets?.filter((t) => t.period === 'fiscalYear') },
          fiscalYearEnd,
        )
      : // A level as the year closes: the end of its last day, where the plan's month 12 falls.
        expectation(plan, kpi, addDays(fiscalYearEnd, 1));
  return expected === undefined ? undefined : expected.value * yen;
}

/** The figures that reached the target the plan set for the statements' fiscal year. */
export function reachedPlanTarget(current: FinancialStatement, plan: Plan): GrowthFigure[] {
  const reached = new Set<GrowthFigure>();
  for (const kpi of plan.kpis) {
    const planned = plannedFigure(plan, kpi, current.fiscalYearEnd);
    if (kpi.tracks && planned !== undefined && current[kpi.tracks] >= planned) {
      reached.add(kpi.tracks);
    }
  }
  return [...reached];
}

/** Every reason a statement counts as growth: empty when it does not. */
export function growthOf(
  current: FinancialStatement,
  previous: FinancialStatement | undefined,
  plan: Plan | undefined,
  share: number,
): GrowthFinding[] {
  return [
    ...(previous ? grownByShare(current, previous, share) : []).map((figure): GrowthFinding => ({
      figure,
      by: 'share',
    })),
    ...(plan ? reachedPlanTarget(current, plan) : []).map((figure): GrowthFinding => ({
      figure,
      by: 'planTarget',
    })),
  ];
}

import type { IsoDate } from '../calendar/dates';
import { expectedValue, type Plan } from './plan';

export interface KpiResult {
  kpiId: string;
  actual: number;
  expected: number;
  /**
   * How far the actual is behind the expected value, as a share of it, whichever direction is
   * better: 0.2 means 20 % behind plan, a negative number means ahead of plan.
   */
  shortfall: number;
  drifting: boolean;
}

export function kpiResults(
  plan: Plan,
  actuals: Record<string, number>,
  on: IsoDate,
  threshold: number,
): KpiResult[] {
  return plan.kpis.map((kpi) => {
    const actual = Object.hasOwn(actuals, kpi.id) ? (actuals[kpi.id] ?? Number.NaN) : Number.NaN;
    const expected = expectedValue(plan, kpi, on);
    const behind = kpi.direction === 'higher' ? expected - actual : actual - expected;
    // Scale by the expected value; a zero target falls back to the baseline, then to the unit.
    const scale = Math.abs(expected) || Math.abs(kpi.baseline) || 1;
    const shortfall = round(behind / scale);
    return {
      kpiId: kpi.id,
      actual,
      expected: round(expected),
      shortfall,
      drifting: shortfall > threshold,
    };
  });
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

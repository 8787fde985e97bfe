import type { IsoDate } from '../calendar/dates';
import type { Policy } from '../policy/policy';
import { expectation, expectedValue, type Plan } from './plan';

export interface KpiResult {
  kpiId: string;
  actual: number;
  expected: number;
  /**
   * How far the actual is behind the plan, whichever direction is better; negative is ahead.
   * Rules 1: as a share of the expected value (0.2 is 20 % behind). Rules 2: as a share of the
   * KPI's allowance (over 1 drifts).
   */
  shortfall: number;
  drifting: boolean;
}

/**
 * Rules 2: each KPI the follow-up reports, against what the plan expects of it that day. It
 * drifts when it is behind by more than its allowance: the KPI's own tolerance, or else the larger
 * of the policy's share of the change the plan expects over the current stretch and its share of
 * the expected value. `shortfall` is how far behind as a share of that allowance (over 1 drifts).
 */
export function kpiDrift(
  plan: Plan,
  actuals: Record<string, number>,
  on: IsoDate,
  policy: Pick<Policy, 'driftThreshold' | 'driftChangeShare'>,
): KpiResult[] {
  const changeShare = (policy as Partial<Policy>).driftChangeShare ?? 0.5;
  return plan.kpis
    .filter((kpi) => Object.hasOwn(actuals, kpi.id))
    .flatMap((kpi) => {
      const actual = actuals[kpi.id] ?? Number.NaN;
      const expecting = expectation(plan, kpi, on);
      // A flow whose periods have no target on this date has nothing to be measured against.
      if (!expecting) return [];
      const { value: expected, change } = expecting;
      const behind = kpi.direction === 'higher' ? expected - actual : actual - expected;
      const allowance =
        kpi.tolerance ?? Math.max(changeShare * change, policy.driftThreshold * Math.abs(expected));
      // A KPI the plan expects to hold at zero has no allowance but its tolerance: any shortfall.
      const shortfall = allowance > 0 ? round(behind / allowance) : behind > 0 ? Infinity : 0;
      return [
        {
          kpiId: kpi.id,
          actual,
          expected: round(expected),
          shortfall: Number.isFinite(shortfall) ? shortfall : round(behind),
          drifting: shortfall > 1,
        },
      ];
    });
}

/** Rules 1: every KPI, its shortfall as a share of the expected value. */
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

import { z } from 'zod';
import {
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  type IsoDate,
  lastDayOfMonths,
  monthsBetween,
} from '../calendar/dates';
import type { RulesVersion } from '../case/rules';

/** The units of money a KPI may count in, as yen: statements are in yen. */
export const YEN_UNITS: Readonly<Record<string, number>> = {
  円: 1,
  千円: 1_000,
  万円: 10_000,
  百万円: 1_000_000,
};

/** How many yen one of a KPI's units is; undefined for a unit that is not money. */
export function yenPerUnit(unit: string): number | undefined {
  return Object.hasOwn(YEN_UNITS, unit.trim()) ? YEN_UNITS[unit.trim()] : undefined;
}

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lowercase letters, digits or hyphens');

export const kpiSchema = z
  .object({
    id: slug,
    name: z.string().trim().min(1).max(200),
    /** What the number counts: 円, 千円, 件, 人, % … */
    unit: z.string().trim().min(1).max(20),
    baseline: z.number(),
    direction: z.enum(['higher', 'lower']),
    /**
     * How far behind the plan this KPI may be, in its own unit, before it drifts (rules 2); left
     * out, the policy's shares of the expected change and of the expected value decide.
     */
    tolerance: z.number().positive().optional(),
    /**
     * A level is a value at a point in time (headcount, margin): a follow-up reports it as it
     * stands. A flow is an amount over a period (sales this quarter, hires this fiscal year): a
     * follow-up reports the amount of its period so far.
     */
    measure: z.enum(['level', 'flow']).optional().describe('level when left out'),
    /**
     * A level's targets at points of the plan period, in months after its start; the last one at
     * the plan's end. Between two points the expected value runs in a straight line, so every
     * follow-up, whatever the cadence, has a target to be measured against.
     */
    targets: z
      .array(z.object({ month: z.number().int().min(1).max(120), value: z.number() }))
      .min(1)
      .max(120)
      .optional(),
    /**
     * Targets per period (a quarter, a fiscal year) from its first day: a flow's amount over the
     * period; for a level, the value at the period's end.
     */
    periodTargets: z
      .array(
        z.object({
          period: z.enum(['quarter', 'fiscalYear']),
          startsOn: z.iso.date(),
          value: z.number(),
        }),
      )
      .min(1)
      .max(60)
      .optional(),
    /**
     * The statements' figure this KPI plans, as the whole fiscal year's amount in 円, 千円, 万円 or
     * 百万円: the growth row of the fiscal-year report (売上高または営業利益が増加した事業者数) counts
     * a business whose statements reach this KPI's target (Iwaki 003 l.421).
     */
    tracks: z
      .enum(['sales', 'operatingProfit'])
      .optional()
      .describe(
        "The statements' figure this KPI plans (a fiscal year's amount in 円, 千円, 万円 or 百万円): " +
          "the growth row of the fiscal-year report compares the statements with this KPI's target",
      ),
  })
  .superRefine((kpi, ctx) => {
    if (kpi.tracks && yenPerUnit(kpi.unit) === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['unit'],
        message: `a KPI that tracks the statements' ${kpi.tracks} is counted in ${Object.keys(YEN_UNITS).join(', ')}`,
      });
    }
    if (kpi.measure === 'flow' && !kpi.periodTargets) {
      ctx.addIssue({
        code: 'custom',
        path: ['periodTargets'],
        message: 'a flow is given its targets per period (quarter or fiscal year)',
      });
    }
    if (kpi.measure === 'flow' && kpi.targets) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets'],
        message: 'a flow has targets per period, not points: use periodTargets',
      });
    }
    if (kpi.measure !== 'flow' && !kpi.targets && !kpi.periodTargets) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets'],
        message: 'a level needs targets: points in the plan period, or per period',
      });
    }
    const targets = kpi.targets ?? [];
    targets.forEach((t, i) => {
      const prev = targets[i - 1];
      if (prev && t.month <= prev.month) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', i, 'month'],
          message: 'target months must increase',
        });
      }
    });
  });
export type Kpi = z.infer<typeof kpiSchema>;

/**
 * A business succession plan's own part (事業承継計画): the successor, the planned hand-over and its
 * milestones (successor training, share and asset transfer, telling banks and customers; Rumoi
 * 001 l.502–508, Kanazawa 000 l.381–388).
 */
export const successionSchema = z.object({
  successor: z.object({
    name: z.string().trim().min(1).max(100),
    /** 長男, 従業員, 第三者 … */
    relation: z.string().trim().min(1).max(100).optional(),
  }),
  handoverOn: z.iso.date(),
  milestones: z
    .array(
      z.object({
        id: slug,
        name: z.string().trim().min(1).max(200),
        dueOn: z.iso.date().optional(),
      }),
    )
    .min(1)
    .max(20)
    .refine((m) => new Set(m.map((x) => x.id)).size === m.length, 'milestone ids must differ'),
});
export type Succession = z.infer<typeof successionSchema>;

export const planSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    startDate: z.iso.date(),
    /** The plan period in months (a multi-year plan is 36 or 60). */
    months: z.number().int().min(1).max(120),
    actions: z.array(z.string().trim().min(1).max(500)).min(1).max(50),
    /** One to five; about three is the norm (Kanazawa: "the most important and influential"). */
    kpis: z.array(kpiSchema).min(1).max(5),
    /** Required of a business succession case's plan, and only of it. */
    succession: successionSchema.optional(),
  })
  .superRefine((plan, ctx) => {
    const seen = new Set<string>();
    plan.kpis.forEach((kpi, i) => {
      if (seen.has(kpi.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['kpis', i, 'id'],
          message: `duplicate KPI id "${kpi.id}"`,
        });
      }
      seen.add(kpi.id);
      const targets = kpi.targets ?? [];
      const last = targets[targets.length - 1];
      if (last && last.month !== plan.months) {
        ctx.addIssue({
          code: 'custom',
          path: ['kpis', i, 'targets', targets.length - 1, 'month'],
          message: `the last target must be at the plan's end, month ${plan.months}`,
        });
      }
    });
  });
export type Plan = z.infer<typeof planSchema>;

/**
 * The plan period's last day, inclusive: a plan from 1 April 2026 for 60 months ends on 31 March
 * 2031, as the plans write it. (Cases under the first rules ended on the day after.)
 */
export function planEndDate(
  plan: Pick<Plan, 'startDate' | 'months'>,
  rules: RulesVersion = 2,
): IsoDate {
  return rules === 1
    ? addMonths(plan.startDate, plan.months)
    : lastDayOfMonths(plan.startDate, plan.months);
}

/** The value the plan expects of a KPI on a date, interpolated between its target points. */
export function expectedValue(plan: Plan, kpi: Kpi, on: IsoDate): number {
  return expectation(plan, kpi, on)?.value ?? Number.NaN;
}

/**
 * What the plan expects of a KPI on a date: the value, interpolated between its target points,
 * and the change it expects over the stretch the date is in (from the previous point, or the
 * baseline, to the next target).
 */
export function expectation(
  plan: Plan,
  kpi: Kpi,
  on: IsoDate,
): { value: number; change: number } | undefined {
  if (kpi.measure === 'flow') return flowExpectation(kpi, on);
  const t = Math.min(Math.max(monthsBetween(plan.startDate, on), 0), plan.months);
  const points = levelPoints(plan, kpi);
  let fromMonth = 0;
  let fromValue = kpi.baseline;
  for (const target of points) {
    const change = Math.abs(target.value - fromValue);
    if (t <= target.month) {
      const share = (t - fromMonth) / (target.month - fromMonth);
      return { value: fromValue + (target.value - fromValue) * share, change };
    }
    fromMonth = target.month;
    fromValue = target.value;
  }
  const last = points[points.length - 1];
  const before = points[points.length - 2]?.value ?? kpi.baseline;
  return { value: fromValue, change: Math.abs((last?.value ?? fromValue) - before) };
}

/** The last day of a target's period. */
function periodEnd(t: { period: 'quarter' | 'fiscalYear'; startsOn: IsoDate }): IsoDate {
  return lastDayOfMonths(t.startsOn, t.period === 'quarter' ? 3 : 12);
}

/** A level's points: its targets, and its period targets as values at the periods' ends. */
function levelPoints(plan: Plan, kpi: Kpi): { month: number; value: number }[] {
  const fromPeriods = (kpi.periodTargets ?? []).map((t) => ({
    month: monthsBetween(plan.startDate, addDays(periodEnd(t), 1)),
    value: t.value,
  }));
  return [...(kpi.targets ?? []), ...fromPeriods]
    .filter((p) => p.month > 0)
    .sort((a, b) => a.month - b.month);
}

/**
 * A flow on a date: the amount its period (the shortest with a target that the date falls in)
 * expects so far, pro rata by days; the change it expects is the period's whole amount. A date in
 * no period with a target has nothing to be measured against.
 */
function flowExpectation(kpi: Kpi, on: IsoDate): { value: number; change: number } | undefined {
  const containing = (kpi.periodTargets ?? [])
    .filter((t) => compareDates(t.startsOn, on) <= 0 && compareDates(on, periodEnd(t)) <= 0)
    .sort((a, b) => (a.period === b.period ? 0 : a.period === 'quarter' ? -1 : 1));
  const target = containing[0];
  if (!target) return undefined;
  const days = daysBetween(target.startsOn, periodEnd(target)) + 1;
  const elapsed = daysBetween(target.startsOn, on) + 1;
  return { value: (target.value * elapsed) / days, change: Math.abs(target.value) };
}

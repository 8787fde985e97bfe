import { z } from 'zod';
import { addMonths, type IsoDate, lastDayOfMonths, monthsBetween } from '../calendar/dates';
import type { RulesVersion } from '../case/rules';

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
     * Targets at points of the plan period, in months after its start; the last one at the plan's
     * end. Between two points the expected value runs in a straight line, so every follow-up
     * period, whatever the cadence, has a target to be measured against.
     */
    targets: z
      .array(z.object({ month: z.number().int().min(1).max(120), value: z.number() }))
      .min(1)
      .max(120),
  })
  .superRefine((kpi, ctx) => {
    kpi.targets.forEach((t, i) => {
      const prev = kpi.targets[i - 1];
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
      const last = kpi.targets[kpi.targets.length - 1];
      if (last && last.month !== plan.months) {
        ctx.addIssue({
          code: 'custom',
          path: ['kpis', i, 'targets', kpi.targets.length - 1, 'month'],
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
  return expectation(plan, kpi, on).value;
}

/**
 * What the plan expects of a KPI on a date: the value, interpolated between its target points,
 * and the change it expects over the stretch the date is in (from the previous point, or the
 * baseline, to the next target).
 */
export function expectation(plan: Plan, kpi: Kpi, on: IsoDate): { value: number; change: number } {
  const t = Math.min(Math.max(monthsBetween(plan.startDate, on), 0), plan.months);
  let fromMonth = 0;
  let fromValue = kpi.baseline;
  for (const target of kpi.targets) {
    const change = Math.abs(target.value - fromValue);
    if (t <= target.month) {
      const share = (t - fromMonth) / (target.month - fromMonth);
      return { value: fromValue + (target.value - fromValue) * share, change };
    }
    fromMonth = target.month;
    fromValue = target.value;
  }
  const last = kpi.targets[kpi.targets.length - 1];
  const before = kpi.targets[kpi.targets.length - 2]?.value ?? kpi.baseline;
  return { value: fromValue, change: Math.abs((last?.value ?? fromValue) - before) };
}

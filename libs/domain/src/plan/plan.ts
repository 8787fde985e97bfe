import { z } from 'zod';
import { addMonths, type IsoDate, monthsBetween } from '../calendar/dates';

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

export const planSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    startDate: z.iso.date(),
    /** The plan period in months (a multi-year plan is 36 or 60). */
    months: z.number().int().min(1).max(120),
    actions: z.array(z.string().trim().min(1).max(500)).min(1).max(50),
    /** One to five; about three is the norm (Kanazawa: "the most important and influential"). */
    kpis: z.array(kpiSchema).min(1).max(5),
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

export function planEndDate(plan: Plan): IsoDate {
  return addMonths(plan.startDate, plan.months);
}

/** The value the plan expects of a KPI on a date, interpolated between its target points. */
export function expectedValue(plan: Plan, kpi: Kpi, on: IsoDate): number {
  const t = Math.min(Math.max(monthsBetween(plan.startDate, on), 0), plan.months);
  let fromMonth = 0;
  let fromValue = kpi.baseline;
  for (const target of kpi.targets) {
    if (t <= target.month) {
      const share = (t - fromMonth) / (target.month - fromMonth);
      return fromValue + (target.value - fromValue) * share;
    }
    fromMonth = target.month;
    fromValue = target.value;
  }
  return fromValue;
}

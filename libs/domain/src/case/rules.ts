/**
 * Which rules of time a case runs by, fixed when it opens (like its policy snapshot), so a case
 * already running is never changed by a later release:
 * - 1: cases opened before dated steps: every step dated by the server's clock, the next due date
 *   counted from the last visit, plan periods ending on the day after their last month.
 * - 2: every step dated when it happened; due dates on a fixed grid from the plan's anchor; plan
 *   periods inclusive (民法143条) and closing themselves; notices only for periods still running
 *   when they were recorded, on business days; drift against the change the plan expects.
 */
export type RulesVersion = 1 | 2;

export const CURRENT_RULES: RulesVersion = 2;

/** A case's rules: a case whose opening named none runs by the first. */
export function rulesOf(s: { rules?: RulesVersion }): RulesVersion {
  return s.rules ?? 1;
}

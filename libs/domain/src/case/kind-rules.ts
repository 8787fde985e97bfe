import type { Financials } from '../analysis/local-benchmark';
import { compareDates } from '../calendar/dates';
import type { Plan } from '../plan/plan';
import type { CaseKind } from '../policy/policy';
import type { CommandData } from './commands';
import type { FieldIssue } from './errors';
import type { OpenedCase } from './state';

// What each kind of case asks of its analysis, its plan and its follow-ups: a founder (創業) has no
// past statements and gives its founding plan instead; a business succession (事業承継) plan names
// the successor, the hand-over and its milestones, and each follow-up says which are done.

/** Two years of statements must be in order: the previous year ends before the current one. */
export function statementIssues(financials: Financials, path: string): FieldIssue[] {
  const { current, previous } = financials;
  if (previous && compareDates(previous.fiscalYearEnd, current.fiscalYearEnd) >= 0) {
    return [
      {
        path: `${path}.previous.fiscalYearEnd`,
        message: `must be before the current year's end (${current.fiscalYearEnd})`,
      },
    ];
  }
  return [];
}

export function analysisIssues(kind: CaseKind, data: CommandData<'recordAnalysis'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (data.financials) issues.push(...statementIssues(data.financials, 'data.financials'));
  if (kind === 'founder') {
    if (!data.financials && !data.foundingPlan) {
      issues.push({
        path: 'data.foundingPlan',
        message:
          'a founder with no statements yet is analysed on the founding plan: expected sales and ' +
          'profit, the funds needed and how they are raised, the founding date',
      });
    }
  } else {
    if (!data.financials) {
      issues.push({
        path: 'data.financials',
        message: `a ${kind} case is analysed on the firm's last statements`,
      });
    }
    if (data.foundingPlan) {
      issues.push({
        path: 'data.foundingPlan',
        message: 'only a founder (創業) case is analysed on a founding plan',
      });
    }
  }
  const plan = data.foundingPlan;
  if (plan) {
    const raised = plan.funding.reduce((sum, f) => sum + f.amount, 0);
    if (raised !== plan.fundsNeeded) {
      issues.push({
        path: 'data.foundingPlan.funding',
        message: `the funding adds up to ${raised}, not the ${plan.fundsNeeded} the founding needs`,
      });
    }
  }
  return issues;
}

export function planIssues(kind: CaseKind, plan: Plan): FieldIssue[] {
  if (kind === 'succession' && !plan.succession) {
    return [
      {
        path: 'data.plan.succession',
        message:
          'a business succession plan names the successor, the hand-over date and its milestones',
      },
    ];
  }
  if (kind !== 'succession' && plan.succession) {
    return [
      {
        path: 'data.plan.succession',
        message: 'only a business succession (事業承継) case has a succession plan',
      },
    ];
  }
  return [];
}

/** The milestones a follow-up says are done: the plan's own, and not done before. */
export function milestoneIssues(
  s: Pick<OpenedCase, 'plan' | 'milestonesDone'>,
  done: readonly string[] | undefined,
): FieldIssue[] {
  if (!done || done.length === 0) return [];
  const milestones = s.plan?.succession?.milestones ?? [];
  const known = new Set(milestones.map((m) => m.id));
  return done.flatMap((id, i): FieldIssue[] => {
    const path = `data.milestonesDone.${i}`;
    if (!known.has(id)) {
      return [
        {
          path,
          message:
            known.size === 0
              ? 'this case’s plan has no succession milestones'
              : `not a milestone of this plan; they are: ${[...known].join(', ')}`,
        },
      ];
    }
    const on = s.milestonesDone?.[id];
    return on ? [{ path, message: `${id} was recorded done on ${on}` }] : [];
  });
}

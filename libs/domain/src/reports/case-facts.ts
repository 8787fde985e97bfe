import type { FinancialStatement } from '../analysis/local-benchmark';
import { compareDates, type IsoDate, localDate } from '../calendar/dates';
import type { EventOf, CaseEvent } from '../case/events';
import type { Plan } from '../plan/plan';
import type { CaseKind } from '../policy/policy';
import { type GrowthFinding, growthOf } from './growth';

/**
 * What one case's log says for the yearly rows, each dated when it happened (never by `at`, when
 * it was recorded): a visit entered this week for last March counts in last year.
 */
export interface CaseFacts {
  kind: CaseKind;
  analysedOn: IsoDate[];
  draftedOn: IsoDate[];
  /** The approval that put the plan into follow-up. */
  approvedOn?: IsoDate;
  closedOn?: IsoDate;
  visitedOn: IsoDate[];
  dispatchRequestedOn: IsoDate[];
  /** Each statement received, with why it counts as growth (empty: it does not). */
  statements: { receivedOn: IsoDate; growth: GrowthFinding[] }[];
}

/** Where the case's organisation keeps its dates, for steps recorded before they carried one. */
const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

/**
 * The facts of one case's events, in seq order; undefined for a log that does not begin with the
 * case's opening (no kind to count it under).
 */
export function caseFactsOf(
  events: readonly CaseEvent[],
  growthShare: number,
): CaseFacts | undefined {
  const opening = events.find((e): e is EventOf<'CaseOpened'> => e.type === 'CaseOpened');
  if (!opening) return undefined;
  const timeZone = opening.data.policy.timeZone || DEFAULT_TIME_ZONE;
  const facts: CaseFacts = {
    kind: opening.data.kind,
    analysedOn: [],
    draftedOn: [],
    visitedOn: [],
    dispatchRequestedOn: [],
    statements: [],
  };
  // Statements so far, the analysis's first: each new one is compared with the latest before it.
  const earlier: FinancialStatement[] = [];
  let plan: Plan | undefined;
  let approved = false;
  for (const event of events) {
    switch (event.type) {
      case 'AnalysisRecorded':
        facts.analysedOn.push(event.data.analysedOn);
        if (event.data.financials) earlier.push(event.data.financials.current);
        break;
      case 'PlanDrafted':
        // Drafts recorded under the first rules carry no date: they happened the day they were
        // recorded, in the organisation's time zone, as those rules dated every step.
        facts.draftedOn.push(event.data.draftedOn ?? localDate(event.at, timeZone));
        plan = event.data.plan;
        break;
      case 'PlanRevised':
        plan = event.data.plan;
        break;
      case 'PlanApproved':
        facts.approvedOn ??= event.data.approvedOn;
        approved = true;
        break;
      case 'FollowUpRecorded':
        facts.visitedOn.push(event.data.visitedOn);
        break;
      case 'ExpertDispatchRequested':
        facts.dispatchRequestedOn.push(event.data.requestedOn);
        break;
      case 'StatementsRecorded': {
        const { financials, receivedOn } = event.data;
        const previous = previousYear(earlier, financials.current) ?? financials.previous;
        // The growth row counts the businesses supported with a plan (事業計画策定事業者のうち):
        // statements received before the plan was approved are a baseline, not growth.
        const growth = approved ? growthOf(financials.current, previous, plan, growthShare) : [];
        facts.statements.push({ receivedOn, growth });
        earlier.push(financials.current);
        break;
      }
      case 'CaseClosed':
        facts.closedOn = event.data.closedOn;
        break;
      default:
        break;
    }
  }
  return facts;
}

/**
 * The latest statements of an earlier fiscal year: a correction of the same year is not compared
 * with itself. Without any, the statements' own previous year, where they give it.
 */
function previousYear(
  earlier: readonly FinancialStatement[],
  current: FinancialStatement,
): FinancialStatement | undefined {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const candidate = earlier[i]!;
    if (compareDates(candidate.fiscalYearEnd, current.fiscalYearEnd) < 0) return candidate;
  }
  return undefined;
}

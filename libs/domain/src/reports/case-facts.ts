import type { IsoDate } from '../calendar/dates';
import type { CaseEvent, EventOf } from '../case/events';
import { assertNever } from '../case/evolve';
import type { CaseKind } from '../policy/policy';
import type { GrowthFinding } from './growth';
import {
  DEFAULT_TIME_ZONE,
  nextReportContext,
  type ReportContext,
  type ReportFact,
  reportFactsOf,
  statementGrowth,
} from './report-facts';

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

/**
 * The facts of one case's events, in seq order; undefined for a log that does not begin with the
 * case's opening (no kind to count it under). The fold of reportFactsOf over the log.
 */
export function caseFactsOf(
  events: readonly CaseEvent[],
  growthShare: number,
): CaseFacts | undefined {
  const opening = events.find((e): e is EventOf<'CaseOpened'> => e.type === 'CaseOpened');
  if (!opening) return undefined;
  const facts: CaseFacts = {
    kind: opening.data.kind,
    analysedOn: [],
    draftedOn: [],
    visitedOn: [],
    dispatchRequestedOn: [],
    statements: [],
  };
  let context: ReportContext = {
    timeZone: opening.data.policy.timeZone || DEFAULT_TIME_ZONE,
    approved: false,
    earlier: [],
  };
  for (const event of events) {
    for (const fact of reportFactsOf(event, context)) addFact(facts, fact, growthShare);
    context = nextReportContext(context, event);
  }
  return facts;
}

function addFact(facts: CaseFacts, fact: ReportFact, growthShare: number): void {
  switch (fact.fact) {
    case 'analysis':
      facts.analysedOn.push(fact.on);
      break;
    case 'draft':
      facts.draftedOn.push(fact.on);
      break;
    case 'approval':
      facts.approvedOn ??= fact.on;
      break;
    case 'visit':
      facts.visitedOn.push(fact.on);
      break;
    case 'dispatch':
      facts.dispatchRequestedOn.push(fact.on);
      break;
    case 'closure':
      facts.closedOn = fact.on;
      break;
    case 'statement':
      facts.statements.push({ receivedOn: fact.on, growth: statementGrowth(fact, growthShare) });
      break;
    default:
      assertNever(fact);
  }
}

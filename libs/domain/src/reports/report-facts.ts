import { compareDates, type IsoDate, localDate } from '../calendar/dates';
import type { CaseEvent } from '../case/events';
import type { OpenedCase } from '../case/state';
import type { Plan } from '../plan/plan';
import { type GrowthFigure, type GrowthFinding, grownByShare, reachedPlanTarget } from './growth';

// What each event of a case's log says for the yearly rows, one event at a time: the dated facts
// the fiscal-year report counts. caseFactsOf folds them over a whole log; the read model of the
// report (case_report_facts) stores them as the events are appended, so a report counts rows of
// one year instead of reading every case's history.

/** The figures of one year's statements that the growth row compares. */
export interface StatementFigures {
  fiscalYearEnd: IsoDate;
  sales: number;
  operatingProfit: number;
}

/** One dated thing a case's log says that a yearly row counts. */
export type ReportFact =
  | { fact: 'analysis'; on: IsoDate; figures?: StatementFigures }
  | { fact: 'draft' | 'visit' | 'dispatch' | 'approval' | 'closure'; on: IsoDate }
  | {
      fact: 'statement';
      on: IsoDate;
      figures: StatementFigures;
      /** The statements compared with: the latest of an earlier year, or their own previous year. */
      previous?: { sales: number; operatingProfit: number };
      /** Received once the plan was approved: before, statements are a baseline, not growth. */
      afterApproval: boolean;
      /** The figures that reached the target the plan (then) set for their year. */
      planTargetsReached: GrowthFigure[];
    };

/** What a case's events so far say that its next event's facts depend on. */
export interface ReportContext {
  /** Where the case keeps its dates, for drafts recorded before they carried one. */
  timeZone: string;
  /** A plan has been approved: the first approval is the one that counts. */
  approved: boolean;
  /** The plan as drafted or last revised. */
  plan?: Plan;
  /** The statements so far, the analysis's first, in the order they were recorded. */
  earlier: StatementFigures[];
}

/** Where a case keeps its dates, for steps recorded before they carried one. */
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

/**
 * The context after the events folded into `state`: the case state keeps the plan, the approval
 * and the time zone; the statements so far are the caller's (the facts stored for the case).
 */
export function reportContextOf(
  state: OpenedCase,
  earlier: readonly StatementFigures[],
): ReportContext {
  return {
    timeZone: state.policy.timeZone || DEFAULT_TIME_ZONE,
    approved: state.planApprovedOn !== undefined,
    ...(state.plan ? { plan: state.plan } : {}),
    earlier: [...earlier],
  };
}

/** The facts one event adds, given what the events before it said. */
export function reportFactsOf(event: CaseEvent, context: ReportContext): ReportFact[] {
  switch (event.type) {
    case 'AnalysisRecorded': {
      const current = event.data.financials?.current;
      return [
        {
          fact: 'analysis',
          on: event.data.analysedOn,
          ...(current ? { figures: figuresOf(current) } : {}),
        },
      ];
    }
    case 'PlanDrafted':
      // Drafts recorded under the first rules carry no date: they happened the day they were
      // recorded, in the organisation's time zone, as those rules dated every step.
      return [{ fact: 'draft', on: event.data.draftedOn ?? localDate(event.at, context.timeZone) }];
    case 'PlanApproved':
      return context.approved ? [] : [{ fact: 'approval', on: event.data.approvedOn }];
    case 'FollowUpRecorded':
      return [{ fact: 'visit', on: event.data.visitedOn }];
    case 'ExpertDispatchRequested':
      return [{ fact: 'dispatch', on: event.data.requestedOn }];
    case 'CaseClosed':
      return [{ fact: 'closure', on: event.data.closedOn }];
    case 'StatementsRecorded': {
      const { financials, receivedOn } = event.data;
      const figures = figuresOf(financials.current);
      const previous = previousYear(context.earlier, figures) ?? financials.previous;
      return [
        {
          fact: 'statement',
          on: receivedOn,
          figures,
          ...(previous
            ? { previous: { sales: previous.sales, operatingProfit: previous.operatingProfit } }
            : {}),
          afterApproval: context.approved,
          // The growth row counts the businesses supported with a plan (事業計画策定事業者のうち).
          planTargetsReached:
            context.approved && context.plan ? reachedPlanTarget(figures, context.plan) : [],
        },
      ];
    }
    default:
      return [];
  }
}

/** The context for the event after `event`. */
export function nextReportContext(context: ReportContext, event: CaseEvent): ReportContext {
  switch (event.type) {
    case 'AnalysisRecorded': {
      const current = event.data.financials?.current;
      return current ? { ...context, earlier: [...context.earlier, figuresOf(current)] } : context;
    }
    case 'PlanDrafted':
    case 'PlanRevised':
      return { ...context, plan: event.data.plan };
    case 'PlanApproved':
      return { ...context, approved: true };
    case 'StatementsRecorded':
      return {
        ...context,
        earlier: [...context.earlier, figuresOf(event.data.financials.current)],
      };
    default:
      return context;
  }
}

/**
 * Why a statement counts as growth under a growth share: empty when it does not (received before
 * the plan's approval, or neither figure rose by the share nor reached the plan's target).
 */
export function statementGrowth(
  fact: Extract<ReportFact, { fact: 'statement' }>,
  share: number,
): GrowthFinding[] {
  if (!fact.afterApproval) return [];
  const byShare = fact.previous
    ? grownByShare(
        fact.figures,
        { fiscalYearEnd: fact.figures.fiscalYearEnd, ...fact.previous },
        share,
      )
    : [];
  return [
    ...byShare.map((figure): GrowthFinding => ({ figure, by: 'share' })),
    ...fact.planTargetsReached.map((figure): GrowthFinding => ({ figure, by: 'planTarget' })),
  ];
}

function figuresOf(s: StatementFigures): StatementFigures {
  return { fiscalYearEnd: s.fiscalYearEnd, sales: s.sales, operatingProfit: s.operatingProfit };
}

/**
 * The latest statements of an earlier fiscal year: a correction of the same year is not compared
 * with itself. Without any, the statements' own previous year, where they give it.
 */
function previousYear(
  earlier: readonly StatementFigures[],
  current: StatementFigures,
): StatementFigures | undefined {
  for (let i = earlier.length - 1; i >= 0; i--) {
    const candidate = earlier[i]!;
    if (compareDates(candidate.fiscalYearEnd, current.fiscalYearEnd) < 0) return candidate;
  }
  return undefined;
}

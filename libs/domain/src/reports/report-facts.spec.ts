import { fold } from '../case/evolve';
import type { CaseEvent } from '../case/events';
import {
  nextReportContext,
  type ReportContext,
  reportContextOf,
  reportFactsOf,
  statementGrowth,
} from './report-facts';
import {
  analysedOn,
  approvedOn,
  draftedOn,
  inFollowUp,
  openedOn,
  planFrom,
  statementsOn,
  visitedOn,
} from './report.spec-helper';

const statement = (fiscalYearEnd: string, sales: number, operatingProfit: number) => ({
  fiscalYearEnd,
  sales,
  operatingProfit,
});

/** Statements before the approval, a redraft, visits and statements after it. */
function story(): CaseEvent[] {
  const planning = draftedOn(analysedOn(openedOn('2026-04-01'), '2026-04-10'), '2026-04-20');
  const early = statementsOn(
    planning,
    '2026-05-20',
    statement('2027-03-31', 130_000_000, 7_000_000),
  );
  const redrafted = draftedOn(early, '2026-05-25', planFrom('2026-06-01', 12));
  const approved = approvedOn(redrafted, '2026-06-01');
  return statementsOn(
    visitedOn(approved, '2026-08-31'),
    '2027-05-20',
    statement('2028-03-31', 134_000_000, 7_500_000),
  );
}

describe('reportFactsOf', () => {
  it('is given by the case state at every step the same context as the fold of the events', () => {
    for (const events of [
      story(),
      inFollowUp('succession', '2026-04-06'),
      inFollowUp('founder', '2026-03-25'),
    ]) {
      let context: ReportContext | undefined;
      events.forEach((event, i) => {
        if (context) {
          const state = fold(events.slice(0, i));
          if (state.status === 'new') throw new Error('not opened');
          expect(reportContextOf(state, context.earlier)).toEqual(context);
        }
        context = nextReportContext(
          context ?? { timeZone: 'Asia/Tokyo', approved: false, earlier: [] },
          event,
        );
      });
    }
  });

  it('dates each fact; statements before the approval are a baseline, after it compared with the year before', () => {
    const events = story();
    let context: ReportContext = { timeZone: 'Asia/Tokyo', approved: false, earlier: [] };
    const facts = events.flatMap((event) => {
      const added = reportFactsOf(event, context);
      context = nextReportContext(context, event);
      return added;
    });
    expect(facts.map((f) => [f.fact, f.on])).toEqual([
      ['analysis', '2026-04-10'],
      ['draft', '2026-04-20'],
      ['statement', '2026-05-20'],
      ['draft', '2026-05-25'],
      ['approval', '2026-06-01'],
      ['visit', '2026-08-31'],
      ['statement', '2027-05-20'],
    ]);
    const [early, late] = facts.filter((f) => f.fact === 'statement');
    expect(early).toMatchObject({ afterApproval: false, previous: { sales: 120_000_000 } });
    expect(late).toMatchObject({ afterApproval: true, previous: { sales: 130_000_000 } });
    if (early?.fact !== 'statement' || late?.fact !== 'statement') throw new Error('statements');
    expect(statementGrowth(early, 0.03)).toEqual([]);
    // Sales up 3.1 %, operating profit up 7.1 %: grown at 3 %, by profit alone at 5 %.
    expect(statementGrowth(late, 0.03)).toEqual([
      { figure: 'sales', by: 'share' },
      { figure: 'operatingProfit', by: 'share' },
    ]);
    expect(statementGrowth(late, 0.05)).toEqual([{ figure: 'operatingProfit', by: 'share' }]);
  });
});

import type { CaseEvent } from '@banso/domain';
import { jst, openedCase, toFollowUp } from '@banso/testing/persistence/case-history';
import { MANAGER } from '@banso/testing/fixtures';
import { type CaseSummaryRow, projectCaseSummary } from './case-summary.projection';
import {
  type ReportFactRow,
  reportFactRows,
  statementsOf,
  withClosure,
} from './report-facts.projection';

// given(events).when(event) → the fact rows the event adds after the history.
function given(history: CaseEvent[]) {
  let row: CaseSummaryRow | null = null;
  const rows: ReportFactRow[] = [];
  for (const event of history) {
    rows.push(...reportFactRows(row?.state ?? null, event, statementsOf(rows)));
    row = projectCaseSummary(row, event);
  }
  return {
    rows,
    when: (event: CaseEvent) => reportFactRows(row?.state ?? null, event, statementsOf(rows)),
  };
}

const statements = (fiscalYearEnd: string, sales: number, operatingProfit: number) => ({
  financials: { current: { fiscalYearEnd, sales, operatingProfit } },
});

describe('reportFactRows', () => {
  it('adds nothing for the opening, a dated row for each step the report counts', () => {
    const h = toFollowUp(openedCase('case-r', { kind: 'founder' }), '2026-04-10');
    const { rows } = given(h.events);
    expect(rows.map((r) => [r.fact, r.happenedOn, r.kind])).toEqual([
      ['analysis', '2026-04-10', 'founder'],
      ['draft', '2026-04-10', 'founder'],
      ['approval', '2026-04-10', 'founder'],
    ]);
    // The analysis's statements are the first the next ones are compared with.
    expect(rows[0]).toMatchObject({ fiscalYearEnd: '2026-03-31', sales: 120_000_000 });
  });

  it('compares statements with the latest of an earlier year, received after the approval', () => {
    const h = toFollowUp(openedCase('case-s'), '2026-04-10');
    const [received] = h.run(
      'recordStatements',
      { ...statements('2027-03-31', 126_000_000, 5_000_000), receivedOn: '2027-05-20' },
      jst('2027-05-20'),
    );
    expect(given(h.events.slice(0, -1)).when(received!)).toEqual([
      {
        organisationId: 'org-kanazawa-cci',
        caseId: 'case-s',
        seq: received!.seq,
        fact: 'statement',
        kind: 'standard',
        happenedOn: '2027-05-20',
        fiscalYearEnd: '2027-03-31',
        sales: 126_000_000,
        operatingProfit: 5_000_000,
        previousSales: 120_000_000,
        previousOperatingProfit: 6_000_000,
        afterApproval: true,
        planTargetReached: false,
        closedOn: null,
      },
    ]);
  });

  it('counts the first approval only, and dates it with the closure on a bulk load', () => {
    const h = toFollowUp(openedCase('case-t'), '2026-04-10');
    h.run('closeCase', { reason: 'withdrawn', closedOn: '2026-06-01' }, jst('2026-06-01'), MANAGER);
    const { rows } = given(h.events);
    expect(rows.filter((r) => r.fact === 'approval')).toHaveLength(1);
    expect(withClosure(rows).find((r) => r.fact === 'approval')?.closedOn).toBe('2026-06-01');
    expect(rows.find((r) => r.fact === 'closure')?.happenedOn).toBe('2026-06-01');
  });
});

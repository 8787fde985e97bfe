import type { CaseEvent } from '@banso/domain';
import { openedCase, toFollowUp } from '@banso/testing/persistence/case-history';
import { type CaseSummaryRow, projectCaseSummary } from './case-summary.projection';
import { forecastDueRows } from './forecast-dues.projection';

const rowOf = (events: CaseEvent[]) =>
  events.reduce<CaseSummaryRow | null>(projectCaseSummary, null) as CaseSummaryRow;

describe('forecastDueRows', () => {
  it('has nothing for a case not yet in follow-up', () => {
    expect(forecastDueRows(rowOf(openedCase('case-u').events))).toEqual([]);
  });

  it('lists a case’s due dates in follow-up, its pending one first, to the plan’s end', () => {
    const rows = forecastDueRows(rowOf(toFollowUp(openedCase('case-v'), '2026-04-10').events));
    expect(rows[0]).toEqual({
      organisationId: 'org-kanazawa-cci',
      caseId: 'case-v',
      step: 0,
      kind: 'standard',
      dueOn: '2026-07-10',
      pending: true,
    });
    // A twelve-month plan followed quarterly: four due dates.
    expect(rows.map((r) => [r.step, r.pending])).toEqual([
      [0, true],
      [1, false],
      [2, false],
      [3, false],
    ]);
  });
});

import { type CaseEvent, fold } from '@banso/domain';
import {
  jst,
  openedCase,
  realisticHistory,
  toFollowUp,
} from '@banso/testing/persistence/case-history';
import { type CaseSummaryRow, projectCaseSummary } from './case-summary.projection';

// given(events).when(event) → the row after folding the event onto the row the history left.
function given(history: CaseEvent[]) {
  const row = history.reduce<CaseSummaryRow | null>(projectCaseSummary, null);
  return { when: (event: CaseEvent) => projectCaseSummary(row, event) };
}

function split(events: CaseEvent[], type: CaseEvent['type']): [CaseEvent[], CaseEvent] {
  const i = events.findIndex((e) => e.type === type);
  const event = events[i];
  if (!event) throw new Error(`no ${type}`);
  return [events.slice(0, i), event];
}

describe('projectCaseSummary', () => {
  it('opens a row from CaseOpened, in the analysis stage', () => {
    const [opened] = openedCase('case-a', { firmName: '金沢和菓子' }).events;
    const row = given([]).when(opened!);
    expect(row).toMatchObject({
      caseId: 'case-a',
      organisationId: 'org-kanazawa-cci',
      firmName: '金沢和菓子',
      kind: 'standard',
      stage: 'analysis',
      officerId: 'officer-sato',
      openedOn: '2026-04-01',
      openedAt: jst('2026-04-01'),
      fiscalYear: 2026,
      nextFollowUpDue: null,
      overdue: false,
      drifting: false,
      openDispatchId: null,
      followUps: 0,
      planVersion: 0,
      closedOn: null,
      version: 1,
      updatedAt: jst('2026-04-01'),
    });
  });

  it.each([
    ['the last day of March belongs to the year before', jst('2027-03-31', '23:30'), {}, 2026],
    ['April starts a fiscal year', jst('2027-04-01', '00:10'), {}, 2027],
    ['the local date decides, not UTC', '2027-03-31T15:30:00Z', {}, 2027],
    [
      'a January fiscal year follows the policy',
      jst('2027-03-31'),
      { fiscalYearStartMonth: 1 },
      2027,
    ],
  ])('sets the fiscal year: %s', (_name, openedAt, policy, fiscalYear) => {
    const [opened] = openedCase('case-fy', { openedAt, policy }).events;
    expect(given([]).when(opened!).fiscalYear).toBe(fiscalYear);
  });

  it('moves to follow-up with the first due date once the plan is approved', () => {
    const h = toFollowUp(openedCase('case-b'), '2026-04-10');
    const [before, scheduled] = split(h.events, 'FollowUpScheduled');
    const row = given(before).when(scheduled);
    expect(row).toMatchObject({ stage: 'followUp', planVersion: 1, version: scheduled.seq });
    expect(row.nextFollowUpDue).toBe(
      scheduled.type === 'FollowUpScheduled' && scheduled.data.dueDate,
    );
  });

  it('flags a drifting follow-up and the dispatch it opens, and clears the dispatch on completion', () => {
    const { events } = realisticHistory('case-c');
    const [beforeDispatch, requested] = split(events, 'ExpertDispatchRequested');
    const row = given(beforeDispatch).when(requested);
    expect(row).toMatchObject({
      drifting: true,
      followUps: 1,
      lastFollowUpOn: '2026-07-08',
      openDispatchId: 'case-c-dispatch-1',
    });
    const [beforeCompleted, completed] = split(events, 'ExpertDispatchCompleted');
    expect(given(beforeCompleted).when(completed)).toMatchObject({
      openDispatchId: null,
      drifting: true,
    });
  });

  it('keeps the id of a dispatch drift proposed until a manager decides it', () => {
    // The default policy proposes a dispatch rather than requesting one at once.
    const h = toFollowUp(openedCase('case-p'), '2026-04-10');
    h.run(
      'recordFollowUp',
      { visitedOn: '2026-07-08', method: 'visit', actuals: { 'monthly-sales': 8_000 } },
      jst('2026-07-08', '16:00'),
    );
    const [before, proposed] = split(h.events, 'ExpertDispatchProposed');
    const row = given(before).when(proposed);
    expect(row).toMatchObject({ openProposalId: expect.any(String), openDispatchId: null });
    h.run('declineDispatchProposal', { reason: '自社で対応する' }, jst('2026-07-10'), {
      role: 'manager',
      id: 'manager-suzuki',
    });
    expect(h.events.reduce(projectCaseSummary, null)?.openProposalId).toBeNull();
  });

  it('marks a case overdue when a follow-up period is missed', () => {
    const [before, missed] = split(realisticHistory('case-d').events, 'FollowUpMissed');
    expect(given(before).when(missed)).toMatchObject({
      overdue: true,
      updatedAt: jst('2026-09-01', '09:30'),
    });
  });

  it('follows a reassignment', () => {
    const [before, reassigned] = split(realisticHistory('case-e').events, 'OfficerReassigned');
    expect(given(before).when(reassigned).officerId).toBe('officer-kato');
  });

  it('closes the row: no next due date, nothing needing attention, the reason kept', () => {
    const [before, closed] = split(realisticHistory('case-f').events, 'CaseClosed');
    expect(given(before).when(closed)).toMatchObject({
      stage: 'closed',
      closedOn: '2026-09-30',
      closeReason: 'selfSustaining',
      nextFollowUpDue: null,
      overdue: false,
      drifting: false,
    });
  });

  it('keeps the folded state exactly as the domain folds it, and stays plain JSON', () => {
    const { events } = realisticHistory('case-g');
    const row = events.reduce<CaseSummaryRow | null>(projectCaseSummary, null);
    expect(row?.state).toEqual(fold(events));
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
  });

  it('folds onto a row read back as JSON exactly as onto the row in memory', () => {
    const { events } = realisticHistory('case-h');
    const last = events[events.length - 1]!;
    const row = events.slice(0, -1).reduce<CaseSummaryRow | null>(projectCaseSummary, null);
    const roundTripped = JSON.parse(JSON.stringify(row)) as CaseSummaryRow;
    expect(projectCaseSummary(roundTripped, last)).toEqual(projectCaseSummary(row, last));
  });

  it('refuses an event before CaseOpened', () => {
    const { events } = toFollowUp(openedCase('case-i'), '2026-04-10');
    expect(() => given([]).when(events[1]!)).toThrow(/before CaseOpened/);
  });

  it('refuses an event that skips a seq', () => {
    const { events } = toFollowUp(openedCase('case-j'), '2026-04-10');
    expect(() => given(events.slice(0, 1)).when(events[2]!)).toThrow(/does not follow/);
  });
});

import { DEFAULT_POLICY } from '../policy/policy';
import type { CaseEvent } from './events';
import { evolve, fold } from './evolve';
import {
  ANALYSIS,
  analysed,
  approved,
  CASE_ID,
  command,
  DISPATCH_DONE,
  drafted,
  FIRM,
  jst,
  last,
  OFFICER,
  opened,
  OPENED_AT,
  ORG_ID,
  run,
  samplePlan,
  stateOf,
  SYSTEM,
  visit,
  underRules,
} from './given.spec-helper';
import { INITIAL_STATE } from './state';

underRules(1);
const SALES_BEHIND = { sales: 11_000, 'cost-ratio': 68.5 };

describe('fold', () => {
  it('starts from a new case', () => {
    expect(fold([])).toEqual({ status: 'new', version: 0 });
    expect(fold([])).toBe(INITIAL_STATE);
  });

  it('ignores anything but the opening of a case not yet opened', () => {
    const event = last(approved());
    expect(evolve(INITIAL_STATE, event)).toBe(INITIAL_STATE);
  });

  it('opens the case in analysis, with the analysis deadline armed', () => {
    expect(fold(opened())).toEqual({
      status: 'analysis',
      caseId: CASE_ID,
      organisationId: ORG_ID,
      firm: FIRM,
      kind: 'standard',
      officerId: OFFICER.id,
      policy: DEFAULT_POLICY,
      openedAt: OPENED_AT,
      openedOn: '2026-04-01',
      version: 1,
      lastStepOn: '2026-04-01',
      analysisDeadline: '2026-05-01',
      notices: { dueDate: '2026-05-01', reminded: false, escalated: false, armedAt: OPENED_AT },
      planVersion: 0,
      followUps: 0,
      onTrackStreak: 0,
      driftingStreak: 0,
      drifting: false,
      overdue: false,
      missedFollowUps: 0,
      missedDueDates: [],
      contacts: 0,
      dispatchesRequested: 0,
      dispatchesCompleted: 0,
    });
  });

  it('moves to planning with the analysis and the plan deadline armed', () => {
    expect(stateOf(analysed())).toMatchObject({
      status: 'planning',
      version: 2,
      analysis: {
        analysedOn: '2026-04-06',
        keyIssues: ANALYSIS.keyIssues,
        indicators: { equityRatio: { value: 27 / 90 } },
      },
      planDeadline: '2026-06-05',
      notices: { dueDate: '2026-06-05', reminded: false, escalated: false },
    });
  });

  it('keeps the drafted plan and its version, still in planning', () => {
    expect(stateOf(drafted())).toMatchObject({
      status: 'planning',
      version: 3,
      plan: samplePlan(),
      planVersion: 1,
    });
  });

  it('moves to follow-up with the first follow-up armed', () => {
    expect(stateOf(approved())).toMatchObject({
      status: 'followUp',
      version: 5,
      planApprovedOn: '2026-04-10',
      schedule: {
        dueDate: '2026-07-10',
        nominalDueDate: '2026-07-10',
        cadenceMonths: 3,
        mode: 'regular',
        final: false,
      },
      notices: { dueDate: '2026-07-10', reminded: false, escalated: false },
    });
  });

  it('takes the version from the seq of the last event', () => {
    const events = approved();
    const renumbered: CaseEvent[] = events.map((e, i) => ({ ...e, seq: 10 * (i + 1) }));
    expect(fold(renumbered).version).toBe(50);
  });
});

describe('follow-up counters', () => {
  it('counts on-track and drifting follow-ups, and their streaks', () => {
    const onTrack = run(approved(), visit('2026-07-01'), visit('2026-08-01'));
    expect(stateOf(onTrack)).toMatchObject({
      followUps: 2,
      lastFollowUpOn: '2026-08-01',
      drifting: false,
      onTrackStreak: 2,
      driftingStreak: 0,
    });
    const drifting = run(onTrack, visit('2026-08-03', SALES_BEHIND));
    expect(stateOf(drifting)).toMatchObject({
      followUps: 3,
      lastFollowUpOn: '2026-08-03',
      drifting: true,
      onTrackStreak: 0,
      driftingStreak: 1,
      openDispatch: {
        dispatchId: 'case-001-dispatch-1',
        requestedOn: '2026-08-03',
        driftingKpis: ['sales'],
      },
      dispatchesRequested: 1,
      dispatchesCompleted: 0,
      schedule: { mode: 'drifting', cadenceMonths: 1 },
    });
  });

  it('closes the dispatch when the expert finishes', () => {
    const history = run(approved(), visit('2026-07-01', SALES_BEHIND), [
      command('completeExpertDispatch', DISPATCH_DONE),
      jst('2026-07-20'),
    ]);
    const state = stateOf(history);
    expect(state.openDispatch).toBeUndefined();
    expect(state).toMatchObject({ dispatchesRequested: 1, dispatchesCompleted: 1, drifting: true });
  });
});

describe('notices', () => {
  const tick = command('advanceClock', {}, SYSTEM);

  it('marks the reminder and the escalation of the current due date', () => {
    const reminded = run(approved(), [tick, '2026-07-03T09:00:00+09:00']);
    expect(stateOf(reminded).notices).toMatchObject({
      dueDate: '2026-07-10',
      reminded: true,
      escalated: false,
    });
  });

  it('re-arms both for a new due date, and a recorded follow-up clears the overdue flag', () => {
    const missed = run(approved(), [tick, '2026-07-25T09:00:00+09:00']);
    expect(stateOf(missed)).toMatchObject({
      overdue: true,
      missedFollowUps: 1,
      notices: { dueDate: '2026-10-13', reminded: false, escalated: false },
    });
    const caughtUp = run(missed, visit('2026-08-05'));
    expect(stateOf(caughtUp)).toMatchObject({ overdue: false, missedFollowUps: 1, followUps: 1 });
  });

  it('does not count a late analysis as a missed follow-up', () => {
    const late = run(opened(), [tick, '2026-05-02T09:00:00+09:00']);
    expect(stateOf(late)).toMatchObject({
      overdue: false,
      missedFollowUps: 0,
      notices: { dueDate: '2026-05-01', reminded: true, escalated: true },
    });
  });

  it('drops the notices when the case closes', () => {
    const history = run(approved(), [
      command('closeCase', { reason: 'selfSustaining' }, OFFICER),
      jst('2026-06-01'),
    ]);
    expect(stateOf(history)).toMatchObject({
      status: 'closed',
      closed: { reason: 'selfSustaining', closedOn: '2026-06-01' },
    });
    expect(stateOf(history).notices).toBeUndefined();
  });
});

describe('the state is one type per stage', () => {
  it('gives a case in follow-up its analysis, approved plan and approval date', () => {
    const state = fold(approved());
    if (state.status !== 'followUp') throw new Error(`expected follow-up, got ${state.status}`);
    // Read without `?.` or casts: the stage guarantees them.
    expect(state.plan.kpis.map((k) => k.id)).toEqual(['sales', 'cost-ratio']);
    expect(state.analysis.keyIssues).toEqual(ANALYSIS.keyIssues);
    expect(state.planApprovedOn).toBe('2026-04-10');
  });

  it('refuses to fold an event its stage cannot have: the log was not written by decide', () => {
    const [opening] = opened();
    const approval = approved().find((e) => e.type === 'PlanApproved')!;
    expect(() => fold([opening!, { ...approval, seq: 2 }])).toThrow(
      /PlanApproved \(seq 2\) cannot follow a case in analysis/,
    );
  });
});

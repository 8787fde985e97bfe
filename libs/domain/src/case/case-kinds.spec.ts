import { FOUNDER_ANALYSIS, SUCCESSION } from '../../../../test/support/fixtures';
import { DEFAULT_POLICY } from '../policy/policy';
import {
  ANALYSIS,
  analysed,
  approved,
  command,
  errorOf,
  eventsOf,
  given,
  jst,
  ON_TRACK,
  opened,
  run,
  samplePlan,
  stateOf,
} from './given.spec-helper';

const ANALYSED_ON = jst('2026-04-06');

describe('a founder (創業) case', () => {
  const founder = () => opened({ kind: 'founder' });

  it('is analysed on its founding plan, with no invented past year and no indicators yet', () => {
    const [event] = eventsOf(
      given(founder()).when(command('recordAnalysis', FOUNDER_ANALYSIS), ANALYSED_ON),
    );
    expect(event).toMatchObject({ type: 'AnalysisRecorded', data: FOUNDER_ANALYSIS });
    expect(event?.type === 'AnalysisRecorded' && event.data.indicators).toBeUndefined();
    expect(event?.type === 'AnalysisRecorded' && event.data.financials).toBeUndefined();
    const state = stateOf([...founder(), event!]);
    expect(state.analysis).toEqual({
      analysedOn: '2026-04-06',
      keyIssues: FOUNDER_ANALYSIS.keyIssues,
    });
  });

  it('raises exactly the funds its founding needs', () => {
    const short = {
      ...FOUNDER_ANALYSIS,
      foundingPlan: {
        ...FOUNDER_ANALYSIS.foundingPlan,
        funding: [{ source: 'ownFunds' as const, amount: 2_000_000 }],
      },
    };
    expect(
      errorOf(given(founder()).when(command('recordAnalysis', short), ANALYSED_ON)),
    ).toMatchObject({
      code: 'INVALID_COMMAND',
      issues: [
        {
          path: 'data.foundingPlan.funding',
          message: 'the funding adds up to 2000000, not the 6000000 the founding needs',
        },
      ],
    });
  });

  it('needs its founding plan or its first statements', () => {
    const { foundingPlan: _plan, ...bare } = FOUNDER_ANALYSIS;
    expect(
      errorOf(given(founder()).when(command('recordAnalysis', bare), ANALYSED_ON)),
    ).toMatchObject({
      issues: [{ path: 'data.foundingPlan' }],
    });
    // A founder with a first year's statements may be analysed on them.
    expect(given(founder()).when(command('recordAnalysis', ANALYSIS), ANALYSED_ON).ok).toBe(true);
  });

  it('gets its Local Benchmark indicators once its first statements exist', () => {
    const history = run(founder(), [command('recordAnalysis', FOUNDER_ANALYSIS), ANALYSED_ON]);
    const [statements] = eventsOf(
      given(history).when(
        command('recordStatements', { financials: ANALYSIS.financials, receivedOn: '2026-05-20' }),
        jst('2026-05-21'),
      ),
    );
    expect(statements).toMatchObject({
      type: 'StatementsRecorded',
      data: { receivedOn: '2026-05-20', indicators: { equityRatio: { value: 27 / 90 } } },
    });
    expect(stateOf([...history, statements!]).latestStatements).toMatchObject({
      fiscalYearEnd: '2026-03-31',
      receivedOn: '2026-05-20',
    });
  });

  it('is followed monthly by default, as the plans promise', () => {
    expect(DEFAULT_POLICY.cadenceMonths.founder).toBe(1);
    expect(DEFAULT_POLICY.relaxAfterOnTrackFollowUps).toBe(0);
  });
});

describe('the analysis of a standard case', () => {
  it('takes the firm’s statements, not a founding plan', () => {
    const error = errorOf(
      given(opened()).when(
        command('recordAnalysis', { ...FOUNDER_ANALYSIS, financials: undefined }),
        ANALYSED_ON,
      ),
    );
    expect(error).toMatchObject({
      code: 'INVALID_COMMAND',
      issues: [{ path: 'data.financials' }, { path: 'data.foundingPlan' }],
    });
  });
});

describe('a business succession (事業承継) case', () => {
  const planning = () => analysed({ kind: 'succession' });

  it('has a plan that names the successor, the hand-over and its milestones', () => {
    const bare = command('draftPlan', { plan: samplePlan() });
    expect(errorOf(given(planning()).when(bare, jst('2026-04-08')))).toMatchObject({
      code: 'INVALID_COMMAND',
      issues: [{ path: 'data.plan.succession' }],
    });
    const named = command('draftPlan', { plan: { ...samplePlan(), succession: SUCCESSION } });
    expect(given(planning()).when(named, jst('2026-04-08')).ok).toBe(true);
  });

  it('is the only kind with a succession plan', () => {
    const named = command('draftPlan', { plan: { ...samplePlan(), succession: SUCCESSION } });
    expect(errorOf(given(analysed()).when(named, jst('2026-04-08')))).toMatchObject({
      issues: [{ path: 'data.plan.succession' }],
    });
  });

  it('records at each follow-up which milestones are done', () => {
    const history = approved({ kind: 'succession' });
    const visit = (on: string, milestonesDone: string[]) =>
      command('recordFollowUp', {
        visitedOn: on,
        method: 'visit',
        actuals: ON_TRACK,
        milestonesDone,
      });
    const first = run(history, [visit('2026-07-10', ['successor-training']), jst('2026-07-10')]);
    expect(stateOf(first).milestonesDone).toEqual({ 'successor-training': '2026-07-10' });
    const second = run(first, [visit('2026-10-13', ['notify-banks']), jst('2026-10-13')]);
    expect(stateOf(second).milestonesDone).toEqual({
      'successor-training': '2026-07-10',
      'notify-banks': '2026-10-13',
    });
    expect(
      errorOf(
        given(second).when(
          visit('2027-01-12', ['notify-banks', 'sell-the-kiln']),
          jst('2027-01-12'),
        ),
      ),
    ).toMatchObject({
      code: 'INVALID_COMMAND',
      issues: [
        { path: 'data.milestonesDone.0', message: 'notify-banks was recorded done on 2026-10-13' },
        {
          path: 'data.milestonesDone.1',
          message:
            'not a milestone of this plan; they are: successor-training, share-transfer, notify-banks',
        },
      ],
    });
  });

  it('is followed quarterly by default', () => {
    expect(stateOf(approved({ kind: 'succession' })).schedule?.cadenceMonths).toBe(3);
  });
});

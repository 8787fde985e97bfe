import { makePolicy } from '../policy/policy';
import {
  after,
  approved,
  command,
  DISPATCH_DONE,
  eventsOf,
  followUp,
  given,
  jst,
  record,
  run,
  samplePlan,
  scheduled,
  stateOf,
  type StoryOptions,
  underRules,
} from './given.spec-helper';

// On 2026-07-01 the sample plan expects sales 12,300 and a cost ratio of 68.5 %.

underRules(1);
const SALES_BEHIND = { sales: 11_000, 'cost-ratio': 68.5 };

describe('relaxing after on-track follow-ups', () => {
  const relaxing: StoryOptions = {
    policy: makePolicy({ relaxAfterOnTrackFollowUps: 2 }),
    plan: samplePlan(24),
  };

  it('relaxes to the relaxed cadence after the set number of on-track follow-ups in a row', () => {
    const first = record(approved(relaxing), '2026-07-01');
    expect(first[1]).toMatchObject(scheduled('2026-10-01', '2026-10-01', 3, 'regular'));
    const second = record(after(approved(relaxing), ['2026-07-01']), '2026-10-01');
    expect(second[1]).toMatchObject(scheduled('2027-04-01', '2027-04-01', 6, 'relaxed'));
  });

  it('stays relaxed while on track, and follows closely again at the first drift', () => {
    const relaxed = after(approved(relaxing), ['2026-07-01'], ['2026-10-01']);
    expect(record(relaxed, '2027-04-01')[1]).toMatchObject(
      scheduled('2027-10-01', '2027-10-01', 6, 'relaxed'),
    );
    expect(record(relaxed, '2027-04-01', { sales: 10_000, 'cost-ratio': 64 })[2]).toMatchObject(
      scheduled('2027-05-06', '2027-05-01', 1, 'drifting'),
    );
  });

  it('does not relax after a drift breaks the streak', () => {
    const history = after(approved(relaxing), ['2026-07-01', SALES_BEHIND]);
    const done = run(history, [
      command('completeExpertDispatch', DISPATCH_DONE),
      jst('2026-07-20'),
    ]);
    expect(record(done, '2026-08-03')[1]).toMatchObject({ data: { mode: 'regular' } });
    expect(record(after(done, ['2026-08-03']), '2026-11-03')[1]).toMatchObject({
      data: { mode: 'relaxed' },
    });
  });

  it('never relaxes with relaxAfterOnTrackFollowUps 0', () => {
    const never: StoryOptions = {
      policy: makePolicy({ relaxAfterOnTrackFollowUps: 0 }),
      plan: samplePlan(24),
    };
    const history = after(
      approved(never),
      ['2026-07-01'],
      ['2026-10-01'],
      ['2027-01-04'],
      ['2027-04-05'],
    );
    expect(stateOf(history)).toMatchObject({
      onTrackStreak: 4,
      schedule: { mode: 'regular', cadenceMonths: 3 },
    });
  });
});

describe('the end of the plan period', () => {
  // Twelve months from 2026-04-01: the plan ends on Thursday 1 April 2027.
  const third = () => after(approved(), ['2026-07-01'], ['2026-10-01']);

  it('moves a due date off the year-end closure and makes the period reaching the plan end final', () => {
    expect(record(after(approved(), ['2026-07-01']), '2026-10-01')[1]).toMatchObject(
      scheduled('2027-01-04', '2027-01-01', 3, 'regular'),
    );
    expect(record(third(), '2027-01-04')[1]).toMatchObject(
      scheduled('2027-04-01', '2027-04-01', 3, 'regular', true),
    );
  });

  it('closes the case when the final follow-up is recorded', () => {
    const final = after(third(), ['2027-01-04']);
    const events = eventsOf(given(final).when(followUp('2027-03-30'), jst('2027-04-01')));
    expect(events.map((e) => [e.type, e.seq, e.data])).toEqual([
      [
        'FollowUpRecorded',
        12,
        expect.objectContaining({
          visitedOn: '2027-03-30',
          dueDate: '2027-04-01',
          drifting: false,
        }),
      ],
      ['CaseClosed', 13, { reason: 'planPeriodEnded', closedOn: '2027-04-01' }],
    ]);
    expect(stateOf([...final, ...events])).toMatchObject({
      status: 'closed',
      followUps: 4,
      notices: undefined,
    });
  });

  it('closes without an expert even when the final follow-up drifts', () => {
    const final = after(third(), ['2027-01-04']);
    const events = eventsOf(
      given(final).when(
        followUp('2027-04-01', { sales: 9_000, 'cost-ratio': 80 }),
        jst('2027-04-01', '16:00'),
      ),
    );
    expect(events.map((e) => e.type)).toEqual(['FollowUpRecorded', 'CaseClosed']);
  });
});

describe('a follow-up in the final period', () => {
  // Four months from 2026-04-01: the plan ends on Saturday 1 August, so the final follow-up after
  // a visit on 1 July is due Monday 3 August. The closing window opens reminderLeadDays before the
  // due date (not the nominal plan end).
  const shortPlan = (options: StoryOptions = {}) =>
    after(approved({ ...options, plan: samplePlan(4) }), ['2026-07-01']);
  const LEAD_14: StoryOptions = { policy: makePolicy({ reminderLeadDays: 14 }) };

  it('is in the final period after the first visit', () => {
    expect(stateOf(shortPlan()).schedule).toEqual({
      dueDate: '2026-08-03',
      nominalDueDate: '2026-08-01',
      cadenceMonths: 3,
      mode: 'regular',
      final: true,
    });
  });

  it.each<[string, StoryOptions, string]>([
    ['on the first day of the default 7-day window', {}, '2026-07-27'],
    ['on the final due date', {}, '2026-08-03'],
    ['on the first day of a 14-day window', LEAD_14, '2026-07-20'],
  ])('closes the case when recorded %s', (_label, options, visitedOn) => {
    const history = shortPlan(options);
    const events = record(history, visitedOn);
    expect(events).toMatchObject([
      { type: 'FollowUpRecorded', data: { visitedOn, dueDate: '2026-08-03' } },
      { type: 'CaseClosed', data: { reason: 'planPeriodEnded', closedOn: visitedOn } },
    ]);
    expect(events).toHaveLength(2);
    expect(stateOf([...history, ...events]).status).toBe('closed');
  });

  it.each<[string, StoryOptions, string]>([
    ['the day before the default 7-day window', {}, '2026-07-26'],
    ['the day before a 14-day window', LEAD_14, '2026-07-19'],
    ['two weeks early under the default 7-day lead', {}, '2026-07-20'],
  ])('is a normal follow-up when recorded %s', (_label, options, visitedOn) => {
    const history = shortPlan(options);
    const events = record(history, visitedOn);
    expect(events).toMatchObject([
      { type: 'FollowUpRecorded', data: { visitedOn, dueDate: '2026-08-03' } },
      scheduled('2026-08-03', '2026-08-01', 3, 'regular', true),
    ]);
    expect(events).toHaveLength(2);
    expect(stateOf([...history, ...events])).toMatchObject({
      status: 'followUp',
      followUps: 2,
      lastFollowUpOn: visitedOn,
      schedule: { dueDate: '2026-08-03', final: true },
    });
  });

  it('closes at the next visit inside the window after an early one', () => {
    const early = after(shortPlan(), ['2026-07-26']);
    expect(record(early, '2026-07-27').map((e) => e.type)).toEqual([
      'FollowUpRecorded',
      'CaseClosed',
    ]);
  });
});

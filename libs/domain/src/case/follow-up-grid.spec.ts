import { makePolicy } from '../policy/policy';
import type { CaseEvent } from './events';
import {
  approved,
  command,
  drafted,
  errorOf,
  eventsOf,
  given,
  jst,
  MANAGER,
  ON_TRACK,
  run,
  samplePlan,
  stateOf,
  SYSTEM,
  visit,
} from './given.spec-helper';
import { gridDue } from './schedule';

// Rules 2. The sample plan runs from 2026-04-01 for 12 months (to 2027-03-31); approved on
// 2026-04-10, a standard case is due on the grid 10 July, 10 October (a Saturday before Sports Day:
// Tuesday 13 October), 10 January (a Sunday before Coming of Age Day: Tuesday 12 January), and
// finally on the plan's last day, Wednesday 31 March 2027.

const tick = command('advanceClock', {}, SYSTEM);
const scheduledIn = (events: CaseEvent[]) =>
  events.flatMap((e) => (e.type === 'FollowUpScheduled' ? [e.data] : []));

describe('the follow-up grid', () => {
  it('counts the first due date from the approval', () => {
    expect(stateOf(approved()).schedule).toEqual({
      dueDate: '2026-07-10',
      nominalDueDate: '2026-07-10',
      cadenceMonths: 3,
      mode: 'regular',
      final: false,
      anchor: '2026-04-10',
      step: 1,
    });
  });

  it.each([
    ['a week early', '2026-07-03'],
    ['on the day', '2026-07-10'],
    ['a week late', '2026-07-17'],
  ])('does not move the next due date for a visit %s', (_label, visitedOn) => {
    const events = eventsOf(given(approved()).when(...visit(visitedOn)));
    expect(events[0]).toMatchObject({ type: 'FollowUpRecorded', data: { dueDate: '2026-07-10' } });
    expect(scheduledIn(events)).toEqual([
      expect.objectContaining({
        dueDate: '2026-10-13',
        nominalDueDate: '2026-10-10',
        anchor: '2026-04-10',
        step: 2,
        reason: 'followUpRecorded',
      }),
    ]);
  });

  it('ends on the plan’s last day: the final due date is 31 March, inclusive', () => {
    const history = run(approved(), visit('2026-07-10'), visit('2026-10-13'), visit('2027-01-12'));
    expect(stateOf(history).schedule).toMatchObject({
      dueDate: '2027-03-31',
      nominalDueDate: '2027-03-31',
      final: true,
      step: 4,
    });
  });

  it('re-anchors at the visit when drift changes the cadence', () => {
    const behind = { sales: 9_000, 'cost-ratio': 75 };
    const events = eventsOf(given(approved()).when(...visit('2026-07-07', behind)));
    expect(scheduledIn(events)).toEqual([
      expect.objectContaining({
        mode: 'drifting',
        cadenceMonths: 1,
        anchor: '2026-07-07',
        step: 1,
        nominalDueDate: '2026-08-07',
      }),
    ]);
  });
});

describe('gridDue', () => {
  const monthly = { kind: 'founder' as const, policy: makePolicy({ businessDaysOnly: false }) };
  const plan = { ...samplePlan(24), startDate: '2027-04-01' };
  const due = (anchor: string, step: number) =>
    gridDue(anchor, step, monthly, plan, 'regular', 'followUpRecorded').nominalDueDate;

  it('keeps a 31st on the 31st, or on the month’s last day, without wearing it down', () => {
    expect([1, 2, 3, 4, 5].map((step) => due('2027-05-31', step))).toEqual([
      '2027-06-30',
      '2027-07-31',
      '2027-08-31',
      '2027-09-30',
      '2027-10-31',
    ]);
  });

  it('finds 29 February in a leap year, and 28 February otherwise', () => {
    expect(due('2028-01-31', 1)).toBe('2028-02-29');
    expect(due('2028-01-31', 2)).toBe('2028-03-31');
    expect(due('2028-01-31', 13)).toBe('2029-02-28');
  });

  it('moves the due date, not the grid, onto a business day', () => {
    const businessDays = { ...monthly, policy: makePolicy() };
    const aug = gridDue('2026-07-10', 1, businessDays, samplePlan(), 'drifting', 'periodMissed');
    expect(aug).toMatchObject({ nominalDueDate: '2026-08-10', dueDate: '2026-08-10' });
    const sat = gridDue('2026-07-10', 3, businessDays, samplePlan(), 'drifting', 'periodMissed');
    expect(sat).toMatchObject({ nominalDueDate: '2026-10-10', dueDate: '2026-10-13' });
  });
});

describe('contacts between due dates', () => {
  it('are in the history and the counts, and leave the grid alone', () => {
    const before = stateOf(approved());
    const history = run(approved(), [
      command('recordContact', {
        contactedOn: '2026-05-20',
        method: 'phone',
        notes: '資金繰りの相談',
      }),
      jst('2026-05-20'),
    ]);
    const contact = history[history.length - 1];
    expect(contact).toMatchObject({
      type: 'ContactRecorded',
      data: {
        contactedOn: '2026-05-20',
        method: 'phone',
        madeBy: [{ role: 'officer', name: 'officer-sato' }],
      },
    });
    const after = stateOf(history);
    expect(after.contacts).toBe(1);
    expect(after.schedule).toEqual(before.schedule);
    expect(after.followUps).toBe(0);
  });
});

describe('what counts as a follow-up', () => {
  const iwaki = makePolicy({ followUpMethods: ['visit', 'desk'] });

  it('is a method the policy names; anything else is to be recorded as a contact', () => {
    const history = approved({ policy: iwaki });
    const phoned = command('recordFollowUp', {
      visitedOn: '2026-07-08',
      method: 'phone',
      actuals: ON_TRACK,
    });
    expect(errorOf(given(history).when(phoned, jst('2026-07-08')))).toMatchObject({
      code: 'INVALID_COMMAND',
      issues: [
        {
          path: 'data.method',
          message:
            "phone does not count as a follow-up under this organisation's policy " +
            '(it counts: visit, desk); record it as a contact instead',
        },
      ],
    });
    const desk = command('recordFollowUp', { visitedOn: '2026-07-08', method: 'desk' });
    expect(given(history).when(desk, jst('2026-07-08')).ok).toBe(true);
  });

  it('may report some KPIs only, and records who made it', () => {
    const partial = command('recordFollowUp', {
      visitedOn: '2026-07-08',
      method: 'visit',
      actuals: { sales: 12_400 },
      madeBy: [
        { role: 'assistant', name: '補助員 高橋' },
        { role: 'expert', name: '中小企業診断士 田中' },
      ],
    });
    const [recorded] = eventsOf(given(approved()).when(partial, jst('2026-07-08')));
    expect(recorded).toMatchObject({
      type: 'FollowUpRecorded',
      data: {
        results: [expect.objectContaining({ kpiId: 'sales', drifting: false })],
        madeBy: [
          { role: 'assistant', name: '補助員 高橋' },
          { role: 'expert', name: '中小企業診断士 田中' },
        ],
      },
    });
  });

  it('without KPIs says nothing of drift: the streaks stay', () => {
    const behind = { sales: 9_000, 'cost-ratio': 75 };
    const drifting = run(approved(), visit('2026-07-07', behind));
    const quiet = run(drifting, [
      command('recordFollowUp', { visitedOn: '2026-08-07', method: 'visit' }),
      jst('2026-08-07'),
    ]);
    expect(stateOf(quiet)).toMatchObject({ drifting: true, driftingStreak: 1, followUps: 2 });
  });
});

describe('a cadence of the case’s own', () => {
  it('is an event with its reason, and re-anchors the grid at the change', () => {
    const events = eventsOf(
      given(approved()).when(
        command('setCadence', {
          months: 6,
          reason: '自走化が進んでいるため半年に1回とする',
          changedOn: '2026-05-01',
        }),
        jst('2026-05-01'),
      ),
    );
    expect(events.map((e) => e.type)).toEqual(['CadenceSet', 'FollowUpScheduled']);
    expect(events[1]).toMatchObject({
      data: { anchor: '2026-05-01', nominalDueDate: '2026-11-01', cadenceMonths: 6 },
    });
    const state = stateOf([...approved(), ...events]);
    expect(state.cadenceOverride).toEqual({
      months: 6,
      reason: '自走化が進んでいるため半年に1回とする',
      since: '2026-05-01',
    });
  });

  it('set while planning applies from the approval', () => {
    const history = run(
      drafted(),
      [command('setCadence', { months: 2, reason: '臨機応変' }, MANAGER), jst('2026-04-09')],
      [command('approvePlan', {}, MANAGER), jst('2026-04-10')],
    );
    expect(stateOf(history).schedule).toMatchObject({ cadenceMonths: 2, dueDate: '2026-06-10' });
  });

  it('refuses to set the cadence the case already has', () => {
    const error = errorOf(
      given(approved()).when(
        command('setCadence', { months: null, reason: '戻す' }),
        jst('2026-05-01'),
      ),
    );
    expect(error).toMatchObject({ code: 'INVALID_COMMAND', issues: [{ path: 'data.months' }] });
  });
});

describe('the clock on the grid', () => {
  it('reminds on the business day before a weekend reminder date, at the notify hour', () => {
    // Due Tuesday 13 October: seven days before is Tuesday 6 October.
    const history = run(approved(), visit('2026-07-10'));
    const events = eventsOf(given(history).when(tick, '2026-10-06T09:00:00+09:00'));
    expect(events.map((e) => e.type)).toEqual(['ReminderSent']);
  });

  it('escalates a missed period on the next business day after the grace, and keeps the grid', () => {
    // Due Friday 10 July; the grace ends Friday 24 July; Saturday 25 moves to Monday 27 July.
    expect(
      eventsOf(given(approved()).when(tick, '2026-07-25T09:00:00+09:00')).map((e) => e.type),
    ).toEqual(['ReminderSent']);
    const events = eventsOf(given(approved()).when(tick, '2026-07-27T09:00:00+09:00'));
    expect(events.map((e) => e.type)).toEqual([
      'ReminderSent',
      'EscalationRaised',
      'FollowUpMissed',
      'FollowUpScheduled',
    ]);
    expect(events[2]).toMatchObject({ data: { dueDate: '2026-07-10', escalated: true } });
    expect(events[3]).toMatchObject({
      data: { dueDate: '2026-10-13', reason: 'periodMissed', anchor: '2026-04-10', step: 2 },
    });
    expect(stateOf([...approved(), ...events])).toMatchObject({
      overdue: true,
      missedFollowUps: 1,
      missedDueDates: ['2026-07-10'],
    });
  });
});

describe('a follow-up without a date', () => {
  it('happened today in the organisation’s time zone', () => {
    const undated = command('recordFollowUp', { method: 'visit', actuals: ON_TRACK });
    // 16:00 UTC on 1 July is already 2 July in Tokyo.
    const [recorded] = eventsOf(given(approved()).when(undated, '2026-07-01T16:00:00Z'));
    expect(recorded).toMatchObject({
      data: { visitedOn: '2026-07-02' },
      at: '2026-07-01T16:00:00Z',
    });
  });
});

import { makePolicy } from '../policy/policy';
import type { CaseEvent } from './events';
import { fold } from './evolve';
import {
  analysed,
  approved,
  CASE_ID,
  closed,
  command,
  drafted,
  eventsOf,
  given,
  MANAGER,
  OFFICER,
  opened,
  ORG_ID,
  run,
  samplePlan,
  stateOf,
  SYSTEM,
  underRules,
} from './given.spec-helper';
import { nextClockStep, nextWakeUpMillis } from './notices';
import { INITIAL_STATE } from './state';

underRules(1);
const tick = command('advanceClock', {}, SYSTEM);
const advance = (history: CaseEvent[], now: string) => eventsOf(given(history).when(tick, now));
const officer = { role: 'officer', id: OFFICER.id };
const managers = { role: 'manager', organisationId: ORG_ID };

describe('follow-up reminders and escalations', () => {
  // Approved 2026-04-10, the first follow-up is due Friday 10 July: remind on 3 July, escalate
  // after the 14-day grace on 25 July, each at 09:00 in Tokyo.
  it('sends nothing before the reminder time', () => {
    expect(advance(approved(), '2026-07-03T08:59:59+09:00')).toEqual([]);
  });

  it('reminds the officer seven days before the due date at 09:00 JST', () => {
    const now = '2026-07-03T09:00:00+09:00';
    expect(advance(approved(), now)).toEqual([
      {
        type: 'ReminderSent',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 6,
        at: now,
        actor: SYSTEM,
        commandId: 'test:advanceClock',
        data: { subject: 'followUp', dueDate: '2026-07-10', recipient: officer },
      },
    ]);
  });

  it('reminds only once', () => {
    const reminded = run(approved(), [tick, '2026-07-03T09:00:00+09:00']);
    expect(advance(reminded, '2026-07-20T09:00:00+09:00')).toEqual([]);
  });

  it('escalates to the managers the day after the grace, and starts the next period from the missed due date', () => {
    const reminded = run(approved(), [tick, '2026-07-03T09:00:00+09:00']);
    expect(advance(reminded, '2026-07-25T08:59:59+09:00')).toEqual([]);
    const events = advance(reminded, '2026-07-25T09:00:00+09:00');
    expect(events.map((e) => [e.type, e.seq, e.data])).toEqual([
      ['EscalationRaised', 7, { subject: 'followUp', dueDate: '2026-07-10', recipient: managers }],
      [
        'FollowUpScheduled',
        8,
        // 10 October 2026 is a Saturday and 12 October is スポーツの日.
        {
          dueDate: '2026-10-13',
          nominalDueDate: '2026-10-10',
          cadenceMonths: 3,
          mode: 'regular',
          final: false,
          reason: 'periodMissed',
        },
      ],
    ]);
    expect(stateOf([...reminded, ...events])).toMatchObject({ overdue: true, missedFollowUps: 1 });
  });

  it('escalates a missed final period without scheduling another', () => {
    // A two-month plan: the final follow-up is due Monday 1 June 2026.
    const history = run(approved({ plan: samplePlan(2) }), [tick, '2026-05-25T09:00:00+09:00']);
    const events = advance(history, '2026-06-16T09:00:00+09:00');
    expect(events.map((e) => e.type)).toEqual(['EscalationRaised']);
    expect(advance([...history, ...events], '2026-12-31T09:00:00+09:00')).toEqual([]);
  });

  it('reminds the officer the case was reassigned to', () => {
    const history = run(approved(), [
      command('reassignOfficer', { officerId: 'officer-suzuki' }, MANAGER),
      '2026-05-01T10:00:00+09:00',
    ]);
    expect(advance(history, '2026-07-03T09:00:00+09:00')[0]?.data).toMatchObject({
      recipient: { role: 'officer', id: 'officer-suzuki' },
    });
  });

  it('follows the lead days, grace and hour of the policy', () => {
    const policy = makePolicy({ reminderLeadDays: 0, overdueGraceDays: 0, notifyHour: 8 });
    const history = approved({ policy });
    expect(advance(history, '2026-07-10T07:59:59+09:00')).toEqual([]);
    const reminded = run(history, [tick, '2026-07-10T08:00:00+09:00']);
    expect(reminded.slice(-1).map((e) => e.type)).toEqual(['ReminderSent']);
    expect(advance(reminded, '2026-07-11T07:59:59+09:00')).toEqual([]);
    expect(advance(reminded, '2026-07-11T08:00:00+09:00').map((e) => e.type)).toEqual([
      'EscalationRaised',
      'FollowUpScheduled',
    ]);
  });
});

describe('a worker that slept for months', () => {
  it('catches up with every notice in order in one advanceClock', () => {
    const now = '2026-11-01T00:00:00+09:00';
    const events = advance(approved(), now);
    expect(events.map((e) => [e.seq, e.type, e.data])).toEqual([
      [6, 'ReminderSent', { subject: 'followUp', dueDate: '2026-07-10', recipient: officer }],
      [7, 'EscalationRaised', { subject: 'followUp', dueDate: '2026-07-10', recipient: managers }],
      [
        8,
        'FollowUpScheduled',
        {
          dueDate: '2026-10-13',
          nominalDueDate: '2026-10-10',
          cadenceMonths: 3,
          mode: 'regular',
          final: false,
          reason: 'periodMissed',
        },
      ],
      [9, 'ReminderSent', { subject: 'followUp', dueDate: '2026-10-13', recipient: officer }],
      [10, 'EscalationRaised', { subject: 'followUp', dueDate: '2026-10-13', recipient: managers }],
      // 10 January 2027 is a Sunday and 11 January is 成人の日.
      [
        11,
        'FollowUpScheduled',
        {
          dueDate: '2027-01-12',
          nominalDueDate: '2027-01-10',
          cadenceMonths: 3,
          mode: 'regular',
          final: false,
          reason: 'periodMissed',
        },
      ],
    ]);
    expect(
      events.every(
        (e) =>
          e.at === now && e.actor === SYSTEM && e.caseId === CASE_ID && e.organisationId === ORG_ID,
      ),
    ).toBe(true);
    const state = stateOf([...approved(), ...events]);
    expect(state).toMatchObject({ version: 11, missedFollowUps: 2, overdue: true });
    // Next: the reminder for 12 January, on 5 January at 09:00 JST.
    expect(nextWakeUpMillis(state)).toBe(Date.UTC(2027, 0, 5, 0, 0, 0));
  });
});

describe('analysis and plan deadlines', () => {
  // Opened 2026-04-01: the analysis is due Friday 1 May.
  it('reminds the officer of the analysis deadline', () => {
    expect(advance(opened(), '2026-04-24T08:59:59+09:00')).toEqual([]);
    expect(advance(opened(), '2026-04-24T09:00:00+09:00')).toMatchObject([
      {
        type: 'ReminderSent',
        seq: 2,
        data: { subject: 'analysis', dueDate: '2026-05-01', recipient: officer },
      },
    ]);
  });

  it('escalates a late analysis the day after the deadline, with no grace', () => {
    const reminded = run(opened(), [tick, '2026-04-24T09:00:00+09:00']);
    expect(advance(reminded, '2026-05-02T08:59:59+09:00')).toEqual([]);
    const events = advance(reminded, '2026-05-02T09:00:00+09:00');
    expect(events).toMatchObject([
      {
        type: 'EscalationRaised',
        seq: 3,
        data: { subject: 'analysis', dueDate: '2026-05-01', recipient: managers },
      },
    ]);
    expect(stateOf([...reminded, ...events])).toMatchObject({ overdue: false, missedFollowUps: 0 });
    expect(advance([...reminded, ...events], '2026-12-01T09:00:00+09:00')).toEqual([]);
  });

  it('turns to the plan deadline once the analysis is recorded', () => {
    // Analysed 2026-04-06: the plan is due Friday 5 June; remind 29 May, escalate 6 June.
    expect(advance(analysed(), '2026-07-01T09:00:00+09:00')).toMatchObject([
      {
        type: 'ReminderSent',
        seq: 3,
        data: { subject: 'plan', dueDate: '2026-06-05', recipient: officer },
      },
      {
        type: 'EscalationRaised',
        seq: 4,
        data: { subject: 'plan', dueDate: '2026-06-05', recipient: managers },
      },
    ]);
    expect(advance(drafted(), '2026-06-06T08:59:59+09:00').map((e) => e.type)).toEqual([
      'ReminderSent',
    ]);
  });
});

describe('nextClockStep and nextWakeUpMillis', () => {
  it('owe nothing before the case opens or after it closes', () => {
    expect(nextClockStep(INITIAL_STATE)).toBeUndefined();
    expect(nextWakeUpMillis(INITIAL_STATE)).toBeUndefined();
    expect(nextClockStep(fold(closed()))).toBeUndefined();
    expect(nextWakeUpMillis(fold(closed()))).toBeUndefined();
  });

  it('give the analysis reminder of a new case', () => {
    const state = fold(opened());
    expect(nextClockStep(state)).toEqual({
      at: '2026-04-24T00:00:00.000Z',
      events: [
        {
          type: 'ReminderSent',
          data: { subject: 'analysis', dueDate: '2026-05-01', recipient: officer },
        },
      ],
    });
    expect(nextWakeUpMillis(state)).toBe(Date.UTC(2026, 3, 24, 0, 0, 0));
  });

  it('give the follow-up reminder, then the escalation', () => {
    expect(nextWakeUpMillis(fold(approved()))).toBe(Date.UTC(2026, 6, 3, 0, 0, 0));
    const reminded = fold(run(approved(), [tick, '2026-07-03T09:00:00+09:00']));
    expect(nextClockStep(reminded)).toEqual({
      at: '2026-07-25T00:00:00.000Z',
      events: [
        {
          type: 'EscalationRaised',
          data: { subject: 'followUp', dueDate: '2026-07-10', recipient: managers },
        },
        expect.objectContaining({ type: 'FollowUpScheduled' }),
      ],
    });
    expect(nextWakeUpMillis(reminded)).toBe(Date.UTC(2026, 6, 25, 0, 0, 0));
  });
});

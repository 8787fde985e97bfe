import type { IsoDate, IsoDateTime } from '../calendar/dates';
import { makePolicy } from '../policy/policy';
import type { Command } from './commands';
import type { CaseEvent } from './events';
import { dueNotices } from './follow-up-decisions';
import {
  ANALYSIS,
  approved,
  command,
  errorOf,
  eventsOf,
  followUp,
  given,
  jst,
  MANAGER,
  ON_TRACK,
  openCaseData,
  run,
  samplePlan,
  stateOf,
  SYSTEM,
  visit,
} from './given.spec-helper';
import { notificationsOf } from './notifications';
import type { OpenedCase } from './state';

// Rules 2: every step is dated when it happened; `at` is when it was recorded.

const tick = command('advanceClock', {}, SYSTEM);
const types = (events: readonly { type: string }[]) => events.map((e) => e.type);

describe('the date a step happened', () => {
  it('is kept beside the instant it was recorded, and the deadlines count from it', () => {
    const [opening] = eventsOf(
      given([]).when(
        command('openCase', { ...openCaseData(), openedOn: '2026-03-02' }),
        jst('2026-04-01'),
      ),
    );
    expect(opening).toMatchObject({
      at: jst('2026-04-01'),
      data: { openedOn: '2026-03-02', analysisDeadline: '2026-04-01', rules: 2 },
    });
  });

  it.each<[string, Command, string]>([
    ['openCase', command('openCase', { ...openCaseData(), openedOn: '2026-07-02' }), 'openedOn'],
    ['recordFollowUp', followUp('2026-07-02'), 'visitedOn'],
    [
      'closeCase',
      command('closeCase', { reason: 'withdrawn', closedOn: '2026-07-02' }),
      'closedOn',
    ],
  ])('is never in the future: %s', (type, cmd, field) => {
    const history = type === 'openCase' ? [] : approved();
    expect(errorOf(given(history).when(cmd, jst('2026-07-01')))).toEqual({
      code: 'INVALID_COMMAND',
      message: `data.${field}: 2026-07-02 is in the future: the latest date allowed is today, 2026-07-01`,
      issues: [
        {
          path: `data.${field}`,
          message: '2026-07-02 is in the future: the latest date allowed is today, 2026-07-01',
        },
      ],
    });
  });

  it('is never before the case’s previous step, and says the earliest date allowed', () => {
    const history = run(
      [],
      [command('openCase', { ...openCaseData(), openedOn: '2026-03-02' }), jst('2026-04-01')],
    );
    const early = command('recordAnalysis', { ...ANALYSIS, analysedOn: '2026-03-01' });
    expect(errorOf(given(history).when(early, jst('2026-04-01')))).toMatchObject({
      code: 'INVALID_COMMAND',
      issues: [
        {
          path: 'data.analysedOn',
          message:
            "2026-03-01 is before the case's previous step on 2026-03-02: " +
            'the earliest date allowed is 2026-03-02',
        },
      ],
    });
    const sameDay = command('recordAnalysis', { ...ANALYSIS, analysedOn: '2026-03-02' });
    expect(given(history).when(sameDay, jst('2026-04-01')).ok).toBe(true);
  });

  it('counts the analysis, the approval and the close on their own dates', () => {
    const history = entered('2026-11-25');
    const state = stateOf(history);
    expect(state).toMatchObject({
      openedOn: '2024-04-01',
      analysis: { analysedOn: '2024-04-15' },
      planApprovedOn: '2024-05-10',
      lastStepOn: '2026-11-10',
    });
  });
});

// ---- A case entered with its past reaches where it would be had it run live --------------------

const POLICY = makePolicy();
const PLAN = { ...samplePlan(60), startDate: '2024-04-01' };
/** Five years from 1 April 2024: the sales target rises 100 a month; the cost ratio falls. */
const onTrackOn = (on: IsoDate) => ({ ...ON_TRACK, sales: 20_000 + Number(on.slice(0, 4)) });

const STEPS: [IsoDate, (on: IsoDate) => Command][] = [
  [
    '2024-04-01',
    (on) => command('openCase', { ...openCaseData('standard', POLICY), openedOn: on }),
  ],
  ['2024-04-15', (on) => command('recordAnalysis', { ...ANALYSIS, analysedOn: on })],
  ['2024-04-30', (on) => command('draftPlan', { plan: PLAN, draftedOn: on })],
  ['2024-05-10', (on) => command('approvePlan', { approvedOn: on }, MANAGER)],
  ...[
    '2024-08-09',
    '2024-11-12',
    '2025-02-10',
    '2025-05-12',
    '2025-08-08',
    '2025-11-10',
    '2026-02-10',
    '2026-05-11',
    '2026-08-10',
    '2026-11-10',
  ].map((d): [IsoDate, (on: IsoDate) => Command] => [
    d,
    (on) => command('recordFollowUp', { visitedOn: on, method: 'visit', actuals: onTrackOn(on) }),
  ]),
];

/** Every step entered on one day, each with the date it happened. */
function entered(today: IsoDate): CaseEvent[] {
  return run([], ...STEPS.map(([on, cmd]): [Command, IsoDateTime] => [cmd(on), jst(today)]));
}

/** Every step taken on the day it happened, the clock running in between. */
function live(until: IsoDate): CaseEvent[] {
  let history: CaseEvent[] = [];
  for (const [on, cmd] of STEPS) {
    if (history.length > 0) history = run(history, [tick, jst(on, '08:00')]);
    history = run(history, [cmd(on), jst(on, '16:00')]);
  }
  return run(history, [tick, jst(until, '08:00')]);
}

const essentials = (s: OpenedCase) => ({
  status: s.status,
  schedule: s.schedule,
  followUps: s.followUps,
  missedFollowUps: s.missedFollowUps,
  contacts: s.contacts,
  overdue: s.overdue,
  drifting: s.drifting,
  lastStepOn: s.lastStepOn,
  lastFollowUpOn: s.lastFollowUpOn,
  dueDate: s.notices?.dueDate,
});

describe('a case entered with two and a half years of its past', () => {
  const today = '2026-11-25';

  it('reaches the same due date, cadence mode and counts as the case run live', () => {
    const past = entered(today);
    const ran = live(today);
    expect(essentials(stateOf(past))).toEqual(essentials(stateOf(ran)));
    expect(stateOf(past).schedule).toMatchObject({ dueDate: '2027-02-10', mode: 'regular' });
  });

  it('owes no burst of old notices: the clock has nothing for periods that were over', () => {
    const past = entered(today);
    expect(dueNotices(stateOf(past), jst(today, '23:59'))).toEqual([]);
    expect(dueNotices(stateOf(past), jst('2026-12-31'))).toEqual([]);
    // The next reminder is the live one, seven days before the next due date.
    expect(types(dueNotices(stateOf(past), jst('2027-02-03', '09:00')))).toEqual(['ReminderSent']);
  });

  it('counts a gap in the history as missed, quietly, at the next notification hour', () => {
    // The history stops at the approval in 2024: every period since was over before it was known.
    const approval = run(
      [],
      ...STEPS.slice(0, 4).map(([on, cmd]): [Command, IsoDateTime] => [
        cmd(on),
        jst(today, '14:00'),
      ]),
    );
    expect(dueNotices(stateOf(approval), jst(today, '23:00'))).toEqual([]);
    const next = dueNotices(stateOf(approval), jst('2026-11-26', '09:00'));
    expect(next.some((e) => e.type === 'EscalationRaised' || e.type === 'ReminderSent')).toBe(
      false,
    );
    const missed = next.filter((e) => e.type === 'FollowUpMissed');
    expect(missed).toHaveLength(10);
    expect(missed.every((e) => e.type === 'FollowUpMissed' && !e.data.escalated)).toBe(true);
    // Entering the visits afterwards takes the misses back, one by one.
    const caughtUp = run(
      [...approval, ...stamped(approval, next)],
      ...STEPS.slice(4).map(([on, cmd]): [Command, IsoDateTime] => [cmd(on), jst('2026-11-26')]),
    );
    expect(essentials(stateOf(caughtUp))).toEqual(essentials(stateOf(live(today))));
  });

  it('keeps an analysis past its deadline flagged without telling anyone of a past deadline', () => {
    const opening = run(
      [],
      [command('openCase', { ...openCaseData(), openedOn: '2026-01-05' }), jst('2026-04-01')],
    );
    expect(dueNotices(stateOf(opening), jst('2027-04-01'))).toEqual([]);
    expect(stateOf(opening)).toMatchObject({ status: 'analysis', analysisDeadline: '2026-02-04' });
  });
});

describe('a visit made on time but entered after its escalation', () => {
  // Due Friday 10 July 2026, escalated Monday 27 July; the visit was on 20 July.
  const escalated = () => run(approved(), [tick, '2026-07-27T09:00:00+09:00']);

  it('answers the escalated period: the missed count goes back down, the grid stays', () => {
    const events = eventsOf(given(escalated()).when(followUp('2026-07-20'), jst('2026-07-28')));
    expect(types(events)).toEqual(['FollowUpRecorded']);
    expect(events[0]).toMatchObject({
      data: { visitedOn: '2026-07-20', dueDate: '2026-07-10', answersMissed: true },
    });
    const state = stateOf([...escalated(), ...events]);
    expect(state).toMatchObject({
      missedFollowUps: 0,
      missedDueDates: [],
      overdue: false,
      followUps: 1,
      schedule: { dueDate: '2026-10-13' },
    });
  });

  it('tells the managers the escalation is answered', () => {
    const [recorded] = eventsOf(given(escalated()).when(followUp('2026-07-20'), jst('2026-07-28')));
    expect(notificationsOf(recorded!)).toEqual([
      expect.objectContaining({
        kind: 'escalationAnswered',
        recipient: { role: 'manager', organisationId: 'org-kanazawa-cci' },
        dueDate: '2026-07-10',
      }),
    ]);
  });

  it('a visit after the grace answers the next period, and the miss stands', () => {
    const events = eventsOf(given(escalated()).when(followUp('2026-07-28'), jst('2026-07-28')));
    expect(events[0]).toMatchObject({ data: { dueDate: '2026-10-13' } });
    expect(stateOf([...escalated(), ...events])).toMatchObject({
      missedFollowUps: 1,
      missedDueDates: [],
      schedule: { dueDate: '2027-01-12' },
    });
  });
});

describe('the plan period’s end', () => {
  // The sample plan ends on Wednesday 31 March 2027, its last follow-up due that day.
  const toFinal = () =>
    run(approved(), visit('2026-07-10'), visit('2026-10-13'), visit('2027-01-12'));

  it('closes the case itself the day after, once the last follow-up is done', () => {
    const done = run(toFinal(), visit('2027-03-25'));
    expect(stateOf(done).status).toBe('followUp');
    expect(dueNotices(stateOf(done), jst('2027-03-31', '23:00'))).toEqual([]);
    const closing = dueNotices(stateOf(done), '2027-04-01T09:00:00+09:00');
    expect(closing).toEqual([
      { type: 'CaseClosed', data: { reason: 'planPeriodEnded', closedOn: '2027-03-31' } },
    ]);
  });

  it('escalates a missed last follow-up first, then closes, and the managers are told', () => {
    const reminded = run(toFinal(), [tick, jst('2027-03-24', '09:00')]);
    // Due 31 March, grace to 14 April: the escalation goes out Thursday 15 April.
    expect(dueNotices(stateOf(reminded), jst('2027-04-14', '23:00'))).toEqual([]);
    const end = run(reminded, [tick, '2027-04-15T09:00:00+09:00']);
    const closing = end.slice(reminded.length);
    expect(types(closing)).toEqual(['EscalationRaised', 'FollowUpMissed', 'CaseClosed']);
    expect(stateOf(end)).toMatchObject({
      status: 'closed',
      closed: { reason: 'planPeriodEnded', closedOn: '2027-03-31' },
      missedFollowUps: 1,
    });
    expect(notificationsOf(closing[2]!)).toEqual([
      expect.objectContaining({
        kind: 'caseClosed',
        recipient: expect.objectContaining({ role: 'manager' }),
      }),
    ]);
  });
});

describe('a plan revision', () => {
  it('after a miss leaves the next due date where it is and re-sends no reminder', () => {
    const missed = run(approved(), [tick, '2026-07-27T09:00:00+09:00']);
    const reminded = run(missed, [tick, jst('2026-10-06', '09:00')]);
    expect(stateOf(reminded).notices).toMatchObject({ dueDate: '2026-10-13', reminded: true });
    const revision = command('revisePlan', {
      plan: { ...samplePlan(24) },
      reason: '計画期間を延長',
      revisedOn: '2026-10-07',
    });
    const events = eventsOf(given(reminded).when(revision, jst('2026-10-07')));
    expect(types(events)).toEqual(['PlanRevised']);
    expect(stateOf([...reminded, ...events]).notices).toMatchObject({
      dueDate: '2026-10-13',
      reminded: true,
    });
  });
});

/** Clock events as the log would number them after `history`. */
function stamped(history: CaseEvent[], events: ReturnType<typeof dueNotices>): CaseEvent[] {
  const base = history[history.length - 1]!;
  return events.map((e, i) => ({
    ...e,
    caseId: base.caseId,
    organisationId: base.organisationId,
    seq: base.seq + i + 1,
    at: jst('2026-11-26', '09:00'),
    actor: SYSTEM,
    commandId: 'clock',
  }));
}

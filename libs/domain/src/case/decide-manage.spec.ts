import { CLOSE_REASONS } from './commands';
import {
  approved,
  CASE_ID,
  command,
  eventsOf,
  followUp,
  given,
  jst,
  MANAGER,
  OFFICER,
  opened,
  ORG_ID,
  run,
  samplePlan,
  stateOf,
  underRules,
} from './given.spec-helper';

underRules(1);
describe('revisePlan', () => {
  const reason = '原材料高騰を受けて目標を修正';

  it('revises the plan and reschedules from the last follow-up', () => {
    const history = run(approved(), [followUp('2026-07-01'), jst('2026-07-01', '16:00')]);
    const plan = samplePlan(24);
    const events = eventsOf(
      given(history).when(command('revisePlan', { plan, reason }), jst('2026-07-05')),
    );
    expect(events.map((e) => [e.type, e.seq, e.data])).toEqual([
      ['PlanRevised', 8, { plan, planVersion: 2, reason, revisedOn: '2026-07-05' }],
      [
        'FollowUpScheduled',
        9,
        {
          dueDate: '2026-10-01',
          nominalDueDate: '2026-10-01',
          cadenceMonths: 3,
          mode: 'regular',
          final: false,
          reason: 'planRevised',
        },
      ],
    ]);
    expect(stateOf([...history, ...events])).toMatchObject({ plan, planVersion: 2 });
  });

  it('reschedules from the approval before any follow-up', () => {
    const events = eventsOf(
      given(approved()).when(
        command('revisePlan', { plan: samplePlan(24), reason }),
        jst('2026-05-20'),
      ),
    );
    expect(events[1]?.data).toMatchObject({ dueDate: '2026-07-10', reason: 'planRevised' });
  });

  it.each([
    // 2026-08-01 is a Saturday.
    ['a start after the approval but before today', '2026-05-01', '2026-08-03', '2026-08-01'],
    ['a start in the future', '2026-06-01', '2026-09-01', '2026-09-01'],
  ])(
    'reschedules from the revised plan start before any follow-up, given %s',
    (_label, startDate, dueDate, nominalDueDate) => {
      const plan = { ...samplePlan(), startDate };
      const events = eventsOf(
        given(approved()).when(command('revisePlan', { plan, reason }), jst('2026-05-20')),
      );
      expect(events[1]?.data).toEqual({
        dueDate,
        nominalDueDate,
        cadenceMonths: 3,
        mode: 'regular',
        final: false,
        reason: 'planRevised',
      });
    },
  );

  it('makes the next follow-up final when the revised plan ends sooner', () => {
    // Four months from 2026-04-01: ends Saturday 1 August, due Monday 3 August.
    const history = run(approved(), [followUp('2026-07-01'), jst('2026-07-01', '16:00')]);
    const events = eventsOf(
      given(history).when(
        command('revisePlan', { plan: samplePlan(4), reason }),
        jst('2026-07-05'),
      ),
    );
    expect(events[1]?.data).toEqual({
      dueDate: '2026-08-03',
      nominalDueDate: '2026-08-01',
      cadenceMonths: 3,
      mode: 'regular',
      final: true,
      reason: 'planRevised',
    });
  });
});

describe('closeCase', () => {
  it.each(CLOSE_REASONS)('closes with reason %s', (reason) => {
    const now = jst('2026-06-15');
    const events = eventsOf(
      given(approved()).when(
        command('closeCase', { reason, note: '理事会報告済み' }, MANAGER),
        now,
      ),
    );
    expect(events).toEqual([
      {
        type: 'CaseClosed',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 6,
        at: now,
        actor: MANAGER,
        commandId: 'test:closeCase',
        data: { reason, closedOn: '2026-06-15', note: '理事会報告済み' },
      },
    ]);
    expect(stateOf([...approved(), ...events])).toMatchObject({
      status: 'closed',
      closed: { reason, closedOn: '2026-06-15' },
      notices: undefined,
    });
  });

  it('closes a case still in analysis', () => {
    const events = eventsOf(
      given(opened()).when(
        command('closeCase', { reason: 'businessClosed' }, MANAGER),
        jst('2026-04-02'),
      ),
    );
    expect(events).toMatchObject([
      { type: 'CaseClosed', seq: 2, data: { reason: 'businessClosed', closedOn: '2026-04-02' } },
    ]);
  });
});

describe('reassignOfficer', () => {
  it('hands the case to another officer', () => {
    const now = jst('2026-05-01');
    const data = { officerId: 'officer-suzuki', reason: '担当替え' };
    const events = eventsOf(given(approved()).when(command('reassignOfficer', data, MANAGER), now));
    expect(events).toEqual([
      {
        type: 'OfficerReassigned',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 6,
        at: now,
        actor: MANAGER,
        commandId: 'test:reassignOfficer',
        data: { fromOfficerId: OFFICER.id, toOfficerId: 'officer-suzuki', reason: '担当替え' },
      },
    ]);
    expect(stateOf([...approved(), ...events]).officerId).toBe('officer-suzuki');
  });
});

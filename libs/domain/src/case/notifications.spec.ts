import type { CaseEvent } from './events';
import {
  approved,
  CASE_ID,
  command,
  followUp,
  jst,
  MANAGER,
  OFFICER,
  ORG_ID,
  run,
  SYSTEM,
  underRules,
} from './given.spec-helper';
import { notificationsOf } from './notifications';

underRules(1);
const tick = command('advanceClock', {}, SYSTEM);
const managers = { role: 'manager', organisationId: ORG_ID };
const eventOf = (events: CaseEvent[], type: CaseEvent['type']): CaseEvent => {
  const event = events.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} event`);
  return event;
};

describe('notificationsOf', () => {
  const missedAt = '2026-07-25T09:00:00+09:00';
  const history = run(approved(), [tick, missedAt]);

  it('tells the officer of a reminder', () => {
    expect(notificationsOf(eventOf(history, 'ReminderSent'))).toEqual([
      {
        id: 'org-kanazawa-cci/case-001:6:officer-sato',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 6,
        kind: 'reminder',
        recipient: { role: 'officer', id: OFFICER.id },
        subject: 'followUp',
        dueDate: '2026-07-10',
        message: 'フォローアップの期限が近づいています（期限: 2026-07-10）',
        at: missedAt,
      },
    ]);
  });

  it('tells the managers of an escalation', () => {
    expect(notificationsOf(eventOf(history, 'EscalationRaised'))).toEqual([
      {
        id: 'org-kanazawa-cci/case-001:7:managers@org-kanazawa-cci',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 7,
        kind: 'escalation',
        recipient: managers,
        subject: 'followUp',
        dueDate: '2026-07-10',
        message: 'フォローアップが期限（2026-07-10）を過ぎています。対応を確認してください',
        at: missedAt,
      },
    ]);
  });

  it('names the subject of an analysis or plan notice in Japanese', () => {
    const analysisReminder = run(approved().slice(0, 1), [tick, '2026-04-24T09:00:00+09:00']).slice(
      -1,
    );
    expect(notificationsOf(analysisReminder[0]!)[0]?.message).toBe(
      '経営状況の分析の期限が近づいています（期限: 2026-05-01）',
    );
    const planEscalation = run(approved().slice(0, 2), [tick, '2026-06-06T09:00:00+09:00']).slice(
      -1,
    );
    expect(notificationsOf(planEscalation[0]!)[0]).toMatchObject({
      kind: 'escalation',
      subject: 'plan',
      message: '事業計画の策定が期限（2026-06-05）を過ぎています。対応を確認してください',
    });
  });

  it('tells the managers an expert is needed, naming the drifting KPIs', () => {
    const now = jst('2026-07-01', '16:00');
    const drifting = run(approved(), [
      followUp('2026-07-01', { sales: 11_000, 'cost-ratio': 76 }),
      now,
    ]);
    expect(notificationsOf(eventOf(drifting, 'ExpertDispatchRequested'))).toEqual([
      {
        id: 'org-kanazawa-cci/case-001:7:managers@org-kanazawa-cci',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 7,
        kind: 'dispatchRequested',
        recipient: managers,
        subject: 'dispatch',
        message: '計画と実績の乖離により専門家派遣が必要です（対象KPI: sales, cost-ratio）',
        at: now,
      },
    ]);
  });

  it('tells the new officer of a reassignment', () => {
    const now = jst('2026-05-01');
    const reassigned = run(approved(), [
      command('reassignOfficer', { officerId: 'officer-suzuki' }, MANAGER),
      now,
    ]);
    expect(notificationsOf(eventOf(reassigned, 'OfficerReassigned'))).toEqual([
      {
        id: 'org-kanazawa-cci/case-001:6:officer-suzuki',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 6,
        kind: 'assigned',
        recipient: { role: 'officer', id: 'officer-suzuki' },
        subject: 'case',
        message: '支援案件の担当になりました',
        at: now,
      },
    ]);
  });

  it('gives the same ids every time, and different ids for different events', () => {
    const ids = history.flatMap((e) => notificationsOf(e).map((n) => n.id));
    expect(ids).toEqual([
      'org-kanazawa-cci/case-001:6:officer-sato',
      'org-kanazawa-cci/case-001:7:managers@org-kanazawa-cci',
    ]);
    expect(history.flatMap((e) => notificationsOf(e).map((n) => n.id))).toEqual(ids);
  });

  it('tells no one of the other events', () => {
    const quiet = history.filter((e) => !['ReminderSent', 'EscalationRaised'].includes(e.type));
    expect(quiet.map((e) => e.type)).toEqual([
      'CaseOpened',
      'AnalysisRecorded',
      'PlanDrafted',
      'PlanApproved',
      'FollowUpScheduled',
      'FollowUpScheduled',
    ]);
    expect(quiet.flatMap(notificationsOf)).toEqual([]);
  });
});

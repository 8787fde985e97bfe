import type { CaseEvent, EventType } from '@banso/domain';
import { jst, realisticHistory } from '@banso/testing/persistence/case-history';
import { notificationRows } from './notification.projection';

const history = realisticHistory('case-n').events;

function first(type: EventType): CaseEvent {
  const event = history.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type}`);
  return event;
}

describe('notificationRows', () => {
  it('given a reminder, when projected, then the officer gets one row with its due date', () => {
    const event = first('ReminderSent');
    expect(notificationRows(event)).toEqual([
      {
        id: `org-kanazawa-cci/case-n:${event.seq}:officer-sato`,
        caseId: 'case-n',
        organisationId: 'org-kanazawa-cci',
        seq: event.seq,
        kind: 'reminder',
        recipientRole: 'officer',
        recipientId: 'officer-sato',
        subject: 'followUp',
        dueDate: expect.stringMatching(/^2026-08-\d\d$/),
        message: expect.stringContaining('フォローアップの期限が近づいています'),
        createdAt: jst('2026-09-01', '09:30'),
      },
    ]);
  });

  it('given an escalation, when projected, then the managers get one row with no recipient id', () => {
    const event = first('EscalationRaised');
    expect(notificationRows(event)).toEqual([
      expect.objectContaining({
        id: `org-kanazawa-cci/case-n:${event.seq}:managers@org-kanazawa-cci`,
        kind: 'escalation',
        recipientRole: 'manager',
        recipientId: null,
        subject: 'followUp',
      }),
    ]);
  });

  it('given a dispatch request, when projected, then the managers are told with no due date', () => {
    expect(notificationRows(first('ExpertDispatchRequested'))).toEqual([
      expect.objectContaining({
        kind: 'dispatchRequested',
        recipientRole: 'manager',
        subject: 'dispatch',
        dueDate: null,
      }),
    ]);
  });

  it('given a reassignment, when projected, then the new officer is told', () => {
    expect(notificationRows(first('OfficerReassigned'))).toEqual([
      expect.objectContaining({
        kind: 'assigned',
        recipientRole: 'officer',
        recipientId: 'officer-kato',
      }),
    ]);
  });

  it.each<EventType>([
    'CaseOpened',
    'AnalysisRecorded',
    'PlanApproved',
    'FollowUpRecorded',
    'CaseClosed',
  ])('given %s, when projected, then nobody is notified', (type) => {
    expect(notificationRows(first(type))).toEqual([]);
  });
});

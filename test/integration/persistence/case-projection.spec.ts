import { type CaseEvent, fold, type OpenedCase } from '@banso/domain';
import { notificationRows } from '@banso/persistence';
import { realisticHistory } from '@banso/testing/persistence/case-history';
import { appendBatches, appendTo, useTestDatabase } from './test-database';

const ORG = 'org-kanazawa-cci';

function ofType(events: CaseEvent[], type: CaseEvent['type']): CaseEvent[] {
  return events.filter((e) => e.type === type);
}

describe('the projections, applied in the append transaction', () => {
  const db = useTestDatabase();
  const h = realisticHistory('pj-life', { firmName: '株式会社 金沢和菓子' });

  beforeAll(async () => {
    await appendBatches(db.events, h.batches);
  });

  it('keep the case summary in step with each command', async () => {
    const steps = realisticHistory('pj-steps');
    const seen: Array<[string, boolean, boolean, string | null]> = [];
    for (const batch of steps.batches) {
      await appendTo(db, 'pj-steps', batch);
      const s = (await db.cases.getSummary(ORG, 'pj-steps'))!;
      seen.push([s.stage, s.drifting, s.overdue, s.openDispatchId]);
    }
    expect(seen).toEqual([
      ['analysis', false, false, null], // opened
      ['planning', false, false, null], // analysis recorded
      ['planning', false, false, null], // plan drafted
      ['followUp', false, false, null], // approved, first follow-up scheduled
      ['followUp', true, false, 'pj-steps-dispatch-1'], // drifting follow-up brings in an expert
      ['followUp', true, false, null], // dispatch completed
      ['followUp', true, true, null], // reminder, escalation, next reminder: the follow-up is overdue
      ['followUp', true, true, null], // reassigned
      ['closed', false, false, null], // closed
    ]);
  });

  it('leave the summary row of a whole case life', async () => {
    const events = h.events;
    const last = events[events.length - 1]!;
    const followUp = ofType(events, 'FollowUpRecorded')[0]!;
    expect(await db.cases.getSummary(ORG, 'pj-life')).toEqual({
      caseId: 'pj-life',
      organisationId: ORG,
      firmName: '株式会社 金沢和菓子',
      firm: {
        name: '株式会社 金沢和菓子',
        representative: '山田 太郎',
        industry: '小売業',
        employees: 8,
      },
      kind: 'standard',
      stage: 'closed',
      officerId: 'officer-kato',
      openedOn: '2026-04-01',
      openedAt: '2026-04-01T01:00:00.000Z',
      fiscalYear: 2026,
      nextFollowUpDue: null,
      overdue: false,
      drifting: false,
      openDispatchId: null,
      openProposalId: null,
      lastFollowUpOn: followUp.type === 'FollowUpRecorded' ? followUp.data.visitedOn : 'missing',
      followUps: 1,
      planVersion: 1,
      closedOn: '2026-09-30',
      deadlineOn: null,
      closeReason: 'selfSustaining',
      version: last.seq,
      updatedAt: '2026-09-30T01:00:00.000Z',
      needsAttention: false,
    });
  });

  it('keep the folded state exactly as the domain folds the log', async () => {
    const [row] = await db.ds.query<
      Array<{
        state: OpenedCase;
      }>
    >('SELECT state FROM case_summaries WHERE case_id = $1', ['pj-life']);
    expect(row?.state).toEqual(JSON.parse(JSON.stringify(fold(h.events))));
  });

  it('write one inbox row per notification the events raise, dates as dates', async () => {
    const rows = await db.ds.query<Array<Record<string, unknown>>>(
      `SELECT id, case_id, organisation_id, seq, kind, recipient_role, recipient_id, subject, due_date, message,
              created_at FROM notifications WHERE case_id = $1 ORDER BY seq, id`,
      ['pj-life'],
    );
    const expected = h.events.flatMap(notificationRows);
    // The missed period is rescheduled at once, and its own reminder is already due that morning.
    expect(expected.map((n) => n.kind)).toEqual([
      'dispatchRequested',
      'reminder',
      'escalation',
      'reminder',
      'assigned',
    ]);
    expect(rows).toEqual(
      expected.map((n) => ({
        id: n.id,
        case_id: n.caseId,
        organisation_id: n.organisationId,
        seq: n.seq,
        kind: n.kind,
        recipient_role: n.recipientRole,
        recipient_id: n.recipientId,
        subject: n.subject,
        due_date: n.dueDate,
        message: n.message,
        created_at: new Date(n.createdAt),
      })),
    );
  });

  it('copy the indexed fields of each event into the log row', async () => {
    const rows = await db.ds.query<Array<Record<string, unknown>>>(
      'SELECT seq, type, organisation_id, actor, at FROM case_events WHERE case_id = $1 ORDER BY seq',
      ['pj-life'],
    );
    expect(rows).toEqual(
      h.events.map((e) => ({
        seq: e.seq,
        type: e.type,
        organisation_id: ORG,
        actor: e.actor,
        at: new Date(e.at),
      })),
    );
  });
});

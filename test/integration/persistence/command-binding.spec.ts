import type { CaseEvent } from '@banso/domain';
import {
  isPersistenceError,
  isTransientDatabaseError,
  PostgresIncidentReporter,
  rebuildReadModels,
  sqlState,
} from '@banso/persistence';
import { openedCase, toFollowUp } from '@banso/testing/persistence/case-history';
import { tableRows, useTestDatabase } from './test-database';

const ORG = 'org-kanazawa-cci';

describe('the append binds command ids and scopes cases by organisation', () => {
  const db = useTestDatabase();

  const append = (
    caseId: string,
    events: CaseEvent[],
    command?: { commandId: string; bodyHash: string },
    organisationId = ORG,
  ) =>
    db.events.append({
      organisationId,
      caseId,
      events,
      command: command && {
        commandId: command.commandId,
        bodyHash: command.bodyHash,
        type: 'recordAnalysis',
      },
    });

  it('keeps the same case id in two organisations as two cases', async () => {
    const here = openedCase('cb-shared').events;
    const there = openedCase('cb-shared', { organisationId: 'org-other' }).events;
    await append('cb-shared', here);
    await append('cb-shared', there, undefined, 'org-other');
    expect(await db.cases.eventsOf(ORG, 'cb-shared')).toEqual(JSON.parse(JSON.stringify(here)));
    expect(await db.cases.eventsOf('org-other', 'cb-shared')).toEqual(
      JSON.parse(JSON.stringify(there)),
    );
    expect((await db.cases.getSummary('org-other', 'cb-shared'))?.organisationId).toBe('org-other');
    expect(await db.cases.getSummary('org-third', 'cb-shared')).toBeNull();
  });

  it('writes a retried append of one command once, and answers it with what the log holds', async () => {
    const h = toFollowUp(openedCase('cb-retry'), '2026-04-10');
    const [opening, analysis] = h.batches;
    await append('cb-retry', opening!);
    const command = { commandId: 'analysis-1', bodyHash: 'hash-a' };
    const first = await append('cb-retry', analysis!, command);
    const retried = await append('cb-retry', analysis!, command);
    expect(retried).toEqual(first);
    expect(first.events).toEqual(JSON.parse(JSON.stringify(analysis)));
    expect(await db.cases.countEvents('cb-retry')).toBe(opening!.length + analysis!.length);
    expect(await db.cases.commandRecord(ORG, 'cb-retry', 'analysis-1')).toEqual({
      type: 'recordAnalysis',
      bodyHash: 'hash-a',
      firstSeq: analysis![0]!.seq,
      lastSeq: analysis![analysis!.length - 1]!.seq,
    });
  });

  it('answers a command id done before at other seqs with those seqs, writing nothing', async () => {
    const h = toFollowUp(openedCase('cb-done'), '2026-04-10');
    const [opening, analysis, draft] = h.batches;
    await append('cb-done', opening!);
    const command = { commandId: 'once', bodyHash: 'hash-a' };
    await append('cb-done', analysis!, command);
    const before = await tableRows(db.ds, 'case_events', 'id');
    // The same command decided again on a later state: its events would be new seqs.
    const again = await append('cb-done', draft!, command);
    expect(again).toEqual({
      events: [],
      replayed: { firstSeq: analysis![0]!.seq, lastSeq: analysis![analysis!.length - 1]!.seq },
    });
    expect(await tableRows(db.ds, 'case_events', 'id')).toEqual(before);
  });

  it('refuses a command id bound to another body, changing nothing', async () => {
    const h = toFollowUp(openedCase('cb-conflict'), '2026-04-10');
    const [opening, analysis, draft] = h.batches;
    await append('cb-conflict', opening!);
    await append('cb-conflict', analysis!, { commandId: 'k', bodyHash: 'hash-a' });
    const events = await tableRows(db.ds, 'case_events', 'id');
    const commands = await tableRows(db.ds, 'case_commands', 'command_id');
    const error = await append('cb-conflict', draft!, { commandId: 'k', bodyHash: 'hash-b' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPersistenceError(error, 'COMMAND_CONFLICT')).toBe(true);
    expect((error as Error).message).toMatch(/different body/);
    expect(await tableRows(db.ds, 'case_events', 'id')).toEqual(events);
    expect(await tableRows(db.ds, 'case_commands', 'command_id')).toEqual(commands);
  });

  it('turns a refusal of PostgreSQL into DATABASE_REJECTED, and tells an outage apart', async () => {
    const { events } = openedCase('cb-refused');
    // PostgreSQL's jsonb refuses the NUL character: not an outage, retrying cannot fix it.
    const poisoned = [
      { ...events[0]!, data: { ...events[0]!.data, firm: { name: 'bad\u0000name' } } },
    ] as CaseEvent[];
    const error = await append('cb-refused', poisoned).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPersistenceError(error, 'DATABASE_REJECTED')).toBe(true);
    expect((error as Error).message).toMatch(/SQLSTATE 22/);
    expect(await db.cases.countEvents('cb-refused')).toBe(0);

    // A statement cancelled by its timeout and a lock not granted in time pass with time.
    const cancelled = await db.ds
      .query('SET LOCAL statement_timeout = 50; SELECT pg_sleep(1)')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(sqlState(cancelled)).toBe('57014');
    expect(isTransientDatabaseError(cancelled)).toBe(true);
    expect(isTransientDatabaseError(error)).toBe(false);
  });

  it('reports an incident once: the case flagged, the managers told, cleared by the next append', async () => {
    const h = toFollowUp(openedCase('cb-incident'), '2026-04-10');
    const [opening, analysis] = h.batches;
    await append('cb-incident', opening!);
    const reporter = new PostgresIncidentReporter(db.ds);
    const incident = {
      organisationId: ORG,
      caseId: 'cb-incident',
      incidentId: 'cb-incident@1:k',
      code: 'DATABASE_REJECTED',
      message: 'refused',
      during: 'recordAnalysis' as const,
      at: '2026-04-11T10:00:00+09:00',
    };
    await reporter.report(incident);
    await reporter.report(incident);
    expect((await db.cases.getSummary(ORG, 'cb-incident'))?.needsAttention).toBe(true);
    const flagged = await db.cases.listCases({ organisationId: ORG, needsAttention: true });
    expect(flagged.items.map((c) => c.caseId)).toEqual(['cb-incident']);
    const attention = async () =>
      (await db.inbox.listFor(ORG, { role: 'manager' })).items.filter(
        (n) => n.kind === 'attention' && n.caseId === 'cb-incident',
      );
    expect(await attention()).toHaveLength(1);

    // A rebuild keeps what the log cannot tell: the open incident.
    await rebuildReadModels(db.ds);
    expect((await db.cases.getSummary(ORG, 'cb-incident'))?.needsAttention).toBe(true);
    expect(await attention()).toHaveLength(1);

    // The log takes the case's events again: the flag goes, the incident is resolved.
    await append('cb-incident', analysis!);
    expect((await db.cases.getSummary(ORG, 'cb-incident'))?.needsAttention).toBe(false);
    const [row] = await db.ds.query<Array<{ resolved_at: Date | null }>>(
      'SELECT resolved_at FROM case_incidents WHERE incident_id = $1',
      [incident.incidentId],
    );
    expect(row?.resolved_at).toBeInstanceOf(Date);
  });
});

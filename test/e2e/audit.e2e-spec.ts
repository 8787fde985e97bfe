import { casePath, openCase, toFollowUp } from './support/case-api';
import { useE2eStack } from './support/stack';

const stack = useE2eStack();

/** A change made by hand in PostgreSQL, past the log's append-only trigger, as a tamperer would. */
async function byHand(sql: string, params: unknown[]): Promise<void> {
  await stack.dataSource.transaction(async (m) => {
    await m.query('ALTER TABLE case_events DISABLE TRIGGER tr_case_events_append_only');
    await m.query(sql, params);
    await m.query('ALTER TABLE case_events ENABLE TRIGGER tr_case_events_append_only');
  });
}

describe("a case's history over HTTP", () => {
  it('verifies its hash chain, and shows the first link an edit by hand broke', async () => {
    const caseId = await openCase(stack, 'standard', 'audit-tampered');
    await toFollowUp(stack, caseId);
    const manager = stack.as('manager-suzuki');
    const clean = await stack.http('GET', `${casePath(caseId)}/audit`, undefined, manager);
    expect(clean.status).toBe(200);
    expect(clean.body).toMatchObject({ caseId, verified: true, firstBrokenSeq: null });
    const events = clean.body.events as Array<{
      seq: number;
      type: string;
      hash: string;
      prevHash: string;
    }>;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const [i, e] of events.entries()) {
      if (i > 0) expect(e.prevHash).toBe(events[i - 1]?.hash);
    }

    const approval = events.find((e) => e.type === 'PlanApproved')!;
    await byHand(
      `UPDATE case_events SET event = jsonb_set(event, '{data,approvedOn}', '"2020-01-01"')
       WHERE case_id = $1 AND seq = $2`,
      [caseId, approval.seq],
    );
    const tampered = await stack.http('GET', `${casePath(caseId)}/audit`, undefined, manager);
    expect(tampered.body).toMatchObject({ verified: false, firstBrokenSeq: approval.seq });
    // An officer does not audit.
    const officer = await stack.http('GET', `${casePath(caseId)}/audit`);
    expect([officer.status, officer.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });

  it('exports as CSV: one row per event, with the date it happened and who sent it in which request', async () => {
    const caseId = await openCase(stack, 'founder', 'audit-csv');
    await stack.http(
      'POST',
      `${casePath(caseId)}/contacts`,
      { method: 'phone', notes: '=HYPERLINK("x")' },
      {
        'x-request-id': '=cmd|calc',
      },
    );
    const res = await fetch(`${stack.baseUrl}${casePath(caseId)}/events?format=csv`, {
      headers: stack.as('officer-sato'),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      '\uFEFFseq,type,happenedOn,at,actorId,actorRole,requestId,commandId,data',
    );
    expect(lines[1]).toMatch(/^1,CaseOpened,\d{4}-\d{2}-\d{2},/);
    // The caller's text never reaches Excel as a formula.
    expect(lines[2]).toContain(",officer-sato,officer,'=cmd|calc,");
  });
});

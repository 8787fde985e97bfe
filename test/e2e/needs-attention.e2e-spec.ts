import { useE2eStack } from './support/stack';
import { casePath, openCase, ORG } from './support/case-api';
import { ANALYSIS } from '@banso/testing/fixtures';

const stack = useE2eStack();

/** Makes PostgreSQL refuse every new event of one case, as a constraint would: not an outage. */
async function refuseEventsOf(caseId: string): Promise<() => Promise<void>> {
  await stack.dataSource.query(`
    CREATE OR REPLACE FUNCTION e2e_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'refused by the test' USING ERRCODE = '23514';
    END $$`);
  await stack.dataSource.query(`
    CREATE TRIGGER e2e_refuse_event BEFORE INSERT ON case_events FOR EACH ROW
    WHEN (NEW.case_id = '${caseId}') EXECUTE FUNCTION e2e_refuse_event()`);
  return async () => {
    await stack.dataSource.query('DROP TRIGGER e2e_refuse_event ON case_events');
  };
}

describe('a failure retrying cannot fix', () => {
  it('answers CASE_NEEDS_ATTENTION at once, flags the case, tells the managers, and clears once the log takes events', async () => {
    const caseId = await openCase(stack, 'standard', 'refused-by-the-log');
    const allow = await refuseEventsOf(caseId);
    const before = await stack.eventLog();
    const started = Date.now();
    const refused = await stack.http('POST', `${casePath(caseId)}/analysis`, ANALYSIS);
    await allow();

    // Not retried for minutes: answered at once, with a code that says what happened.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(refused.status).toBe(500);
    expect(refused.body.error.code).toBe('CASE_NEEDS_ATTENTION');
    expect(refused.body.error.message).toMatch(/SQLSTATE 23514/);
    expect(await stack.eventLog()).toEqual(before);

    const flagged = await stack.http('GET', `/organisations/${ORG}/cases?needsAttention=true`);
    expect(flagged.body.items.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    const inbox = await stack.http(
      'GET',
      `/organisations/${ORG}/notifications?managers=true`,
      undefined,
      stack.as('manager-suzuki'),
    );
    expect(
      inbox.body.items.filter(
        (n: { kind: string; caseId: string }) => n.kind === 'attention' && n.caseId === caseId,
      ),
    ).toHaveLength(1);

    // The case still answers, and the next command that the log takes clears the flag.
    const live = await stack.http('GET', casePath(caseId));
    expect(live.body.state.status).toBe('analysis');
    const analysed = await stack.http('POST', `${casePath(caseId)}/analysis`, ANALYSIS);
    expect(analysed.status).toBe(200);
    const cleared = await stack.http('GET', `/organisations/${ORG}/cases?needsAttention=true`);
    expect(cleared.body.items).toEqual([]);
  });

  it('lets an open the log refused be sent again: nothing was recorded, and the retry opens the case', async () => {
    const body = {
      caseId: 'refused-open-0001',
      firm: { name: '株式会社 再送' },
      kind: 'standard',
      officerId: 'officer-sato',
    };
    const allow = await refuseEventsOf(body.caseId);
    const refused = await stack.http('POST', `/organisations/${ORG}/cases`, body);
    await allow();
    expect(refused.status).toBe(500);
    expect(refused.body.error.code).toBe('CASE_NEEDS_ATTENTION');
    const retried = await stack.http('POST', `/organisations/${ORG}/cases`, body);
    expect(retried.status).toBe(201);
    expect(retried.body.state.status).toBe('analysis');
    const events = await stack.http('GET', `${casePath(body.caseId)}/events`);
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual(['CaseOpened']);
  });
});

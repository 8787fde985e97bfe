import { useE2eStack } from './support/stack';
import { casePath, openCase, ORG, today, toFollowUp } from './support/case-api';

const stack = useE2eStack();

const request = {
  firm: { name: '有限会社 繰り返し製作所', industry: '製造業' },
  kind: 'standard',
  officerId: 'officer-sato',
};

async function casesNamed(name: string): Promise<number> {
  const rows: Array<{ count: string }> = await stack.dataSource.query(
    "SELECT count(*) FROM case_events WHERE type = 'CaseOpened' AND event->'data'->'firm'->>'name' = $1",
    [name],
  );
  return Number(rows[0]?.count);
}

describe('opening a case is idempotent', () => {
  it('opens one case however often the same Idempotency-Key is sent, even at once', async () => {
    const headers = { 'idempotency-key': 'open-twice-1' };
    const concurrent = await Promise.all(
      Array.from({ length: 5 }, () =>
        stack.http('POST', `/organisations/${ORG}/cases`, request, headers),
      ),
    );
    const again = await stack.http('POST', `/organisations/${ORG}/cases`, request, headers);
    const all = [...concurrent, again];
    expect(all.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(new Set(all.map((r) => r.body.caseId)).size).toBe(1);
    expect(all.map((r) => r.body.events.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await casesNamed(request.firm.name)).toBe(1);

    const listed = await stack.http('GET', `/organisations/${ORG}/cases`);
    expect(
      listed.body.items.filter((c: { firmName: string }) => c.firmName === request.firm.name),
    ).toHaveLength(1);
  });

  it('opens one case for a client-chosen case id', async () => {
    const body = { ...request, caseId: 'client-chosen-0001', firm: { name: '株式会社 指定ID' } };
    const first = await stack.http('POST', `/organisations/${ORG}/cases`, body);
    const second = await stack.http('POST', `/organisations/${ORG}/cases`, body);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.caseId).toBe('client-chosen-0001');
    expect(await casesNamed('株式会社 指定ID')).toBe(1);
  });

  it('gives a different case to a different key', async () => {
    const a = await stack.http(
      'POST',
      `/organisations/${ORG}/cases`,
      { ...request, firm: { name: '株式会社 二社' } },
      { 'idempotency-key': 'k-a' },
    );
    const b = await stack.http(
      'POST',
      `/organisations/${ORG}/cases`,
      { ...request, firm: { name: '株式会社 二社' } },
      { 'idempotency-key': 'k-b' },
    );
    expect(a.body.caseId).not.toBe(b.body.caseId);
    expect(await casesNamed('株式会社 二社')).toBe(2);
  });

  it('answers a repeated open of a closed case from the event log, adding nothing', async () => {
    const caseId = await openCase(stack, 'standard', 'closed-then-repeated');
    expect(
      (
        await stack.http(
          'POST',
          `${casePath(caseId)}/close`,
          { reason: 'withdrawn' },
          stack.as('manager-suzuki'),
        )
      ).status,
    ).toBe(200);
    const before = await stack.eventLog();
    const again = await stack.http(
      'POST',
      `/organisations/${ORG}/cases`,
      {
        firm: { name: '株式会社closed-then-repeated', industry: '製造業', employees: 12 },
        kind: 'standard',
        officerId: 'officer-sato',
      },
      { 'idempotency-key': 'closed-then-repeated' },
    );
    expect(again.status).toBe(201);
    // The first result: the case as it was opened, whatever happened to it since.
    expect(again.body).toMatchObject({ caseId, state: { status: 'analysis' } });
    expect(await stack.eventLog()).toEqual(before);
  });
});

describe('commands are idempotent with an Idempotency-Key', () => {
  it('records a retried follow-up once', async () => {
    const caseId = await openCase(stack, 'founder', 'retried-follow-up');
    await toFollowUp(stack, caseId);
    const body = { visitedOn: today(), method: 'visit', actuals: { 'monthly-sales': 10_000 } };
    const headers = { 'idempotency-key': 'follow-up-2026-visit-1' };
    const [first, second] = await Promise.all([
      stack.http('POST', `${casePath(caseId)}/follow-ups`, body, headers),
      stack.http('POST', `${casePath(caseId)}/follow-ups`, body, headers),
    ]);
    const third = await stack.http('POST', `${casePath(caseId)}/follow-ups`, body, headers);
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    const events = await stack.http('GET', `${casePath(caseId)}/events`);
    expect(
      events.body.events.filter((e: { type: string }) => e.type === 'FollowUpRecorded'),
    ).toHaveLength(1);
  });
});

import { useE2eStack } from './support/stack';
import { casePath, openCase, ORG, today, toFollowUp } from './support/case-api';

const stack = useE2eStack();

const followUp = (actual: number) => ({
  visitedOn: today(),
  method: 'visit',
  actuals: { 'monthly-sales': actual },
  notes: '店舗を訪問し売上を確認',
});

describe('an officer works cases from opening to closing over HTTP', () => {
  it.each([
    ['founder', 1, 'selfSustaining'],
    ['standard', 3, 'withdrawn'],
  ] as const)(
    'a %s case: drift, expert dispatch, recovery, closing',
    async (kind, cadence, closeReason) => {
      const caseId = await openCase(stack, kind, `lifecycle-${kind}-${Date.now()}`);
      const path = casePath(caseId);
      const approved = await toFollowUp(stack, caseId);
      expect(approved.body.state).toMatchObject({
        status: 'followUp',
        schedule: { cadenceMonths: cadence, mode: 'regular' },
      });

      // Sales 25 % behind plan: the case drifts and an expert is requested.
      const drifted = await stack.http('POST', `${path}/follow-ups`, followUp(7_500));
      expect(drifted.status).toBe(200);
      expect(drifted.body.events.map((e: { type: string }) => e.type)).toEqual([
        'FollowUpRecorded',
        'ExpertDispatchProposed',
        'FollowUpScheduled',
      ]);
      expect(drifted.body.state).toMatchObject({
        drifting: true,
        schedule: { mode: 'drifting', cadenceMonths: 1 },
      });
      // Drift proposes the dispatch; a manager confirms it, naming the programme.
      const confirmed = await stack.http(
        'POST',
        `${path}/dispatch/proposal/confirm`,
        { programme: 'yorozuSupportCentre', note: '販促の専門家を依頼' },
        stack.as('manager-suzuki'),
      );
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.state.openDispatch).toMatchObject({ programme: 'yorozuSupportCentre' });

      const listed = await stack.http(
        'GET',
        `/organisations/${ORG}/cases?drifting=true&openDispatch=true&kind=${kind}`,
      );
      expect(listed.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
      const managers = await stack.http(
        'GET',
        `/organisations/${ORG}/notifications?managers=true&unread=true`,
        undefined,
        stack.as('manager-suzuki'),
      );
      expect(managers.body.items).toContainEqual(
        expect.objectContaining({ caseId, kind: 'dispatchProposed' }),
      );
      expect(managers.body.items).toContainEqual(
        expect.objectContaining({ caseId, kind: 'dispatchRequested' }),
      );

      const dispatched = await stack.http('POST', `${path}/dispatch/complete`, {
        expert: { name: '中小企業診断士 田中', programme: 'よろず支援拠点' },
        summary: '販促計画と価格設定を見直した',
      });
      expect(dispatched.status).toBe(200);
      const recovered = await stack.http('POST', `${path}/follow-ups`, followUp(10_050));
      expect(recovered.body.state).toMatchObject({
        drifting: false,
        schedule: { mode: 'regular', cadenceMonths: cadence },
      });

      const reassigned = await stack.http(
        'POST',
        `${path}/reassign`,
        { officerId: 'officer-ito', reason: '担当替え' },
        stack.as('manager-suzuki'),
      );
      expect(reassigned.body.state.officerId).toBe('officer-ito');

      // Closing is a manager's decision.
      const closed = await stack.http(
        'POST',
        `${path}/close`,
        { reason: closeReason, note: '支援終了' },
        stack.as('manager-suzuki'),
      );
      expect(closed.status).toBe(200);
      expect(closed.body.state).toMatchObject({
        status: 'closed',
        closed: { reason: closeReason },
      });

      // The read side agrees with the workflow.
      const events = await stack.http('GET', `${path}/events`, undefined, stack.as('officer-ito'));
      expect(events.body.events.map((e: { seq: number }) => e.seq)).toEqual(
        events.body.events.map((_: unknown, i: number) => i + 1),
      );
      expect(events.body.events.at(-1)).toMatchObject({
        type: 'CaseClosed',
        actor: { id: 'manager-suzuki', role: 'manager' },
      });
      const live = await stack.http('GET', path, undefined, stack.as('officer-ito'));
      expect(live.body.state).toEqual(closed.body.state);
      const summary = await stack.http(
        'GET',
        `/organisations/${ORG}/cases?stage=closed&officerId=officer-ito`,
        undefined,
        stack.as('manager-suzuki'),
      );
      expect(summary.body.items).toContainEqual(
        expect.objectContaining({
          caseId,
          stage: 'closed',
          closeReason,
          officerId: 'officer-ito',
          kind,
        }),
      );

      const inbox = await stack.http(
        'GET',
        `/organisations/${ORG}/notifications?officerId=officer-ito&unread=true`,
        undefined,
        stack.as('officer-ito'),
      );
      const assigned = inbox.body.items.filter((n: { caseId: string }) => n.caseId === caseId);
      expect(assigned).toHaveLength(1);
      const read = await stack.http(
        'POST',
        `/organisations/${ORG}/notifications/read`,
        { ids: [assigned[0].id] },
        stack.as('officer-ito'),
      );
      expect(read.body).toEqual({ marked: 1 });
      const after = await stack.http(
        'GET',
        `/organisations/${ORG}/notifications?officerId=officer-ito&unread=true`,
        undefined,
        stack.as('officer-ito'),
      );
      expect(after.body.items.filter((n: { caseId: string }) => n.caseId === caseId)).toHaveLength(
        0,
      );
    },
  );

  it('serves its OpenAPI document and reports itself healthy', async () => {
    const health = await stack.http('GET', '/health');
    expect(health).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { database: { ok: true }, temporal: { ok: true } } },
    });
    const doc = await stack.http('GET', '/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/organisations',
        '/organisations/{orgId}/cases',
        '/organisations/{orgId}/cases/{caseId}/follow-ups',
        '/organisations/{orgId}/notifications',
        '/health',
      ]),
    );
    const followUps = doc.body.paths['/organisations/{orgId}/cases/{caseId}/follow-ups'].post;
    // The visit date defaults to today and a follow-up may report some KPIs only: the method is
    // what it must say; the date is documented as the date it happened.
    const followUpBody = followUps.requestBody.content['application/json'].schema;
    expect(followUpBody.required).toEqual(['method']);
    expect(followUpBody.properties.visitedOn.description).toContain('today when left out');
  });
});

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { useE2eStack } from './support/stack';
import {
  casePath,
  createOrganisation,
  openCase,
  ORG,
  TEST_ADMIN_KEY,
  today,
  toFollowUp,
} from './support/case-api';

const stack = useE2eStack();

/** The README's open, as written there: `representative` before `industry`. */
const README_OPEN = {
  firm: {
    name: '有限会社白山醸造',
    representative: '白山 一郎',
    industry: '清酒製造業',
    employees: 9,
  },
  kind: 'standard',
  officerId: 'officer-sato',
};

async function eventsOf(
  caseId: string,
  org = ORG,
  headers: Record<string, string> = {},
): Promise<Array<{ type: string; seq: number; commandId: string }>> {
  const res = await stack.http('GET', `${casePath(caseId, org)}/events`, undefined, headers);
  expect(res.status).toBe(200);
  return res.body.events;
}

describe('exactly once over HTTP', () => {
  it("answers the README's organisation sent twice as the first time, and refuses another", async () => {
    const body = {
      id: 'hakusan-soc',
      name: '白山商工会',
      policy: { cadenceMonths: { standard: 3, founder: 1, succession: 3 } },
    };
    const manager = stack.as('platform-administrator');
    const first = await stack.http('POST', '/organisations', body, manager);
    const again = await stack.http('POST', '/organisations', body, manager);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    const other = await stack.http('POST', '/organisations', { ...body, name: '別の会' }, manager);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('ORGANISATION_EXISTS');
  });

  it("answers the README's open sent twice with the same case and one opening", async () => {
    const headers = { 'idempotency-key': 'readme-2026-0001' };
    const first = await stack.http('POST', `/organisations/${ORG}/cases`, README_OPEN, headers);
    const again = await stack.http('POST', `/organisations/${ORG}/cases`, README_OPEN, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect(first.body.commandId).toBe('readme-2026-0001');
    expect((await eventsOf(first.body.caseId)).map((e) => e.type)).toEqual(['CaseOpened']);

    // The same key for another firm is refused and opens nothing.
    const other = await stack.http(
      'POST',
      `/organisations/${ORG}/cases`,
      { ...README_OPEN, firm: { name: '株式会社 別会社' } },
      headers,
    );
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('binds a command key to its command and body: the same answers the first result, another is a 409', async () => {
    const caseId = await openCase(stack, 'standard', 'bound-keys');
    await toFollowUp(stack, caseId);
    const path = `${casePath(caseId)}/follow-ups`;
    const visit = { visitedOn: today(), method: 'visit', actuals: { 'monthly-sales': 10_000 } };
    const headers = { 'idempotency-key': 'visit-2026-07' };

    const first = await stack.http('POST', path, visit, headers);
    // The same body with its keys in another order is the same body.
    const reordered = { actuals: visit.actuals, method: visit.method, visitedOn: visit.visitedOn };
    const again = await stack.http('POST', path, reordered, headers);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(first.body.commandId).toBe('visit-2026-07');
    const recorded = (await eventsOf(caseId)).filter((e) => e.type === 'FollowUpRecorded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.commandId).toBe('visit-2026-07');

    const before = await stack.eventLog();
    const otherBody = await stack.http('POST', path, { ...visit, notes: '別の記録' }, headers);
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherCommand = await stack.http(
      'POST',
      `${casePath(caseId)}/plan/revisions`,
      { reason: 'x' },
      headers,
    );
    expect(otherCommand.status).toBe(400); // the body is checked first: a revision needs a plan
    const otherRoute = await stack.http(
      'POST',
      `${casePath(caseId)}/close`,
      { reason: 'withdrawn' },
      { ...headers, ...stack.as('manager-suzuki') },
    );
    expect(otherRoute.status).toBe(409);
    expect(otherRoute.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stack.eventLog()).toEqual(before);
  });

  it('generates a key for an open sent without one: retried with it, the same case answers', async () => {
    const body = { ...README_OPEN, firm: { name: '株式会社 鍵なし' } };
    const first = await stack.http('POST', `/organisations/${ORG}/cases`, body);
    expect(first.status).toBe(201);
    const retry = await stack.http('POST', `/organisations/${ORG}/cases`, body, {
      'idempotency-key': first.body.commandId as string,
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });

  it('generates a key for a command sent without one, which makes its retry safe', async () => {
    const caseId = await openCase(stack, 'standard', 'generated-key');
    const first = await stack.http('POST', `${casePath(caseId)}/analysis`, analysis());
    expect(first.status).toBe(200);
    expect(first.body.commandId).toMatch(/^[0-9a-f-]{36}$/);
    const retry = await stack.http('POST', `${casePath(caseId)}/analysis`, analysis(), {
      'idempotency-key': first.body.commandId as string,
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect((await eventsOf(caseId)).filter((e) => e.type === 'AnalysisRecorded')).toHaveLength(1);
  });

  it('answers retries with the first result after the case has closed', async () => {
    const caseId = await openCase(stack, 'standard', 'retried-after-close');
    const analysed = await stack.http('POST', `${casePath(caseId)}/analysis`, analysis(), {
      'idempotency-key': 'analysis-before-close',
    });
    const closed = await stack.http(
      'POST',
      `${casePath(caseId)}/close`,
      { reason: 'withdrawn' },
      { 'idempotency-key': 'close-once', ...stack.as('manager-suzuki') },
    );
    expect([analysed.status, closed.status]).toEqual([200, 200]);
    const before = await stack.eventLog();

    const closeAgain = await stack.http(
      'POST',
      `${casePath(caseId)}/close`,
      { reason: 'withdrawn' },
      { 'idempotency-key': 'close-once', ...stack.as('manager-suzuki') },
    );
    const analysisAgain = await stack.http('POST', `${casePath(caseId)}/analysis`, analysis(), {
      'idempotency-key': 'analysis-before-close',
    });
    expect([closeAgain.status, analysisAgain.status]).toEqual([200, 200]);
    expect(closeAgain.body).toEqual(closed.body);
    expect(analysisAgain.body).toEqual(analysed.body);
    // A new command on the closed case is still refused.
    const fresh = await stack.http(
      'POST',
      `${casePath(caseId)}/close`,
      { reason: 'withdrawn' },
      stack.as('manager-suzuki'),
    );
    expect(fresh.status).toBe(409);
    expect(await stack.eventLog()).toEqual(before);
  });

  it('scopes cases by organisation: the same case id in two organisations is two cases', async () => {
    await createOrganisation(stack, 'white-mountain-soc');
    const body = { ...README_OPEN, caseId: 'shared-case-id-0001' };
    const a = await stack.http('POST', `/organisations/${ORG}/cases`, body);
    const white = stack.as('officer-sato', 'white-mountain-soc');
    const b = await stack.http(
      'POST',
      `/organisations/white-mountain-soc/cases`,
      { ...body, firm: { name: '白山の別会社' } },
      white,
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.caseId).toBe(b.body.caseId);
    await stack.http('POST', `${casePath('shared-case-id-0001')}/analysis`, analysis());
    expect((await eventsOf('shared-case-id-0001')).map((e) => e.type)).toEqual([
      'CaseOpened',
      'AnalysisRecorded',
    ]);
    expect(
      (await eventsOf('shared-case-id-0001', 'white-mountain-soc', white)).map((e) => e.type),
    ).toEqual(['CaseOpened']);
    const live = await stack.http(
      'GET',
      casePath('shared-case-id-0001', 'white-mountain-soc'),
      undefined,
      white,
    );
    expect(live.body.state).toMatchObject({ status: 'analysis', firm: { name: '白山の別会社' } });
  });

  it('answers 503 with the key to retry with when the case cannot confirm in time, and the retry records once', async () => {
    const caseId = await openCase(stack, 'standard', 'stalled-log');
    await stack.stopApi();
    await stack.startApi({ COMMAND_TIMEOUT_MS: 1_500 });
    // The worker's appends wait behind this lock as they would wait out an outage.
    const blocker = stack.dataSource.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query('LOCK TABLE case_events IN ACCESS EXCLUSIVE MODE');
    let pending;
    try {
      pending = await stack.http('POST', `${casePath(caseId)}/analysis`, analysis());
    } finally {
      await blocker.rollbackTransaction();
      await blocker.release();
      await stack.stopApi();
      await stack.startApi();
    }
    expect(pending.status).toBe(503);
    expect(pending.body.error.code).toBe('COMMAND_PENDING');
    const key = pending.body.error.commandId as string;
    expect(pending.body.error.message).toContain(key);

    const retried = await stack.http('POST', `${casePath(caseId)}/analysis`, analysis(), {
      'idempotency-key': key,
    });
    expect(retried.status).toBe(200);
    expect(retried.body.commandId).toBe(key);
    expect((await eventsOf(caseId)).filter((e) => e.type === 'AnalysisRecorded')).toHaveLength(1);
  });

  it('runs the seed twice against one stack: the second run changes nothing', async () => {
    const seed = () =>
      promisify(execFile)(process.execPath, [resolve(__dirname, '../../scripts/seed.mjs')], {
        env: { ...process.env, BANSO_API_URL: stack.baseUrl, BANSO_ADMIN_API_KEY: TEST_ADMIN_KEY },
        timeout: 240_000,
      });
    await seed();
    const after = await stack.eventLog();
    const second = await seed();
    expect(second.stdout).toContain('organisation');
    expect(await stack.eventLog()).toEqual(after);
  });
});

function analysis() {
  return {
    financials: {
      current: { fiscalYearEnd: '2026-03-31', sales: 98_000_000, operatingProfit: 2_100_000 },
    },
    findings: { strengths: [], weaknesses: [], opportunities: [], threats: [] },
    keyIssues: ['販路の開拓'],
  };
}

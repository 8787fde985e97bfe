import { join } from 'node:path';
import { useE2eStack } from './support/stack';
import { casePath, createOrganisation, openCase, ORG, today, toFollowUp } from './support/case-api';
import { startChildService } from '../support/child-service';
import { ANALYSIS, planData } from '@banso/testing/fixtures';

const stack = useE2eStack();
let fresh: string; // a case in analysis
let following: string; // a case in follow-up
beforeAll(async () => {
  fresh = await openCase(stack, 'standard', 'errors-fresh');
  following = await openCase(stack, 'founder', 'errors-following');
  await toFollowUp(stack, following);
});

/** Sends a request that must fail; checks the status, the code and that the log is unchanged. */
async function expectError(
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  status: number,
  code: string,
  headers: Record<string, string | undefined> = {},
) {
  const before = await stack.eventLog();
  const res = await stack.http(method, path, body, headers);
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(10);
  expect(await stack.eventLog()).toEqual(before);
  return res.body.error;
}

describe('every error has one shape, a stable code, and changes nothing', () => {
  it('400 and 401: malformed JSON, fields at fault, no or a bad token, a command the domain refuses', async () => {
    await expectError(
      'POST',
      `${casePath(fresh)}/analysis`,
      '{"financials": ',
      400,
      'VALIDATION_FAILED',
    );
    const invalid = await expectError(
      'POST',
      `${casePath(fresh)}/analysis`,
      { findings: {}, keyIssues: [] },
      400,
      'VALIDATION_FAILED',
    );
    expect(invalid.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['body.findings.strengths', 'body.keyIssues']),
    );
    // Well formed, but a standard case is analysed on its statements: the rule names the field.
    const { financials: _none, ...noStatements } = ANALYSIS;
    const unstated = await expectError(
      'POST',
      `${casePath(fresh)}/analysis`,
      noStatements,
      400,
      'INVALID_COMMAND',
    );
    expect(unstated.issues).toEqual([
      {
        path: 'body.financials',
        message: "a standard case is analysed on the firm's last statements",
      },
    ]);
    await expectError(
      'POST',
      `${casePath(fresh)}/close`,
      { reason: 'withdrawn' },
      401,
      'UNAUTHENTICATED',
      { authorization: undefined },
    );
    await expectError(
      'POST',
      `${casePath(fresh)}/contacts`,
      { method: 'phone' },
      401,
      'UNAUTHENTICATED',
      { authorization: 'Bearer banso_not-a-key' },
    );
    const future = await expectError(
      'POST',
      `${casePath(following)}/follow-ups`,
      { visitedOn: '2099-01-01', method: 'visit', actuals: { 'monthly-sales': 1 } },
      400,
      'INVALID_COMMAND',
    );
    expect(future.issues).toEqual([
      { path: 'body.visitedOn', message: expect.stringContaining('future') },
    ]);
    await expectError(
      'GET',
      `/organisations/${ORG}/cases?overdue=maybe&pageSize=1000`,
      undefined,
      400,
      'VALIDATION_FAILED',
    );
    await expectError(
      'POST',
      '/organisations',
      { id: 'X', name: '' },
      400,
      'VALIDATION_FAILED',
      stack.as('platform-administrator'),
    );
  });

  it('404: unknown case, unknown organisation, a case of another organisation', async () => {
    await expectError(
      'POST',
      `${casePath('no-such-case-123')}/close`,
      { reason: 'withdrawn' },
      404,
      'CASE_NOT_FOUND',
      stack.as('manager-suzuki'),
    );
    await expectError('GET', casePath('no-such-case-123'), undefined, 404, 'CASE_NOT_FOUND');
    await expectError(
      'GET',
      '/organisations/nowhere-cci',
      undefined,
      404,
      'ORGANISATION_NOT_FOUND',
    );
    await expectError(
      'POST',
      '/organisations/nowhere-cci/cases',
      { firm: { name: 'x' }, kind: 'standard', officerId: 'o' },
      404,
      'ORGANISATION_NOT_FOUND',
    );
    await createOrganisation(stack, 'rumoi-cci');
    // Rumoi's officer asks for Kanazawa's case in Rumoi: there is none.
    await expectError(
      'GET',
      casePath(fresh, 'rumoi-cci'),
      undefined,
      404,
      'CASE_NOT_FOUND',
      stack.as('manager-suzuki', 'rumoi-cci'),
    );
    // Kanazawa's officer asks for it in Rumoi: an organisation they are not in is not there.
    await expectError(
      'GET',
      casePath(fresh, 'rumoi-cci'),
      undefined,
      404,
      'ORGANISATION_NOT_FOUND',
    );
  });

  it('409: a command the stage does not allow names the stage; the other conflicts', async () => {
    const wrong = await expectError(
      'POST',
      `${casePath(fresh)}/follow-ups`,
      { visitedOn: today(), method: 'visit', actuals: { 'monthly-sales': 1 } },
      409,
      'WRONG_STAGE',
    );
    expect(wrong).toMatchObject({ stage: 'analysis', allowed: ['followUp'] });
    expect(wrong.message).toContain('analysis');
    await expectError(
      'POST',
      `${casePath(following)}/dispatch/complete`,
      { expert: { name: 'a', programme: 'b' }, summary: 'c' },
      409,
      'NO_OPEN_DISPATCH',
    );
    await expectError(
      'POST',
      '/organisations',
      { id: ORG, name: '金沢' },
      409,
      'ORGANISATION_EXISTS',
      stack.as('platform-administrator'),
    );

    const planning = await openCase(stack, 'succession', 'errors-planning');
    await stack.http(
      'POST',
      `${casePath(planning)}/analysis`,
      (await import('@banso/testing/fixtures')).ANALYSIS,
    );
    await expectError(
      'POST',
      `${casePath(planning)}/plan/approve`,
      {},
      409,
      'PLAN_NOT_DRAFTED',
      stack.as('manager-suzuki'),
    );
    // Who may send a command is its declaration: an officer never approves a plan.
    const refused = await expectError(
      'POST',
      `${casePath(planning)}/plan/approve`,
      {},
      403,
      'ROLE_NOT_ALLOWED',
    );
    expect(refused).toMatchObject({ role: 'officer', allowed: ['manager'] });
    await expectError(
      'POST',
      `${casePath(planning)}/plan/revisions`,
      { ...planData(today()), reason: 'x' },
      409,
      'WRONG_STAGE',
    );

    await expectError(
      'POST',
      `/organisations/${ORG}/cases`,
      { firm: { name: '別の会社' }, kind: 'standard', officerId: 'officer-sato' },
      409,
      'IDEMPOTENCY_KEY_REUSED',
      { 'idempotency-key': 'errors-fresh' },
    );

    const closing = await openCase(stack, 'standard', 'errors-closed');
    expect(
      (
        await stack.http(
          'POST',
          `${casePath(closing)}/close`,
          { reason: 'businessClosed' },
          stack.as('manager-suzuki'),
        )
      ).status,
    ).toBe(200);
    const closed = await expectError(
      'POST',
      `${casePath(closing)}/reassign`,
      { officerId: 'officer-ito' },
      409,
      'WRONG_STAGE',
      stack.as('manager-suzuki'),
    );
    expect(closed.stage).toBe('closed');
  });

  it('503: Temporal cannot be reached', async () => {
    const port = 1 + Math.floor(Math.random() * 1000);
    // Nothing listens there: the API starts all the same (its connection is lazy) and answers 503.
    const before = await stack.eventLog();
    const apiOnly = stack.apiConfig();
    const { createApiApp } = await import('../../apps/api/src/create-app');
    const app = await createApiApp({
      ...apiOnly,
      TEMPORAL_ADDRESS: `127.0.0.1:${40_000 + port}`,
      COMMAND_TIMEOUT_MS: 2_000,
    });
    await app.listen(0, '127.0.0.1');
    const { port: apiPort } = app.getHttpServer().address() as { port: number };
    try {
      const res = await fetch(`http://127.0.0.1:${apiPort}${casePath(fresh)}/close`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...stack.as('manager-suzuki') },
        body: JSON.stringify({ reason: 'withdrawn' }),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'TEMPORAL_UNAVAILABLE',
      );
      const health = await fetch(`http://127.0.0.1:${apiPort}/health`);
      expect(health.status).toBe(503);
    } finally {
      await app.close();
    }
    expect(await stack.eventLog()).toEqual(before);
  });

  it('503: PostgreSQL cannot be reached', async () => {
    const dir = join(process.env.BANSO_E2E_DATA_DIR ?? '/tmp', `pg-down-${Date.now()}`);
    const pg = await startChildService('postgres.mjs', ['--data-dir', dir]);
    const { createApiApp } = await import('../../apps/api/src/create-app');
    const { createDataSource, runMigrations } = await import('@banso/persistence');
    const ds = await createDataSource(pg.ready[0]!).initialize();
    await runMigrations(ds);
    await ds.destroy();
    const app = await createApiApp({ ...stack.apiConfig(), DATABASE_URL: pg.ready[0]! });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    try {
      await pg.stop();
      // Signing in reads the key's row: with the database away that is the 503, not a 401.
      const res = await fetch(`http://127.0.0.1:${port}/organisations/${ORG}/cases`, {
        headers: stack.as('officer-sato'),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'DATABASE_UNAVAILABLE',
      );
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        checks: { database: { ok: boolean } };
      };
      expect(health.checks.database.ok).toBe(false);
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});

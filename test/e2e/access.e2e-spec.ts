import { SignJWT } from 'jose';
import { ANALYSIS, planData } from '@banso/testing/fixtures';
import {
  casePath,
  createOrganisation,
  openCase,
  ORG,
  TEST_JWT_SECRET,
  today,
} from './support/case-api';
import { useE2eStack } from './support/stack';

const stack = useE2eStack();
const OTHER_ORG = 'rumoi-cci';

type Who = 'officer' | 'manager' | 'administrator' | 'platform';

/**
 * Who may call each operation, as the issue states it: officers open and work their own cases,
 * managers read everything, approve, reassign, close and decide proposals, administrators manage
 * the organisation, its policy and its users, and only the platform administrator creates
 * organisations (the platform administrator is also every organisation's administrator). A new
 * operation fails the first test until it is added here.
 */
const CASE_WORK: Who[] = ['officer', 'manager'];
const MANAGERS: Who[] = ['manager'];
const ADMINISTRATORS: Who[] = ['administrator', 'platform'];
const EXPECTED: Record<string, Who[]> = {
  whoAmI: ['officer', 'manager', 'administrator', 'platform'],
  createOrganisation: ['platform'],
  getOrganisation: ['officer', 'manager', 'administrator', 'platform'],
  publishPolicy: ADMINISTRATORS,
  listPolicyVersions: ['officer', 'manager', 'administrator', 'platform'],
  createUser: ADMINISTRATORS,
  listUsers: ['manager', ...ADMINISTRATORS],
  getUser: ['manager', ...ADMINISTRATORS],
  issueApiKey: ADMINISTRATORS,
  listApiKeys: ADMINISTRATORS,
  revokeApiKey: ADMINISTRATORS,
  openCase: CASE_WORK,
  listCases: CASE_WORK,
  getCase: CASE_WORK,
  listCaseEvents: CASE_WORK,
  auditCase: MANAGERS,
  getWorkLists: CASE_WORK,
  getFiscalYearReport: MANAGERS,
  getFiscalYearForecast: MANAGERS,
  getReportTargets: MANAGERS,
  putReportTargets: MANAGERS,
  listNotifications: CASE_WORK,
  markNotificationsRead: CASE_WORK,
  recordAnalysis: CASE_WORK,
  draftPlan: CASE_WORK,
  approvePlan: MANAGERS,
  recordFollowUp: CASE_WORK,
  recordStatements: CASE_WORK,
  recordContact: CASE_WORK,
  requestExpertDispatch: CASE_WORK,
  confirmDispatchProposal: MANAGERS,
  declineDispatchProposal: MANAGERS,
  recordExpertVisit: CASE_WORK,
  cancelExpertDispatch: CASE_WORK,
  completeExpertDispatch: CASE_WORK,
  revisePlan: CASE_WORK,
  setCadence: CASE_WORK,
  reassignOfficer: MANAGERS,
  closeCase: MANAGERS,
};

interface Operation {
  operationId: string;
  security?: unknown[];
}
let operations: Array<{ method: string; path: string; op: Operation }> = [];
let caseId: string;

const HEADERS: Record<Who, () => Record<string, string>> = {
  officer: () => stack.as('officer-sato'),
  manager: () => stack.as('manager-suzuki'),
  administrator: () => stack.as('admin-yamada'),
  platform: () => stack.as('platform-administrator'),
};

beforeAll(async () => {
  await createOrganisation(stack, OTHER_ORG);
  caseId = await openCase(stack, 'standard', 'access-case');
  const doc = (await (await fetch(`${stack.baseUrl}/docs-json`)).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});

function url(path: string, org = ORG): string {
  const params: Record<string, string> = {
    orgId: org,
    caseId,
    userId: 'officer-sato',
    keyId: 'a'.repeat(20),
    year: '2026',
  };
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] as string);
}

async function send(method: string, path: string, headers: Record<string, string | undefined>) {
  return stack.http(method as 'GET', path, method === 'GET' ? undefined : {}, headers);
}

describe('who may do what', () => {
  it('every operation but the health probe is in the table, and signs in', () => {
    const signed = operations.filter((o) => o.op.operationId !== 'getHealth');
    expect(signed.map((o) => o.op.operationId).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const { op } of signed)
      expect({ op: op.operationId, security: op.security }).toEqual({
        op: op.operationId,
        security: [{ bearer: [] }],
      });
  });

  it('no token is a 401 on every operation, and changes nothing', async () => {
    const before = await stack.eventLog();
    for (const { method, path, op } of operations) {
      if (op.operationId === 'getHealth') continue;
      const res = await send(method, url(path), { authorization: undefined });
      expect({ op: op.operationId, status: res.status, code: res.body?.error?.code }).toEqual({
        op: op.operationId,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
    expect(await stack.eventLog()).toEqual(before);
  });

  it('every role against every operation: the roles the table names get past sign-in, the others a 403', async () => {
    for (const who of ['officer', 'manager', 'administrator', 'platform'] as Who[]) {
      for (const { method, path, op } of operations) {
        const allowed = EXPECTED[op.operationId];
        if (!allowed) continue;
        const res = await send(method, url(path), HEADERS[who]());
        const outcome = {
          op: op.operationId,
          who,
          status: res.status,
          code: res.body?.error?.code,
        };
        if (allowed.includes(who)) {
          // Allowed: whatever the empty body earns (a 400, a 409 …), never a refusal of access.
          expect([401, 403].includes(res.status) ? outcome : 'let in').toBe('let in');
        } else {
          expect(outcome).toEqual({ ...outcome, status: 403, code: 'ROLE_NOT_ALLOWED' });
          expect(res.body.error.allowed).toEqual(expect.any(Array));
        }
      }
    }
  });

  it("another organisation's people get the 404 of an organisation that does not exist, on every operation", async () => {
    const before = await stack.eventLog();
    const outsiders = ['officer-sato', 'manager-suzuki', 'admin-yamada'];
    let checked = 0;
    for (const { method, path, op } of operations) {
      if (!path.includes('{orgId}')) continue;
      for (const userId of outsiders) {
        const headers = stack.as(userId, OTHER_ORG);
        const theirs = await send(method, url(path, ORG), headers);
        const nowhere = await send(method, url(path, 'no-such-org'), headers);
        expect({
          op: op.operationId,
          userId,
          status: theirs.status,
          code: theirs.body.error?.code,
        }).toEqual({
          op: op.operationId,
          userId,
          status: 404,
          code: 'ORGANISATION_NOT_FOUND',
        });
        // Not told apart: the same answer, word for word, but for the organisation's name.
        expect(theirs.body.error.message.replace(ORG, '?')).toBe(
          nowhere.body.error.message.replace('no-such-org', '?'),
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
    expect(await stack.eventLog()).toEqual(before);
  });
});

describe("an officer's own cases", () => {
  it('another officer can neither read nor work the case, nor list nor open cases for someone else', async () => {
    const ito = stack.as('officer-ito');
    const before = await stack.eventLog();
    for (const [method, path, body] of [
      ['GET', casePath(caseId), undefined],
      ['GET', `${casePath(caseId)}/events`, undefined],
      ['POST', `${casePath(caseId)}/analysis`, ANALYSIS],
      ['POST', `${casePath(caseId)}/contacts`, { method: 'phone' }],
    ] as const) {
      const res = await stack.http(method, path, body, ito);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 403,
        code: 'CASE_NOT_ASSIGNED',
      });
    }
    const list = await stack.http(
      'GET',
      `/organisations/${ORG}/cases?officerId=officer-sato`,
      undefined,
      ito,
    );
    expect([list.status, list.body.error.code]).toEqual([403, 'CASE_NOT_ASSIGNED']);
    const open = await stack.http(
      'POST',
      `/organisations/${ORG}/cases`,
      { firm: { name: '株式会社他人' }, kind: 'standard', officerId: 'officer-sato' },
      ito,
    );
    expect([open.status, open.body.error.code]).toEqual([403, 'CASE_NOT_ASSIGNED']);
    const managers = await stack.http(
      'GET',
      `/organisations/${ORG}/notifications?managers=true`,
      undefined,
      ito,
    );
    expect([managers.status, managers.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    expect(await stack.eventLog()).toEqual(before);

    // Their own list is their own cases; a manager's, everyone's.
    const own = await stack.http('GET', `/organisations/${ORG}/cases`, undefined, ito);
    expect(own.body.items.map((c: { officerId: string }) => c.officerId)).not.toContain(
      'officer-sato',
    );
    const all = await stack.http(
      'GET',
      `/organisations/${ORG}/cases`,
      undefined,
      stack.as('manager-suzuki'),
    );
    expect(all.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
  });

  it('after a reassignment the new officer works the case and the old one no longer can', async () => {
    const moved = await openCase(stack, 'standard', 'access-moved');
    const reassigned = await stack.http(
      'POST',
      `${casePath(moved)}/reassign`,
      { officerId: 'officer-ito', reason: '担当替え' },
      stack.as('manager-suzuki'),
    );
    expect(reassigned.status).toBe(200);
    const sato = await stack.http('POST', `${casePath(moved)}/analysis`, ANALYSIS);
    expect([sato.status, sato.body.error?.code]).toEqual([403, 'CASE_NOT_ASSIGNED']);
    const ito = await stack.http(
      'POST',
      `${casePath(moved)}/analysis`,
      ANALYSIS,
      stack.as('officer-ito'),
    );
    expect(ito.status).toBe(200);
    // Notifications: the officer's are theirs to mark; another officer's ids are ignored.
    const inbox = await stack.http(
      'GET',
      `/organisations/${ORG}/notifications`,
      undefined,
      stack.as('officer-ito'),
    );
    const ids = inbox.body.items.map((n: { id: string }) => n.id);
    expect(ids.length).toBeGreaterThan(0);
    const bySato = await stack.http('POST', `/organisations/${ORG}/notifications/read`, { ids });
    expect(bySato.body).toEqual({ marked: 0 });
    const byManager = await stack.http(
      'POST',
      `/organisations/${ORG}/notifications/read`,
      { ids },
      stack.as('manager-suzuki'),
    );
    expect(byManager.body).toEqual({ marked: ids.length });
  });
});

describe('four eyes on a plan', () => {
  it('the manager who drafted a plan does not approve it; another manager does', async () => {
    const manager = stack.as('manager-suzuki');
    const opened = await stack.http(
      'POST',
      `/organisations/${ORG}/cases`,
      { firm: { name: '株式会社四眼' }, kind: 'standard', officerId: 'officer-sato' },
      { ...manager, 'idempotency-key': 'access-four-eyes' },
    );
    const path = casePath(opened.body.caseId);
    expect((await stack.http('POST', `${path}/analysis`, ANALYSIS, manager)).status).toBe(200);
    expect(
      (await stack.http('POST', `${path}/plan/draft`, planData(today(), 36), manager)).status,
    ).toBe(200);
    const own = await stack.http('POST', `${path}/plan/approve`, {}, manager);
    expect([own.status, own.body.error.code]).toEqual([403, 'SELF_APPROVAL']);
    const other = await stack.http(
      'POST',
      `${path}/plan/approve`,
      {},
      stack.as('manager-takahashi'),
    );
    expect(other.status).toBe(200);
  });
});

describe('who did it, and through which request', () => {
  it("each event records the user, their role and the request's X-Request-Id (or one the API made)", async () => {
    const named = await stack.http(
      'POST',
      `${casePath(caseId)}/contacts`,
      { method: 'phone' },
      {
        'x-request-id': 'req-access-0001',
      },
    );
    expect(named.status).toBe(200);
    expect(named.body.events[0].actor).toEqual({
      id: 'officer-sato',
      role: 'officer',
      requestId: 'req-access-0001',
    });
    const unnamed = await fetch(`${stack.baseUrl}${casePath(caseId)}/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.as('officer-sato') },
      body: JSON.stringify({ method: 'email' }),
    });
    const answer = (await unnamed.json()) as { events: Array<{ actor: { requestId: string } }> };
    const generated = unnamed.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.events[0]?.actor.requestId).toBe(generated);
    // The timers are the system: the scheduling event of an approval records the command's sender.
    const events = await stack.http(
      'GET',
      `${casePath(caseId)}/events`,
      undefined,
      stack.as('manager-suzuki'),
    );
    expect(
      events.body.events.every(
        (e: { actor: { requestId?: string; role: string } }) =>
          e.actor.role === 'system' || e.actor.requestId,
      ),
    ).toBe(true);
  });
});

describe('sign-in with the identity provider', () => {
  const jwt = (
    claims: Record<string, unknown>,
    options: { secret?: string; expires?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime(options.expires ?? '5m')
      .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));

  it('takes a signed token naming user, organisation and role; refuses a forged, expired or incomplete one', async () => {
    const good = await jwt({ sub: 'officer-kato', banso_org: ORG, banso_role: 'officer' });
    const me = await stack.http('GET', '/me', undefined, { authorization: `Bearer ${good}` });
    expect(me.body).toMatchObject({
      userId: 'officer-kato',
      role: 'officer',
      organisationId: ORG,
      via: 'jwt',
    });
    const opened = await stack.http(
      'POST',
      `/organisations/${ORG}/cases`,
      { firm: { name: '株式会社加藤' }, kind: 'founder', officerId: 'officer-kato' },
      { authorization: `Bearer ${good}` },
    );
    expect(opened.status).toBe(201);
    expect(opened.body.events[0].actor).toMatchObject({ id: 'officer-kato', role: 'officer' });

    for (const [token, why] of [
      [
        await jwt(
          { sub: 'x', banso_org: ORG, banso_role: 'manager' },
          { secret: 'another-secret-of-at-least-32-characters!' },
        ),
        /signature/,
      ],
      [
        await jwt({ sub: 'x', banso_org: ORG, banso_role: 'manager' }, { expires: '-1m' }),
        /expired/,
      ],
      [await jwt({ sub: 'x', banso_org: ORG }), /banso_role/],
      [
        await jwt({ sub: 'x', banso_org: ORG, banso_role: 'owner' }),
        /officer, manager, administrator/,
      ],
      [await jwt({ banso_org: ORG, banso_role: 'manager' }), /sub/],
      [
        await jwt({ sub: 'x', banso_org: OTHER_ORG, banso_role: 'manager' }),
        /does not sign people in to rumoi-cci/,
      ],
      [
        await new SignJWT({ sub: 'x', banso_org: ORG, banso_role: 'manager' })
          .setProtectedHeader({ alg: 'HS256' })
          .sign(new TextEncoder().encode(TEST_JWT_SECRET)),
        /exp/,
      ],
    ] as const) {
      const res = await stack.http('GET', '/me', undefined, { authorization: `Bearer ${token}` });
      expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(res.body.error.message).toMatch(why);
    }
  });
});

import { ANALYSIS, planData } from '@banso/testing/fixtures';
import { type ApiErrorCode, statusOf } from '../../apps/api/src/errors/api-error';
import { ORG, today } from './support/case-api';
import {
  type Answer,
  headerParams,
  OpenApiContract,
  type Operation,
  pathParams,
  queryParams,
  type Schema,
  secured,
} from './support/openapi';
import { useE2eStack } from './support/stack';

/**
 * The OpenAPI document is the contract: a client generated from it is never surprised. Every
 * request here is built from the document (paths, methods, parameters), and every answer, success
 * or error, must be a status the operation documents with a body its schema accepts.
 */
const stack = useE2eStack();

interface Request {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A body sent as it is, with `contentType` (application/json when not given). */
  raw?: string;
  contentType?: string;
  /** Merged over a signed-in user's Authorization (see signedIn); undefined leaves a header out. */
  headers?: Record<string, string | undefined>;
}

// Each user's Authorization header, once the stack has issued the keys.
let OFFICER: Record<string, string>;
let ITO: Record<string, string>;
let MANAGER: Record<string, string>;
let ADMIN: Record<string, string>;
let PLATFORM: Record<string, string>;
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

let api: OpenApiContract;

beforeAll(async () => {
  OFFICER = stack.as('officer-sato');
  ITO = stack.as('officer-ito');
  MANAGER = stack.as('manager-suzuki');
  ADMIN = stack.as('admin-yamada');
  PLATFORM = stack.as('platform-administrator');
  api = await OpenApiContract.load(stack.baseUrl);
});

const operation = (operationId: string) => api.operation(operationId);
const validator = (ref: string) => api.validator(ref);

/** A user the operation lets in, officers first: what a client of that role would send. */
function signedIn(op: Operation): Record<string, string> {
  const roles = op['x-banso-roles'] ?? [];
  if (roles.includes('officer')) return OFFICER;
  if (roles.includes('manager')) return MANAGER;
  if (roles.includes('administrator')) return ADMIN;
  if (roles.includes('platformAdministrator')) return PLATFORM;
  return {};
}

const schemaOf = (response: Operation['responses'][string]) =>
  response.content?.['application/json']?.schema;

async function send(method: string, path: string, req: Request = {}): Promise<Answer> {
  const headers = Object.fromEntries(
    Object.entries(req.headers ?? {}).filter((h): h is [string, string] => h[1] !== undefined),
  );
  let body: string | undefined;
  if (method === 'GET' || method === 'HEAD') {
    // fetch sends no body with these.
  } else if (req.raw !== undefined) {
    body = req.raw;
    headers['content-type'] = req.contentType ?? 'application/json';
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`${stack.baseUrl}${path}`, { method, headers, body });
  // Decoded keeping a byte-order mark, which res.text() would drop.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** The answer must be a status the operation documents, with a body its schema accepts. */
function expectDocumented(operationId: string, answer: Answer): void {
  const problem = api.undocumented(operationId, answer);
  if (problem) throw new Error(problem);
}

/** Sends a request to an operation as a generated client would, and checks the answer is documented. */
async function call(operationId: string, req: Request = {}): Promise<Answer> {
  const { path, method, op } = operation(operationId);
  const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = req.params?.[name];
    if (value === undefined) throw new Error(`${operationId}: give the path parameter ${name}`);
    return encodeURIComponent(value);
  });
  const query = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
  const headers = { ...signedIn(op), ...req.headers };
  const answer = await send(method.toUpperCase(), url + query, { ...req, headers });
  expectDocumented(operationId, answer);
  return answer;
}

async function expectRefused(
  operationId: string,
  req: Request,
  code: ApiErrorCode,
  issuePath?: string,
): Promise<Answer> {
  const answer = await call(operationId, req);
  expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({
    status: statusOf(code),
    code,
  });
  if (issuePath) {
    expect(answer.body.error.issues.map((i: { path: string }) => i.path)).toContain(issuePath);
  }
  return answer;
}

/** Values the schema refuses, and values it accepts, for a parameter's schema. */
function invalidValues(schema: Schema): string[] {
  const values = [''];
  if (schema.enum) values.push('not-one-of-them');
  if (schema.type === 'integer') {
    values.push('1.5', '0x10', '1e1', 'ten');
    if (schema.minimum !== undefined) values.push(String(schema.minimum - 1));
    if (schema.maximum !== undefined) values.push(String(schema.maximum + 1));
  }
  if (schema.maxLength !== undefined) values.push('x'.repeat(schema.maxLength + 1));
  if (schema.pattern !== undefined) values.push('Not Valid!');
  if (schema.format === 'date') values.push('2026-02-30', '2026-1-5', 'tomorrow');
  return values.filter((v) => !accepts(schema, v));
}

function validValues(schema: Schema): string[] {
  if (schema.enum) return schema.enum.map(String);
  if (schema.format === 'date') return ['2024-02-29', today()];
  if (schema.type === 'integer') return [String(schema.minimum ?? 1), String(schema.maximum ?? 1)];
  return ['officer-sato'];
}

/** What the parameter's schema says of a value sent as text. */
function accepts(schema: Schema, value: string): boolean {
  if (schema.enum) return schema.enum.includes(value);
  if (schema.type === 'integer') {
    if (!/^-?\d+$/.test(value)) return false;
    const n = Number(value);
    return (schema.minimum ?? -Infinity) <= n && n <= (schema.maximum ?? Infinity);
  }
  if (schema.format === 'date')
    return /^\d{4}-\d{2}-\d{2}$/.test(value) && !value.endsWith('02-30');
  if (schema.minLength !== undefined && value.length < schema.minLength) return false;
  if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
  return schema.pattern === undefined || new RegExp(schema.pattern).test(value);
}

/** The managers' inbox and any officer's are a manager's to read: the query test reads as one. */
const QUERY_READER: Record<string, () => Record<string, string>> = {
  listNotifications: () => MANAGER,
};

const CONSTRAINTS = ['enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'format'];

describe('the document describes every operation exactly', () => {
  it('gives each a stable operationId, constrained parameters and headers, and JSON bodies', () => {
    const ids = [...api.operations.keys()];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(19);
    for (const [id, { path, method, op }] of api.operations) {
      expect({ id, ok: /^[a-z][A-Za-z]+$/.test(id) }).toEqual({ id, ok: true });
      for (const p of op.parameters ?? []) {
        const constrained = CONSTRAINTS.some((c) => c in p.schema);
        expect({ id, parameter: p.name, constrained }).toEqual({
          id,
          parameter: p.name,
          constrained: true,
        });
        if (p.in === 'path') expect(p.required).toBe(true);
      }
      const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(pathParams(op).map((p) => p.name)).toEqual(pathNames);
      // Every operation but the health probe signs in, and names the roles that may call it.
      expect({ id, secured: secured(op) }).toEqual({ id, secured: id !== 'getHealth' });
      if (id !== 'getHealth') expect(op['x-banso-roles']?.length).toBeGreaterThan(0);
      if (method === 'post' || method === 'put') {
        expect(Object.keys(op.requestBody?.content ?? {})).toEqual(['application/json']);
      }
    }
    for (const id of ['openCase', 'recordAnalysis', 'closeCase']) {
      const key = headerParams(operation(id).op).find((p) => p.name === 'Idempotency-Key');
      expect(key?.schema).toMatchObject({ minLength: 1, maxLength: 200 });
    }
    // A body whose fields are all optional may be left out; the others are required.
    expect(operation('approvePlan').op.requestBody?.required).toBe(false);
    expect(operation('recordFollowUp').op.requestBody?.required).toBe(true);
  });

  it('documents every status with a schema: one success, and each error with the one error body', () => {
    for (const [id, { path, op }] of api.operations) {
      const statuses = Object.keys(op.responses).map(Number);
      expect({ id, successes: statuses.filter((s) => s < 300).length }).toEqual({
        id,
        successes: 1,
      });
      for (const [status, response] of Object.entries(op.responses)) {
        const ref = schemaOf(response)?.$ref;
        expect({ id, status, ref: typeof ref }).toEqual({ id, status, ref: 'string' });
        expect(() => validator(ref as string)).not.toThrow();
        const codes = response['x-error-codes'];
        if (Number(status) < 300 || (id === 'getHealth' && status === '503')) continue;
        expect({ id, status, ref }).toEqual({ id, status, ref: '#/components/schemas/ErrorBody' });
        expect(codes?.length).toBeGreaterThan(0);
        for (const code of codes ?? [])
          expect({ id, code, status: statusOf(code) }).toEqual({
            id,
            code,
            status: Number(status),
          });
      }
      const codes = Object.values(op.responses).flatMap((r) => r['x-error-codes'] ?? []);
      expect(codes).toContain('INTERNAL');
      if (op.requestBody)
        expect(codes).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE']));
      if (secured(op)) {
        expect({ id, codes }).toEqual({
          id,
          codes: expect.arrayContaining(['UNAUTHENTICATED', 'ROLE_NOT_ALLOWED']),
        });
      }
      if (secured(op) && /\{orgId\}/.test(path)) expect(codes).toContain('ORGANISATION_NOT_FOUND');
      if ((op.parameters ?? []).length > 0) expect(codes).toContain('VALIDATION_FAILED');
    }
  });

  it('documents a policy time zone as a non-empty string', () => {
    for (const id of ['createOrganisation', 'publishPolicy']) {
      const body = operation(id).op.requestBody?.content['application/json']?.schema;
      expect(body?.properties?.policy?.properties?.timeZone).toMatchObject({
        type: 'string',
        minLength: 1,
      });
    }
  });
});

describe('paths and methods', () => {
  it('answers 405 with Allow for every method a documented path does not take', async () => {
    const params: Record<string, string> = {
      orgId: ORG,
      caseId: 'abcdefgh-0001',
      userId: 'officer-sato',
      keyId: 'a'.repeat(20),
      year: '2026',
    };
    for (const [path, item] of Object.entries(api.doc.paths)) {
      const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] as string);
      const documented = Object.keys(item).map((m) => m.toUpperCase());
      const allow = documented.includes('GET') ? [...documented, 'HEAD'] : documented;
      for (const method of HTTP_METHODS.filter((m) => !documented.includes(m))) {
        const answer = await send(method, url, { headers: OFFICER, body: {} });
        expect({ method, path, status: answer.status, code: answer.body?.error?.code }).toEqual({
          method,
          path,
          status: 405,
          code: 'METHOD_NOT_ALLOWED',
        });
        expect(answer.headers.get('allow')?.split(', ').sort()).toEqual([...allow].sort());
        expect(validator('#/components/schemas/ErrorBody')(answer.body)).toBe(true);
      }
    }
    // Whatever the body: a text body on a method the path does not take is still a 405.
    const text = await send('PUT', '/health', { raw: 'hello', contentType: 'text/plain' });
    expect([text.status, text.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const options = await send('OPTIONS', `/organisations/${ORG}/cases`);
    expect([options.status, options.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST']);
    const page = await send('GET', '/docs');
    expect([page.status, page.headers.get('content-type')]).toEqual([
      200,
      expect.stringContaining('text/html'),
    ]);
    const docs = await send('POST', '/docs-json');
    expect([docs.status, docs.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });

  it('answers 404 ROUTE_NOT_FOUND for a path it does not document, in the one error shape', async () => {
    for (const path of [
      '/nowhere',
      `/organisations/${ORG}/nothing`,
      `/organisations/${ORG}/cases/x/y/z`,
    ]) {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const answer = await send(method, path, { headers: OFFICER });
        expect([answer.status, answer.body.error.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
        expect(validator('#/components/schemas/ErrorBody')(answer.body)).toBe(true);
      }
    }
  });
});

describe('what the document refuses is refused with its 400; what it accepts is accepted', () => {
  let caseId: string;
  beforeAll(async () => {
    const opened = await call('openCase', {
      params: { orgId: ORG },
      body: { firm: { name: '株式会社契約' }, kind: 'standard', officerId: 'officer-sato' },
    });
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
  });
  const PARAMS = (): Record<string, string> => ({
    orgId: ORG,
    caseId,
    userId: 'officer-sato',
    keyId: 'a'.repeat(20),
    year: '2026',
  });
  const paramsFor = (op: Operation) =>
    Object.fromEntries(pathParams(op).map((p) => [p.name, PARAMS()[p.name] as string]));

  it('Authorization: missing, empty, malformed, unknown, wrongly signed or revoked is a 401, on every operation that signs in', async () => {
    const revoked = await call('issueApiKey', {
      params: { orgId: ORG, userId: 'officer-sato' },
      body: { label: 'to revoke' },
    });
    expect(revoked.status).toBe(201);
    const revocation = await call('revokeApiKey', {
      params: { orgId: ORG, userId: 'officer-sato', keyId: revoked.body.id },
    });
    expect(revocation.body.revokedAt).toEqual(expect.any(String));
    const valid = OFFICER.authorization as string;
    const wrongSecret = valid.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const bad: Array<string | undefined> = [
      undefined,
      '',
      'Basic b2ZmaWNlcjpzZWNyZXQ=',
      'Bearer',
      'Bearer not-a-key',
      `Bearer banso_${'0'.repeat(20)}.${'A'.repeat(43)}`,
      wrongSecret,
      `Bearer ${revoked.body.key}`,
      'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
    ];
    let checked = 0;
    for (const [id, { op }] of api.operations) {
      if (!secured(op)) continue;
      for (const authorization of bad) {
        const answer = await expectRefused(
          id,
          { params: paramsFor(op), body: {}, headers: { authorization } },
          'UNAUTHENTICATED',
        );
        expect(answer.body.error.message.length).toBeGreaterThan(10);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
    // The health probe needs no sign-in.
    expect((await call('getHealth', { headers: { authorization: undefined } })).status).toBe(200);
  });

  it('Idempotency-Key: empty, with a space or too long is a 400; 200 printable characters are taken', async () => {
    const body = { firm: { name: '株式会社鍵' }, kind: 'standard', officerId: 'officer-sato' };
    for (const key of ['', 'has space', 'k'.repeat(201), 'clé']) {
      await expectRefused(
        'openCase',
        { params: { orgId: ORG }, body, headers: { 'idempotency-key': key } },
        'VALIDATION_FAILED',
        'headers.idempotency-key',
      );
      await expectRefused(
        'closeCase',
        {
          params: { orgId: ORG, caseId },
          body: { reason: 'withdrawn' },
          headers: { 'idempotency-key': key },
        },
        'VALIDATION_FAILED',
        'headers.idempotency-key',
      );
    }
    const longest = '!~'.repeat(100);
    const opened = await call('openCase', {
      params: { orgId: ORG },
      body,
      headers: { 'idempotency-key': longest },
    });
    expect([opened.status, opened.body.commandId]).toEqual([201, longest]);
  });

  it('query parameters: each value outside the schema (empty ones too) is a 400; each inside is a 200', async () => {
    let checked = 0;
    for (const [id, { op }] of api.operations) {
      const params = paramsFor(op);
      for (const p of queryParams(op)) {
        const headers = QUERY_READER[id]?.();
        for (const value of invalidValues(p.schema)) {
          await expectRefused(
            id,
            { params, query: { [p.name]: value }, headers },
            'VALIDATION_FAILED',
            `query.${p.name}`,
          );
          checked++;
        }
        // A cursor is valid only against the list whose page gave it: its own test below.
        if (p.name === 'cursor') continue;
        for (const value of validValues(p.schema)) {
          const answer = await call(id, { params, query: { [p.name]: value }, headers });
          expect({ id, parameter: p.name, value, status: answer.status }).toEqual({
            id,
            parameter: p.name,
            value,
            status: 200,
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    // An empty value is named as such, with how to leave the filter out.
    const empty = await call('listCases', { params: { orgId: ORG }, query: { stage: '' } });
    expect(empty.body.error.issues[0].message).toMatch(
      /must not be empty.*leave the parameter out/,
    );
  });

  it('query parameter cursor: a page’s nextCursor is the page after it; another list’s is a 400', async () => {
    const org = { orgId: ORG };
    for (const i of [1, 2]) {
      const body = {
        firm: { name: `株式会社頁${i}` },
        kind: 'standard',
        officerId: 'officer-sato',
      };
      const key = { 'idempotency-key': `contract-cursor-${i}` };
      expect((await call('openCase', { params: org, body, headers: key })).status).toBe(201);
    }
    const first = await call('listCases', { params: org, query: { pageSize: '1' } });
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const next = await call('listCases', { params: org, query: { pageSize: '1', cursor } });
    expect([next.status, next.body.page]).toEqual([200, 2]);
    expect(next.body.items[0].caseId).not.toBe(first.body.items[0].caseId);
    const refused: Record<string, string>[] = [
      { stage: 'closed', cursor },
      { page: '2', cursor },
      { cursor: 'officer-sato' },
    ];
    for (const query of refused) {
      await expectRefused('listCases', { params: org, query }, 'VALIDATION_FAILED', 'query.cursor');
    }
  });

  it('path parameters: a malformed one is a 400 naming it; a well-formed unknown one a 404', async () => {
    for (const [id, { op }] of api.operations) {
      for (const p of pathParams(op)) {
        for (const value of invalidValues(p.schema).filter((v) => v !== '')) {
          const params = { ...paramsFor(op), [p.name]: value };
          await expectRefused(id, { params, body: {} }, 'VALIDATION_FAILED', `path.${p.name}`);
        }
      }
    }
    await expectRefused(
      'getOrganisation',
      { params: { orgId: 'no-such-org' } },
      'ORGANISATION_NOT_FOUND',
    );
    await expectRefused(
      'getCase',
      { params: { orgId: ORG, caseId: 'abcdefgh' } },
      'CASE_NOT_FOUND',
    );
  });

  it('bodies: a policy time zone of "" is a clear 400; a real one is taken', async () => {
    const empty = await expectRefused(
      'createOrganisation',
      { body: { id: 'contract-tz', name: '時間帯', policy: { timeZone: '' } } },
      'VALIDATION_FAILED',
    );
    expect(empty.body.error.issues).toEqual([
      { path: 'body.policy.timeZone', message: expect.stringMatching(/must not be empty/) },
    ]);
    await expectRefused(
      'publishPolicy',
      { params: { orgId: ORG }, body: { policy: { timeZone: '' } } },
      'VALIDATION_FAILED',
      'body.policy.timeZone',
    );
    await expectRefused(
      'publishPolicy',
      { params: { orgId: ORG }, body: { policy: { timeZone: 'Mars/Olympus' } } },
      'VALIDATION_FAILED',
      'body.policy.timeZone',
    );
    const created = await call('createOrganisation', {
      body: { id: 'contract-tz', name: '時間帯', policy: { timeZone: 'Asia/Tokyo' } },
    });
    expect(created.status).toBe(201);
  });

  it('bodies: not JSON, not sent as JSON, or larger than 1 MB are refused in the one error shape', async () => {
    const params = { orgId: ORG };
    await expectRefused('createOrganisation', { raw: '{"id": ' }, 'VALIDATION_FAILED', 'body');
    await expectRefused(
      'createOrganisation',
      { raw: 'id=form-org&name=x', contentType: 'application/x-www-form-urlencoded' },
      'VALIDATION_FAILED',
      'headers.content-type',
    );
    await expectRefused(
      'createOrganisation',
      { raw: '{"id": "text-org", "name": "x"}', contentType: 'text/plain' },
      'VALIDATION_FAILED',
      'headers.content-type',
    );
    await expectRefused('openCase', { params, body: [] }, 'VALIDATION_FAILED');
    const large = {
      firm: { name: 'x'.repeat(1_100_000) },
      kind: 'standard',
      officerId: 'officer-sato',
    };
    await expectRefused('openCase', { params, body: large }, 'PAYLOAD_TOO_LARGE');
    expect((await call('getOrganisation', { params: { orgId: 'form-org' } })).status).toBe(404);
  });
});

describe('real answers match the documented schemas', () => {
  it('a case from opening to closing, its lists, events, notifications, and health', async () => {
    const org = { orgId: ORG };
    expect((await call('getHealth')).status).toBe(200);
    expect((await call('getOrganisation', { params: org })).status).toBe(200);
    const published = await call('publishPolicy', {
      params: org,
      body: { policy: { reminderLeadDays: 5 } },
    });
    expect(published.status).toBe(201);
    expect((await call('listPolicyVersions', { params: org })).status).toBe(200);

    const openBody = {
      firm: {
        name: '株式会社生涯',
        representative: '契約 太郎',
        industry: '製造業',
        employees: 5,
        corporateNumber: '1234567890123',
      },
      kind: 'founder',
      officerId: 'officer-sato',
    };
    const key = { 'idempotency-key': 'contract-lifecycle' };
    const opened = await call('openCase', { params: org, body: openBody, headers: key });
    expect(opened.status).toBe(201);
    const again = await call('openCase', { params: org, body: openBody, headers: key });
    expect(again.body.caseId).toBe(opened.body.caseId);
    const c = { ...org, caseId: opened.body.caseId as string };

    // Errors are documented answers too.
    await expectRefused(
      'recordFollowUp',
      { params: c, body: { visitedOn: today(), method: 'visit', actuals: {} } },
      'WRONG_STAGE',
    );
    expect((await call('getCase', { params: c })).status).toBe(200);
    expect((await call('recordAnalysis', { params: c, body: ANALYSIS })).status).toBe(200);
    await expectRefused('approvePlan', { params: c, headers: MANAGER }, 'PLAN_NOT_DRAFTED');
    expect((await call('draftPlan', { params: c, body: planData(today(), 36) })).status).toBe(200);
    await expectRefused('approvePlan', { params: c, headers: OFFICER }, 'ROLE_NOT_ALLOWED');
    // No body at all: the document says approvePlan's body may be left out.
    expect((await call('approvePlan', { params: c, headers: MANAGER })).status).toBe(200);
    const followUp = await call('recordFollowUp', {
      params: c,
      body: {
        visitedOn: today(),
        method: 'visit',
        actuals: { 'monthly-sales': 5_000 },
        notes: '売上が計画を下回る',
      },
    });
    expect(followUp.body.state.openProposal).toBeDefined();
    const confirmed = await call('confirmDispatchProposal', {
      params: c,
      body: { programme: 'yorozuSupportCentre' },
      headers: MANAGER,
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.state.openDispatch).toBeDefined();
    const managers = await call('listNotifications', {
      params: org,
      query: { managers: 'true', unread: 'true' },
      headers: MANAGER,
    });
    expect(managers.body.items.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['dispatchProposed', 'dispatchRequested']),
    );
    expect(
      (
        await call('completeExpertDispatch', {
          params: c,
          body: {
            expert: { name: '中小企業診断士 山田', programme: 'エキスパートバンク' },
            summary: '販路の見直し',
          },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('revisePlan', {
          params: c,
          body: { ...planData(today(), 24), reason: '期間の短縮' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('reassignOfficer', {
          params: c,
          body: { officerId: 'officer-ito', reason: '担当替え' },
          headers: MANAGER,
        })
      ).status,
    ).toBe(200);
    const inbox = await call('listNotifications', {
      params: org,
      query: { officerId: 'officer-ito' },
      headers: ITO,
    });
    const ids = inbox.body.items.map((n: { id: string }) => n.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(
      (await call('markNotificationsRead', { params: org, body: { ids }, headers: ITO })).body,
    ).toEqual({ marked: ids.length });
    const read = await call('listNotifications', {
      params: org,
      query: { page: '1', pageSize: '5' },
      headers: ITO,
    });
    expect(read.body.items[0]).toMatchObject({ read: true, readBy: 'officer-ito' });

    const listed = await call('listCases', {
      params: org,
      query: { stage: 'followUp', openDispatch: 'false', sort: 'nextFollowUpDue', order: 'asc' },
      headers: MANAGER,
    });
    expect(listed.body.items.map((s: { caseId: string }) => s.caseId)).toContain(c.caseId);
    expect((await call('getCase', { params: c, headers: ITO })).body.state.status).toBe('followUp');
    expect(
      (await call('closeCase', { params: c, body: { reason: 'selfSustaining', note: '自走化' } }))
        .status,
    ).toBe(200);
    await expectRefused(
      'reassignOfficer',
      { params: c, body: { officerId: 'officer-sato' }, headers: MANAGER },
      'WRONG_STAGE',
    );
    const closed = await call('getCase', { params: c, headers: MANAGER });
    expect(closed.body.state).toMatchObject({
      status: 'closed',
      closed: { reason: 'selfSustaining' },
    });
    const closedList = await call('listCases', {
      params: org,
      query: { stage: 'closed' },
      headers: MANAGER,
    });
    expect(
      closedList.body.items.find((s: { caseId: string }) => s.caseId === c.caseId),
    ).toMatchObject({ closeReason: 'selfSustaining' });

    const audit = await call('auditCase', { params: c, headers: MANAGER });
    expect([audit.body.verified, audit.body.events.length]).toEqual([true, expect.any(Number)]);
    const history = await call('listCaseEvents', { params: c, headers: MANAGER });
    expect([...new Set(history.body.events.map((e: { type: string }) => e.type))]).toEqual(
      expect.arrayContaining([
        'CaseOpened',
        'AnalysisRecorded',
        'PlanDrafted',
        'PlanApproved',
        'FollowUpScheduled',
        'FollowUpRecorded',
        'ExpertDispatchRequested',
        'ExpertDispatchCompleted',
        'PlanRevised',
        'OfficerReassigned',
        'CaseClosed',
      ]),
    );
  });
});

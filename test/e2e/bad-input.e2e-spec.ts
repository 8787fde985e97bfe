import fc from 'fast-check';
import { ANALYSIS } from '@banso/testing/fixtures';
import type { ApiErrorCode } from '../../apps/api/src/errors/api-error';
import { bodiesWhereNoneIsTaken, bodyFaults, unreadableBodies } from './support/bad-input/bodies';
import {
  authorizationFaults,
  type BadToken,
  badTokens,
  idempotencyFaults,
  withRequestId,
} from './support/bad-input/headers';
import { pathParamFaults, queryFaults } from './support/bad-input/parameters';
import { asReceived, type Faults, type Probe, type World } from './support/bad-input/probe';
import { casePath, createOrganisation, openCase, ORG, toFollowUp } from './support/case-api';
import {
  type Answer,
  bodySchemaOf,
  headerParams,
  OpenApiContract,
  pathParams,
  queryParams,
  secured,
} from './support/openapi';
import { sendRaw } from './support/raw-http';
import { SchemaArbitraries } from './support/schema-arbitraries';
import { useE2eStack } from './support/stack';

/**
 * Bad input, generated from the served OpenAPI document (whose bodies are the command
 * declarations' schemas): bodies, parameters and headers outside what each operation takes, sent
 * to every operation against live cases in every stage. Whatever is sent, the answer is never a
 * 5xx; it is a status the operation documents (or one the document gives every path: 404
 * ROUTE_NOT_FOUND, 405 METHOD_NOT_ALLOWED, 431 HEADERS_TOO_LARGE), in the one error shape with a
 * code listed for that status, naming the fault where it is; and nothing changes: no table of the
 * database, no case.
 *
 * fast-check prints the seed and path of a failure: BANSO_FC_SEED and BANSO_FC_PATH replay it.
 * BANSO_FC_RUNS scales the runs per operation (1 by default).
 */
const stack = useE2eStack();
const OTHER_ORG = 'rumoi-cci';
const SCALE = Number(process.env.BANSO_FC_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
fc.configureGlobal({
  ...(process.env.BANSO_FC_SEED ? { seed: Number(process.env.BANSO_FC_SEED) } : {}),
  ...(process.env.BANSO_FC_PATH ? { path: process.env.BANSO_FC_PATH } : {}),
  endOnFailure: true,
});

let world: World;
let tokens: BadToken[];
let before: unknown;

beforeAll(async () => {
  const api = await OpenApiContract.load(stack.baseUrl);
  const cases: Record<string, string> = {};
  world = {
    api,
    arb: new SchemaArbitraries(api),
    as: (userId, org) => stack.as(userId, org),
    org: ORG,
    cases,
  };
  await createOrganisation(stack, OTHER_ORG);
  const manager = stack.as('manager-suzuki');
  cases.analysis = await openCase(stack, 'standard', 'bad-input-analysis');
  cases.planning = await openCase(stack, 'standard', 'bad-input-planning');
  const analysed = await stack.http('POST', `${casePath(cases.planning)}/analysis`, ANALYSIS);
  expect(analysed.status).toBe(200);
  cases.followUp = await openCase(stack, 'standard', 'bad-input-follow-up');
  await toFollowUp(stack, cases.followUp);
  cases.closed = await openCase(stack, 'succession', 'bad-input-closed');
  const closing = { reason: 'withdrawn' };
  const closed = await stack.http('POST', `${casePath(cases.closed)}/close`, closing, manager);
  expect(closed.status).toBe(200);
  // A key issued and revoked: it must sign no one in.
  const admin = stack.as('admin-yamada');
  const keys = `/organisations/${ORG}/users/officer-ito/api-keys`;
  const issued = await stack.http('POST', keys, { label: 'revoked' }, admin);
  const revoked = await stack.http('DELETE', `${keys}/${issued.body.id}`, undefined, admin);
  expect(revoked.status).toBe(200);
  tokens = await badTokens(world, issued.body.key as string);
  before = await snapshot();
});

/** The database, table by table, the event log, and every case as the API shows it. */
async function snapshot(): Promise<unknown> {
  const manager = stack.as('manager-suzuki');
  const live = await Promise.all(
    Object.values(world.cases).map(
      async (id) => (await stack.http('GET', casePath(id), undefined, manager)).body,
    ),
  );
  return { tables: await stack.tableChecksums(), log: await stack.eventLog(), live };
}

/** Sends the probe and judges the answer; then no table may have changed. */
async function judge(probe: Probe): Promise<void> {
  const answer = await sendRaw(stack.baseUrl, probe.req);
  const problem = verdict(probe, answer);
  if (problem) throw new Error(problem);
  expect(await stack.tableChecksums()).toEqual((before as { tables: unknown }).tables);
}

/** Why the answer is wrong for the probe, or undefined when it is right. */
function verdict(probe: Probe, answer: Answer): string | undefined {
  const { api } = world;
  const said = `${answer.status} ${answer.text.slice(0, 600)}`;
  if (answer.status >= 500) return `a 5xx: ${said}`;
  if (answer.status === 431) {
    // Node refuses the request before reading it: no route, no request id.
    return answer.body?.error?.code === 'HEADERS_TOO_LARGE' ? api.notAnError(answer) : said;
  }
  const target = api.operationAt(probe.req.method, probe.req.path);
  if (target) {
    const problem = api.undocumented(target, answer);
    if (problem) return problem;
  } else if (![404, 405].includes(answer.status)) {
    return `a path the document does not list, answered ${said}`;
  }
  if (answer.status >= 400) {
    const problem = api.notAnError(answer);
    if (problem) return problem;
    const code = answer.body.error.code as ApiErrorCode;
    if (!target && !['ROUTE_NOT_FOUND', 'METHOD_NOT_ALLOWED'].includes(code)) {
      return `a path the document does not list, answered ${code}: ${said}`;
    }
    if (answer.body.error.message.length < 10) return `no message to act on: ${said}`;
  } else if (probe.expected.refused && (target === probe.operationId || !target)) {
    // (A path that became another operation's, `…/cases/` for a case, is judged as that one's.)
    return `taken, though it must be refused: ${said}`;
  }
  if (target === probe.operationId) {
    const { codes, issue } = probe.expected;
    const code = answer.body?.error?.code as ApiErrorCode | undefined;
    if (codes && !codes.includes(code as ApiErrorCode)) {
      return `expected ${codes.join(' or ')}, got ${said}`;
    }
    if (issue && code === 'VALIDATION_FAILED') {
      const paths = (answer.body.error.issues ?? []).map((i: { path: string }) => i.path);
      const at = (p: string) =>
        p === issue || p.startsWith(`${issue}.`) || issue.startsWith(`${p}.`);
      if (!paths.some(at)) return `${issue} is not named among ${paths.join(', ')}: ${said}`;
    }
  }
  return requestIdProblem(probe, answer);
}

/** The caller's X-Request-Id names the request if it is printable ASCII; else one is made. */
function requestIdProblem(probe: Probe, answer: Answer): string | undefined {
  const sent = probe.req.headers['x-request-id'];
  const kept = sent !== undefined && /^[\x21-\x7e]{1,200}$/.test(asReceived(sent));
  const echoed = answer.headers.get('x-request-id');
  if (kept ? echoed !== asReceived(sent) : !/^[0-9a-f-]{36}$/.test(echoed ?? '')) {
    return `X-Request-Id ${JSON.stringify(sent?.slice(0, 50))} answered as ${echoed}`;
  }
  if (answer.status >= 400 && answer.body.requestId !== echoed) {
    return `the error body names request ${answer.body.requestId}, the header ${echoed}`;
  }
  return undefined;
}

/** The property for each operation it applies to, in turn; then nothing may have changed. */
async function forEachOperation(
  applies: (operationId: string) => boolean,
  numRuns: number,
  faults: Faults,
): Promise<number> {
  let operations = 0;
  for (const operationId of world.api.operations.keys()) {
    if (!applies(operationId)) continue;
    operations++;
    const probes = withRequestId(faults(world, operationId));
    await fc.assert(fc.asyncProperty(probes, judge), { numRuns });
  }
  expect(await snapshot()).toEqual(before);
  return operations;
}

const op = (id: string) => world.api.operation(id).op;
const takesBody = (id: string) => bodySchemaOf(op(id)) !== undefined;

describe('bad input to every operation is refused, in the one error shape, and changes nothing', () => {
  it('reaches every operation the document lists', () => {
    expect(world.api.operations.size).toBeGreaterThanOrEqual(38);
    expect([...world.api.operations.keys()].filter(takesBody).length).toBeGreaterThanOrEqual(20);
  });

  it('bodies: a wrong type, a missing property, a value out of range, oversized or deeply nested, anywhere', async () => {
    expect(await forEachOperation(takesBody, runs(7), bodyFaults)).toBeGreaterThanOrEqual(20);
  });

  it('bodies: not JSON, not an object, not sent as JSON, wrongly encoded, none, or over 1 MB (413)', async () => {
    expect(await forEachOperation(takesBody, runs(5), unreadableBodies)).toBeGreaterThanOrEqual(20);
  });

  it('a body sent where none is taken is not read: neither refused nor too large', async () => {
    const bodyless = (id: string) => !takesBody(id);
    expect(
      await forEachOperation(bodyless, runs(1), bodiesWhereNoneIsTaken),
    ).toBeGreaterThanOrEqual(15);
  });

  it('path parameters: empty, too long, of another pattern, not ASCII, `..`, encoded slashes', async () => {
    const withParams = (id: string) => pathParams(op(id)).length > 0;
    expect(await forEachOperation(withParams, runs(4), pathParamFaults)).toBeGreaterThanOrEqual(35);
  });

  it('query parameters: outside their schema, empty, repeated', async () => {
    const withQuery = (id: string) => queryParams(op(id)).length > 0;
    expect(await forEachOperation(withQuery, runs(12), queryFaults)).toBeGreaterThanOrEqual(5);
  });

  it('Idempotency-Key: empty, spaced, not ASCII, long, huge', async () => {
    const withKey = (id: string) => headerParams(op(id)).some((p) => p.name === 'Idempotency-Key');
    expect(await forEachOperation(withKey, runs(3), idempotencyFaults)).toBeGreaterThanOrEqual(18);
  });

  it('Authorization: none, garbage, revoked, forged, expired, another organisation’s, a role not let in', async () => {
    const signsIn = (id: string) => secured(op(id));
    const faults = authorizationFaults(tokens, OTHER_ORG);
    expect(await forEachOperation(signsIn, runs(4), faults)).toBeGreaterThanOrEqual(38);
  });
});

describe('what the properties found, pinned', () => {
  const send = (req: Parameters<typeof sendRaw>[1]) => sendRaw(stack.baseUrl, req);
  const analysis = () => `${casePath(world.cases.planning as string)}/analysis`;
  const officer = () => ({ ...stack.as('officer-sato'), 'content-type': 'application/json' });

  it('a body that does not inflate as its Content-Encoding says is a 400, not a 500', async () => {
    const answer = await send({
      method: 'POST',
      path: analysis(),
      headers: { ...officer(), 'content-encoding': 'deflate' },
      body: '{"keyIssues": []}',
    });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(answer.body.error.issues).toEqual([{ path: 'body', message: expect.any(String) }]);
  });

  it('a path that is not valid percent-encoding is a 400 naming the path, not a 500', async () => {
    const answer = await send({
      method: 'GET',
      path: `/organisations/${ORG}/cases/%zz`,
      headers: officer(),
    });
    expect([answer.status, answer.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(answer.body.error.issues[0].path).toBe('path');
  });

  it('a request refused before it is read names its request id too (header and body)', async () => {
    const headers = { ...officer(), 'x-request-id': 'pinned-413' };
    const large = await send({
      method: 'POST',
      path: analysis(),
      headers,
      body: `"${'x'.repeat(1_100_000)}"`,
    });
    expect([large.status, large.headers.get('x-request-id'), large.body.requestId]).toEqual([
      413,
      'pinned-413',
      'pinned-413',
    ]);
  });

  it('headers over 16 KB are a 431 HEADERS_TOO_LARGE in the one error shape', async () => {
    const headers = { ...officer(), 'idempotency-key': 'k'.repeat(20_000) };
    const answer = await send({ method: 'POST', path: analysis(), headers, body: '{}' });
    expect([answer.status, answer.body.error.code]).toEqual([431, 'HEADERS_TOO_LARGE']);
    expect(world.api.notAnError(answer)).toBeUndefined();
  });

  it('a body sent with a GET is not read: neither a 400 nor a 413', async () => {
    for (const body of ['{', `"${'x'.repeat(1_100_000)}"`]) {
      const answer = await send({ method: 'GET', path: '/me', headers: officer(), body });
      expect(answer.status).toBe(200);
    }
  });

  it('an audit answers as its schema says (the document described an intersection nothing matched)', async () => {
    const path = `${casePath(world.cases.followUp as string)}/audit`;
    const answer = await send({ method: 'GET', path, headers: stack.as('manager-suzuki') });
    expect(world.api.undocumented('auditCase', answer)).toBeUndefined();
  });
});

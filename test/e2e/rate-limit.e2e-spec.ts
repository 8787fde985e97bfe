import { SignJWT } from 'jose';
import { ORG, TEST_JWT_SECRET } from './support/case-api';
import { useE2eStack } from './support/stack';

/**
 * Writes are limited per signed-in key (WRITE_RATE_LIMIT_PER_MINUTE), not per address: a key over
 * its limit is answered 429 RATE_LIMITED with Retry-After, and nothing is done; another key of the
 * same person, another person and every read go on.
 */
const stack = useE2eStack();
const LIMIT = 4;

beforeAll(async () => {
  // The stack runs with a limit no test meets; this file's API counts a few writes only.
  await stack.stopApi();
  await stack.startApi({ WRITE_RATE_LIMIT_PER_MINUTE: LIMIT });
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Answer> {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

const open = (headers: Record<string, string>, name: string, officerId = 'officer-sato') =>
  send('POST', `/organisations/${ORG}/cases`, headers, {
    firm: { name },
    kind: 'standard',
    officerId,
  });

const snapshot = async () => ({
  log: await stack.eventLog(),
  tables: await stack.tableChecksums(),
});

describe('writes are limited per key', () => {
  it('answers a key over its limit 429 with Retry-After, changing nothing; other keys and reads go on', async () => {
    const sato = stack.as('officer-sato');
    for (let i = 1; i <= LIMIT; i++) {
      const opened = await open(sato, `株式会社 上限${i}`);
      expect(opened.status).toBe(201);
      expect(opened.headers.get('x-ratelimit-limit')).toBe(String(LIMIT));
      expect(opened.headers.get('x-ratelimit-remaining')).toBe(String(LIMIT - i));
    }

    const before = await snapshot();
    const refused = await open(sato, '株式会社 上限超過');
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/Retry-After/) },
      requestId: expect.any(String),
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Any write of the key, on any route, a bad one too: the limit is the key's, not the route's.
    const contact = await send('POST', `/organisations/${ORG}/cases/no-such-case/contacts`, sato, {
      method: 'phone',
    });
    expect([contact.status, contact.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(await snapshot()).toEqual(before);

    // Reads are not limited.
    const listed = await send('GET', `/organisations/${ORG}/cases`, sato);
    expect([listed.status, listed.body.total]).toEqual([200, LIMIT]);
    expect(listed.headers.get('x-ratelimit-limit')).toBeNull();
    // Another person's key, and another key of the same person, write on.
    expect((await open(stack.as('officer-ito'), '株式会社 別の鍵', 'officer-ito')).status).toBe(
      201,
    );
    const issued = await send(
      'POST',
      `/organisations/${ORG}/users/officer-sato/api-keys`,
      stack.as('admin-yamada'),
      { label: 'second' },
    );
    expect(issued.status).toBe(201);
    const second = { authorization: `Bearer ${issued.body.key as string}` };
    expect((await open(second, '株式会社 二本目の鍵')).status).toBe(201);
    // The first key is still over its limit.
    expect((await open(sato, '株式会社 まだ超過')).status).toBe(429);
  });

  it('counts a JWT’s writes by its user and organisation, and a refused sign-in not at all', async () => {
    const token = await new SignJWT({ sub: 'officer-kato', banso_org: ORG, banso_role: 'officer' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const kato = { authorization: `Bearer ${token}` };
    const openAs = (name: string) =>
      send('POST', `/organisations/${ORG}/cases`, kato, {
        firm: { name },
        kind: 'founder',
        officerId: 'officer-kato',
      });
    // Refused before the limit is counted: they do not use it up.
    for (let i = 0; i < LIMIT + 2; i++) {
      const bad = await send('POST', `/organisations/${ORG}/cases`, { authorization: 'Bearer x' });
      expect(bad.status).toBe(401);
    }
    for (let i = 1; i <= LIMIT; i++) expect((await openAs(`株式会社 加藤${i}`)).status).toBe(201);
    const refused = await openAs('株式会社 加藤超過');
    expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await send('GET', '/me', kato)).status).toBe(200);
  });
});

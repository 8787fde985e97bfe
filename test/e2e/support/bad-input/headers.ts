import fc from 'fast-check';
import { SignJWT } from 'jose';
import type { ApiErrorCode } from '../../../../apps/api/src/errors/api-error';
import { TEST_JWT_SECRET } from '../case-api';
import { asReceived, baseRequest, type Faults, Probe, ROLES, roleKeys, type World } from './probe';

/** Header text a client can send: Latin-1 without control characters but tab. */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc
      .oneof(
        fc.integer({ min: 0x20, max: 0x7e }),
        fc.integer({ min: 0xa0, max: 0xff }),
        fc.constant(9),
      )
      .map((c) => String.fromCharCode(c)),
    maxLength,
  });

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * An Idempotency-Key outside 1–200 printable ASCII characters: empty, spaced, not ASCII, long,
 * huge (past 16 KB of headers: Node's 431, in the one error shape). Refused with a 400 naming it.
 */
export const idempotencyFaults: Faults = (world, operationId) =>
  fc
    .tuple(
      baseRequest(world, operationId),
      fc.oneof(
        fc.constantFrom('', ' ', 'has space', 'clé', '\t'),
        fc.integer({ min: 201, max: 20_000 }).map((n) => 'k'.repeat(n)),
        headerText(60),
      ),
    )
    .filter(([, key]) => !IDEMPOTENCY_KEY.test(asReceived(key)))
    .map(
      ([{ req }, key]) =>
        new Probe(
          operationId,
          'Idempotency-Key',
          { ...req, headers: { ...req.headers, 'idempotency-key': key } },
          { refused: true, codes: ['VALIDATION_FAILED'], issue: 'headers.idempotency-key' },
        ),
    );

export interface BadToken {
  what: string;
  /** Left out when undefined. */
  authorization?: string;
}

const jwt = (
  claims: Record<string, unknown>,
  secret = TEST_JWT_SECRET,
  expires: string | number = '5m',
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(new TextEncoder().encode(secret));

/** Authorization headers that sign no one in. */
export async function badTokens(world: World, revokedKey: string): Promise<BadToken[]> {
  const valid = world.as('officer-sato').authorization as string;
  const claims = { sub: 'officer-kato', banso_org: world.org, banso_role: 'officer' };
  const an = async (what: string, token: Promise<string>) => ({
    what,
    authorization: `Bearer ${await token}`,
  });
  const expired = Math.floor(Date.now() / 1000) - 60;
  return [
    { what: 'none' },
    { what: 'empty', authorization: '' },
    { what: 'Bearer alone', authorization: 'Bearer' },
    { what: 'Basic', authorization: 'Basic b2ZmaWNlcjpzZWNyZXQ=' },
    { what: 'a wrong secret', authorization: valid.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) },
    { what: 'a key cut short', authorization: valid.slice(0, -5) },
    { what: 'an unknown key', authorization: `Bearer banso_${'0'.repeat(20)}.${'A'.repeat(43)}` },
    { what: 'a revoked key', authorization: `Bearer ${revokedKey}` },
    { what: 'an unsigned JWT', authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' },
    await an('a JWT signed with another secret', jwt(claims, 'x'.repeat(40))),
    await an('an expired JWT', jwt(claims, TEST_JWT_SECRET, expired)),
    await an(
      'a JWT of an organisation not its provider’s',
      jwt({ ...claims, banso_org: 'rumoi-cci' }),
    ),
    await an('a JWT with no role', jwt({ sub: 'x', banso_org: world.org })),
    await an('a JWT of the system role', jwt({ ...claims, banso_role: 'system' })),
  ];
}

/**
 * Authorization missing, empty, garbage, revoked, forged or expired (401); a key of another
 * organisation (404 as if the organisation did not exist, or 403); a role the operation does not
 * let in (403).
 */
export const authorizationFaults =
  (tokens: BadToken[], otherOrg: string): Faults =>
  (world, operationId) => {
    const { op, path } = world.api.operation(operationId);
    const roles = op['x-banso-roles'] ?? [];
    const keys = roleKeys(world);
    type Bad = { what: string; authorization?: string; codes: ApiErrorCode[] };
    const unauthenticated: ApiErrorCode[] = ['UNAUTHENTICATED'];
    const options: Array<fc.Arbitrary<Bad>> = [
      fc.constantFrom(...tokens).map((t) => ({ ...t, codes: unauthenticated })),
      headerText(100).map((text) => ({
        what: 'garbage',
        authorization: `Bearer ${text}`,
        codes: unauthenticated,
      })),
      headerText(100).map((text) => ({
        what: 'garbage',
        authorization: text,
        codes: unauthenticated,
      })),
    ];
    if (path.includes('{orgId}')) {
      options.push(
        fc.constantFrom('officer-sato', 'manager-suzuki', 'admin-yamada').map((user) => ({
          what: `${user} of ${otherOrg}`,
          authorization: world.as(user, otherOrg).authorization,
          codes: ['ORGANISATION_NOT_FOUND', 'ROLE_NOT_ALLOWED'],
        })),
      );
    }
    const shut = ROLES.filter((r) => !roles.includes(r) && r !== 'platformAdministrator');
    if (shut.length > 0) {
      options.push(
        fc.constantFrom(...shut).map((role) => ({
          what: `a ${role}, not let in`,
          authorization: keys[role].authorization,
          codes: ['ROLE_NOT_ALLOWED'],
        })),
      );
    }
    return fc
      .tuple(baseRequest(world, operationId), fc.oneof(...options))
      .map(([{ req }, { what, authorization, codes }]) => {
        const { authorization: _signedIn, ...headers } = req.headers;
        const sent = authorization === undefined ? headers : { ...headers, authorization };
        return new Probe(
          operationId,
          `Authorization: ${what}`,
          { ...req, headers: sent },
          { refused: true, codes },
        );
      });
  };

/** Now and then an odd X-Request-Id on top of a fault: empty, long, spaced, not ASCII. */
export function withRequestId(probes: fc.Arbitrary<Probe>): fc.Arbitrary<Probe> {
  const odd = fc.oneof(
    fc.constantFrom('', ' ', 'a b', 'x'.repeat(201), 'ü-request', '\t'),
    fc.string({ unit: fc.constantFrom('a', '-', ' ', 'é', '\t', '~'), maxLength: 300 }),
    fc.stringMatching(/^[\x21-\x7e]{1,200}$/),
  );
  return fc
    .tuple(probes, fc.option(odd, { freq: 3 }))
    .map(([p, id]) => (id === null ? p : p.with({ headers: { 'x-request-id': id } })));
}

import fc from 'fast-check';
import type { ApiErrorCode } from '../../../../apps/api/src/errors/api-error';
import { bodySchemaOf, type OpenApiContract, type Operation, pathParams } from '../openapi';
import type { RawRequest } from '../raw-http';
import { jsonText, type SchemaArbitraries } from '../schema-arbitraries';

/** What the faults are built from: the document, its arbitraries, keys, and live cases. */
export interface World {
  api: OpenApiContract;
  arb: SchemaArbitraries;
  /** The Authorization header of a user (of the sample organisation unless another is named). */
  as(userId: string, org?: string): Record<string, string>;
  /** The sample organisation. */
  org: string;
  /** Live cases by stage: commands meet real workflows. */
  cases: Record<string, string>;
}

/** The faults of one kind for an operation. */
export type Faults = (world: World, operationId: string) => fc.Arbitrary<Probe>;

/** A request and what it is: a fault, whether it must be refused, and how. */
export class Probe {
  constructor(
    readonly operationId: string,
    readonly fault: string,
    readonly req: RawRequest,
    readonly expected: {
      /** Refused (4xx) whatever else happens, where it reaches its operation. */
      refused: boolean;
      /** The codes it is refused with, where the request reaches its operation. */
      codes?: ApiErrorCode[];
      /** An issue names this place (or one inside it, or the body as a whole). */
      issue?: string;
    },
  ) {}

  with(change: Partial<RawRequest>, fault = this.fault): Probe {
    const req = { ...this.req, ...change, headers: { ...this.req.headers, ...change.headers } };
    return new Probe(this.operationId, fault, req, this.expected);
  }

  /** How fast-check prints a counterexample: long bodies and headers cut short. */
  [fc.toStringMethod](): string {
    const cut = (text: string, n: number) =>
      text.length > n ? `${text.slice(0, n)}… (${text.length} characters)` : text;
    const headers = Object.fromEntries(
      Object.entries(this.req.headers).map(([k, v]) => [k, cut(v, 80)]),
    );
    const body = this.req.body === undefined ? '' : cut(String(this.req.body), 300);
    return `${this.operationId} [${this.fault}] ${this.req.method} ${cut(this.req.path, 300)} ${JSON.stringify(headers)} ${body}`;
  }
}

export const ROLES = ['officer', 'manager', 'administrator', 'platformAdministrator'] as const;

/** A key of each role the document names. */
export function roleKeys(world: World): Record<(typeof ROLES)[number], Record<string, string>> {
  return {
    officer: world.as('officer-sato'),
    manager: world.as('manager-suzuki'),
    administrator: world.as('admin-yamada'),
    platformAdministrator: world.as('platform-administrator'),
  };
}

/** A user the operation lets in, officers first (officer-sato holds every case). */
export function signedIn(world: World, op: Operation): Record<string, string> {
  const role = ROLES.find((r) => op['x-banso-roles']?.includes(r));
  return role ? roleKeys(world)[role] : {};
}

/** Valid path parameters: the organisation, live cases in every stage, real users, a key id. */
export function validParams(world: World, op: Operation): fc.Arbitrary<Record<string, string>> {
  const pools: Record<string, fc.Arbitrary<string>> = {
    orgId: fc.constant(world.org),
    caseId: fc.constantFrom(...Object.values(world.cases)),
    userId: fc.constantFrom('officer-sato', 'manager-suzuki', 'admin-yamada'),
    // A well-formed id of no key: nothing can be revoked by accident.
    keyId: fc.constant('z'.repeat(20)),
    year: fc.constantFrom('2025', '2026'),
  };
  return fc.record(
    Object.fromEntries(pathParams(op).map((p) => [p.name, pools[p.name] ?? fc.constant('x')])),
  );
}

/** The path with its parameters, encoded (or, `raw`, as they are). */
export function fill(template: string, params: Record<string, string>, raw = false): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name] as string;
    return raw ? value : encodeURIComponent(value);
  });
}

/** What a generated client would send to the operation: valid parameters and a valid body. */
export function baseRequest(
  world: World,
  operationId: string,
): fc.Arbitrary<{ req: RawRequest; body?: unknown }> {
  const { path, method, op } = world.api.operation(operationId);
  const schema = bodySchemaOf(op);
  return fc
    .tuple(validParams(world, op), schema ? world.arb.valid(schema) : fc.constant(undefined))
    .map(([params, body]) => ({
      body,
      req: {
        method: method.toUpperCase(),
        path: fill(path, params),
        headers: {
          ...signedIn(world, op),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: jsonText(body) }),
      },
    }));
}

export const isWrite = (world: World, operationId: string) =>
  world.api.operation(operationId).method !== 'get';

/** HTTP drops the spaces and tabs around a header's value: `\tkey` arrives as `key`. */
export const asReceived = (value: string) => value.replace(/^[ \t]+|[ \t]+$/g, '');

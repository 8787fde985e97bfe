import fc from 'fast-check';
import type { ApiErrorCode } from '../../../../apps/api/src/errors/api-error';
import { bodySchemaOf } from '../openapi';
import { issuePath, jsonText, locationsOf, withAt } from '../schema-arbitraries';
import { baseRequest, type Faults, isWrite, Probe } from './probe';

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * One fault at one place of an otherwise valid body: a value its schema refuses (another type,
 * out of range, oversized, deeply nested), a required property left out, or a property it does
 * not take where additionalProperties is false. Refused with a 400 naming the place.
 */
export const bodyFaults: Faults = (world, operationId) => {
  const schema = bodySchemaOf(world.api.operation(operationId).op)!;
  return baseRequest(world, operationId).chain(({ req, body }) => {
    const places = locationsOf(schema, body);
    const missing = places.flatMap((l) =>
      (l.schema.required ?? [])
        .filter((k) => l.object && k in l.object)
        .map((key) => ({ ...l, key })),
    );
    const closed = places.filter((l) => l.object && l.schema.additionalProperties === false);
    const faults: Array<fc.Arbitrary<{ fault: string; value: unknown; at: string }>> = [
      fc.constantFrom(...places).chain((l) =>
        world.arb.invalid(l.schema).map((v) => ({
          fault: `a value ${issuePath(l.path)} refuses`,
          value: withAt(body, l.path, v),
          at: issuePath(l.path),
        })),
      ),
    ];
    if (missing.length > 0) {
      faults.push(
        fc.constantFrom(...missing).map((l) => ({
          fault: `without ${issuePath([...l.path, l.key])}`,
          value: withAt(body, [...l.path, l.key], undefined),
          at: issuePath([...l.path, l.key]),
        })),
      );
    }
    if (closed.length > 0) {
      faults.push(
        fc
          .tuple(fc.constantFrom(...closed), fc.string({ minLength: 1, maxLength: 10 }))
          .map(([l, key]) => ({
            fault: `an extra property in ${issuePath(l.path)}`,
            value: withAt(body, [...l.path, `x-${key}`], 1),
            at: issuePath(l.path),
          })),
      );
    }
    return fc
      .oneof(...faults)
      .filter(({ value }) => !world.arb.accepts(schema, value))
      .map(
        ({ fault, value, at }) =>
          new Probe(
            operationId,
            fault,
            { ...req, body: jsonText(value) },
            { refused: true, codes: ['VALIDATION_FAILED'], issue: at },
          ),
      );
  });
};

/** Text that is not JSON. Not blank: an empty body is no body, which an optional body allows. */
const notJson = fc.oneof(
  // (No byte-order mark: one before JSON is skipped, as RFC 8259 allows; alone, it is no body.)
  fc.constantFrom('{', '{"a":}', "{'a': 1}", '{"a": 1,}', '[1, 2', 'NaN', 'null x', '{"a" 1}'),
  fc.string({ minLength: 1, maxLength: 50 }).filter((t) => {
    if (t.trim() === '') return false;
    try {
      JSON.parse(t);
      return false;
    } catch {
      return true;
    }
  }),
);

/** A JSON text over 1 MB (1 048 576 bytes). */
const overLimit = fc
  .tuple(fc.integer({ min: 1_048_577, max: 1_400_000 }), fc.boolean())
  .map(([size, chunked]) => ({ body: `{"firm": {"name": "${'x'.repeat(size)}"}}`, chunked }));

/**
 * A body the operation cannot read: not JSON, JSON but not an object, sent as something else,
 * encoded as it is not, over 1 MB (413), or none where one is required.
 */
export const unreadableBodies: Faults = (world, operationId) => {
  const { op } = world.api.operation(operationId);
  return baseRequest(world, operationId).chain(({ req }) => {
    const base = new Probe(operationId, '', req, { refused: true });
    const refused = (p: Probe, codes: ApiErrorCode[], issue?: string) =>
      new Probe(operationId, p.fault, p.req, { refused: true, codes, issue });
    const valid = req.body ?? '{}';
    const faults: Array<fc.Arbitrary<Probe>> = [
      notJson.map((body) =>
        refused(base.with({ body, headers: JSON_TYPE }, 'not JSON'), ['VALIDATION_FAILED'], 'body'),
      ),
      fc
        .constantFrom('null', '1', '"text"', 'true', '[]', '[{}]')
        .map((body) =>
          refused(
            base.with({ body, headers: JSON_TYPE }, 'not an object'),
            ['VALIDATION_FAILED'],
            'body',
          ),
        ),
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json; charset=latin1',
          'application/jsonx',
        )
        .map((type) =>
          refused(base.with({ body: valid, headers: { 'content-type': type } }, `as ${type}`), [
            'VALIDATION_FAILED',
          ]),
        ),
      fc
        .constantFrom('gzip', 'deflate', 'br', 'compress')
        .map((encoding) =>
          refused(
            base.with(
              { body: valid, headers: { ...JSON_TYPE, 'content-encoding': encoding } },
              `Content-Encoding ${encoding}, not so encoded`,
            ),
            ['VALIDATION_FAILED'],
          ),
        ),
      overLimit.map(({ body, chunked }) =>
        refused(base.with({ body, chunked, headers: JSON_TYPE }, 'over 1 MB'), [
          'PAYLOAD_TOO_LARGE',
        ]),
      ),
    ];
    if (op.requestBody?.required) {
      const { 'content-type': _type, ...headers } = req.headers;
      faults.push(
        fc.constant(
          new Probe(
            operationId,
            'no body',
            { ...req, headers, body: undefined },
            { refused: true, codes: ['VALIDATION_FAILED'] },
          ),
        ),
      );
    }
    return fc.oneof(...faults);
  });
};

/** A body sent where none is taken (a GET, a DELETE): not read, so neither refused nor too large. */
export const bodiesWhereNoneIsTaken: Faults = (world, operationId) =>
  baseRequest(world, operationId).chain(({ req }) =>
    fc
      .oneof(
        notJson.map((body) => ({ body, type: 'application/json', chunked: false })),
        fc
          .constantFrom('text/plain', 'application/xml')
          .map((type) => ({ body: 'hello', type, chunked: false })),
        overLimit.map((large) => ({ ...large, type: 'application/json' })),
      )
      .map(
        ({ body, type, chunked }) =>
          new Probe(
            operationId,
            'a body where none is taken',
            { ...req, body, chunked, headers: { ...req.headers, 'content-type': type } },
            { refused: isWrite(world, operationId) },
          ),
      ),
  );

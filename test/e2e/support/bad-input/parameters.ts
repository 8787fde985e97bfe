import fc from 'fast-check';
import { pathParams, queryParams, type Schema } from '../openapi';
import { jsonText, type SchemaArbitraries } from '../schema-arbitraries';
import { baseRequest, type Faults, fill, isWrite, Probe, signedIn, validParams } from './probe';

/** Path segments a schema refuses, or that a router or proxy might read as something else. */
const ODD_SEGMENTS = [
  '',
  '..',
  '.',
  'a/b',
  'a%2Fb',
  '%2e%2e',
  '%',
  '%zz',
  '%00',
  '案件-0001',
  'café-0000',
  '😀😀😀😀😀😀😀😀',
  ' leading-space',
  'a#b',
  'a?b=c',
];

/**
 * One path parameter outside its schema: empty, too long, of another pattern, not ASCII, `..`,
 * an encoded slash, broken percent-encoding; sent encoded as a client would, or raw. Refused with
 * a 400 naming it, or, where the path is no longer one the document lists, its 404 or 405.
 */
export const pathParamFaults: Faults = (world, operationId) => {
  const { path, method, op } = world.api.operation(operationId);
  return fc
    .tuple(validParams(world, op), fc.constantFrom(...pathParams(op)), fc.boolean())
    .chain(([valid, param, encode]) =>
      fc
        .oneof(
          fc.constantFrom(...ODD_SEGMENTS),
          fc.integer({ min: 101, max: 2000 }).map((n) => 'a'.repeat(n)),
          fc.string({ maxLength: 40 }),
        )
        .filter((value) => !world.arb.accepts(param.schema, value))
        .map((value) => {
          // Raw: the text goes into the path as it is (but for what HTTP cannot carry).
          const text = encode ? encodeURIComponent(value) : encodeURI(value).replace(/%25/g, '%');
          const params = Object.fromEntries(
            Object.entries(valid).map(([k, v]) => [k, encodeURIComponent(v)]),
          );
          return new Probe(
            operationId,
            `path ${param.name} = ${JSON.stringify(value)}${encode ? '' : ' (raw)'}`,
            {
              method: method.toUpperCase(),
              path: fill(path, { ...params, [param.name]: text }, true),
              headers: { ...signedIn(world, op), 'content-type': 'application/json' },
              body: isWrite(world, operationId) ? '{}' : undefined,
            },
            { refused: true, codes: ['VALIDATION_FAILED'], issue: `path.${param.name}` },
          );
        }),
    );
};

/** One query parameter outside its schema, empty, or repeated. Refused with a 400 naming it. */
export const queryFaults: Faults = (world, operationId) => {
  const { op } = world.api.operation(operationId);
  return fc
    .tuple(baseRequest(world, operationId), fc.constantFrom(...queryParams(op)))
    .chain(([{ req }, param]) =>
      fc
        .oneof(
          world.arb.invalid(param.schema).map((v) => [typeof v === 'string' ? v : jsonText(v)]),
          fc.constantFrom(['', ''], ['1', '2'], ['true', 'false']),
          fc.constant(['']),
        )
        .filter((values) => values.length > 1 || !accepted(world.arb, param.schema, values[0]))
        .map((values) => {
          const query = values
            .map((v) => `${encodeURIComponent(param.name)}=${encodeURIComponent(v)}`)
            .join('&');
          return new Probe(
            operationId,
            `query ${query.slice(0, 60)}`,
            { ...req, path: `${req.path}?${query}` },
            { refused: true, codes: ['VALIDATION_FAILED'], issue: `query.${param.name}` },
          );
        }),
    );
};

/** Whether a query parameter's schema takes the text (an integer is sent as digits). */
function accepted(arb: SchemaArbitraries, schema: Schema, text: string): boolean {
  if (schema.type === 'integer') return /^-?\d+$/.test(text) && arb.accepts(schema, Number(text));
  if (schema.type === 'boolean') return ['true', 'false'].includes(text);
  return arb.accepts(schema, text);
}

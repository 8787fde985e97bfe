import fc from 'fast-check';
import type { ValidateFunction } from 'ajv';
import type { OpenApiContract, Schema } from './openapi';

/**
 * fast-check arbitraries derived from the OpenAPI document's schemas (the request bodies are the
 * command declarations' zod schemas, shown as JSON Schema): values a schema accepts, to build a
 * request around, and values it refuses, one fault at a time.
 */

/** JSON text sent as it is, in place of a value: numbers JSON.stringify cannot write, deep nesting. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** The JSON text of a value that may hold RawJson pieces. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A value's JSON type, as a schema's `type` names it. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const DATE = (d: Date) => d.toISOString().slice(0, 10);
const dates = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
  .map(DATE);

export class SchemaArbitraries {
  private readonly compiled = new WeakMap<Schema, ValidateFunction>();

  constructor(private readonly contract: OpenApiContract) {}

  /** Whether the schema accepts the value (RawJson pieces read as JSON would read them). */
  accepts(schema: Schema, value: unknown): boolean {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.contract.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    try {
      return validate(JSON.parse(jsonText(value)));
    } catch {
      // Too deep for JSON.parse here: no schema of the API takes such a value.
      return false;
    }
  }

  /** Values the schema accepts. Optional properties come and go; lengths stay small. */
  valid(schema: Schema): fc.Arbitrary<unknown> {
    const values = this.validUnfiltered(schema);
    return values.filter((v) => this.accepts(schema, v));
  }

  private validUnfiltered(schema: Schema): fc.Arbitrary<unknown> {
    if (schema.enum) return fc.constantFrom(...schema.enum.filter((v) => v !== null));
    switch (schema.type) {
      case 'object': {
        const properties = Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([k, s]) => [k, this.valid(s)]),
        );
        const record = fc.record(properties, { requiredKeys: schema.required ?? [] });
        const extra = schema.additionalProperties;
        if (typeof extra !== 'object') return record;
        return fc
          .tuple(
            record,
            fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), this.valid(extra), {
              maxKeys: 3,
            }),
          )
          .map(([r, d]) => ({ ...d, ...r }));
      }
      case 'array': {
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.min(schema.maxItems ?? minLength + 2, minLength + 2);
        return fc.array(this.valid(schema.items ?? {}), { minLength, maxLength });
      }
      case 'string': {
        if (schema.format === 'date') return dates;
        if (schema.format === 'date-time') return dates.map((d) => `${d}T09:30:00+09:00`);
        const minLength = schema.minLength ?? 0;
        const maxLength = Math.min(schema.maxLength ?? minLength + 30, minLength + 30);
        if (schema.pattern) {
          return fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
        }
        // Printable text with no spaces at either end: the API trims names and notes.
        return fc
          .string({ unit: fc.constantFrom(...'案件abcXYZ0-9 _'), minLength, maxLength })
          .filter((s) => s.trim() === s && s.length >= minLength);
      }
      case 'integer':
      case 'number': {
        const min = (schema.minimum ?? -1e6) + (schema.exclusiveMinimum ? 1 : 0);
        const max = (schema.maximum ?? 1e9) - (schema.exclusiveMaximum ? 1 : 0);
        return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      }
      case 'boolean':
        return fc.boolean();
      default:
        return fc.constant({});
    }
  }

  /**
   * Values the schema refuses: another JSON type, a number, length, date, pattern, enum or item
   * count outside what it allows, or an oversized or deeply nested value. Never one it accepts.
   */
  invalid(schema: Schema): fc.Arbitrary<unknown> {
    const kinds: Array<fc.Arbitrary<unknown>> = [
      this.wrongType(schema),
      this.oversized(),
      ...this.outOfRange(schema),
    ];
    return fc.oneof(...kinds).filter((v) => !this.accepts(schema, v));
  }

  /** A value of another JSON type than the schema's. */
  wrongType(schema: Schema): fc.Arbitrary<unknown> {
    const any: fc.Arbitrary<unknown> = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 20 }),
      fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
    );
    const wanted = schema.type;
    return any.filter((v) => {
      const type = jsonType(v);
      if (v === null) return !schema.nullable;
      if (wanted === 'number') return type !== 'number' && type !== 'integer';
      return type !== wanted;
    });
  }

  /** What the schema's bounds leave out, for the constraints it has. */
  private outOfRange(schema: Schema): Array<fc.Arbitrary<unknown>> {
    const out: Array<fc.Arbitrary<unknown>> = [];
    if (schema.enum) {
      const members = schema.enum.filter((v): v is string => typeof v === 'string');
      out.push(
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.constantFrom(...members).map((m) => m.toUpperCase()),
          fc.constantFrom(...members).map((m) => ` ${m}`),
        ),
      );
    }
    if (schema.type === 'string') {
      if (schema.minLength) out.push(fc.constant(''));
      if (schema.maxLength !== undefined) {
        const max = schema.maxLength;
        out.push(fc.integer({ min: max + 1, max: max * 3 + 10 }).map((n) => 'あ'.repeat(n)));
      }
      if (schema.pattern) out.push(fc.string({ maxLength: 30 }));
      if (schema.format === 'date' || schema.format === 'date-time') {
        out.push(
          fc.constantFrom(
            '2026-02-30',
            '2025-02-29',
            '2026-13-01',
            '2026-00-10',
            '2026-1-5',
            '26-01-05',
            '2026/01/05',
            '20260105',
            'tomorrow',
            '2026-01-05T25:00:00Z',
            '２０２６-０１-０５',
          ),
        );
      }
    }
    if (schema.type === 'integer' || schema.type === 'number') {
      const numbers: Array<fc.Arbitrary<unknown>> = [
        fc.constantFrom(new RawJson('1e400'), new RawJson('-1e400'), new RawJson('1e-400')),
      ];
      if (schema.minimum !== undefined) {
        const min = schema.minimum;
        numbers.push(fc.integer({ min: -1e9, max: 1 }).map((d) => min - Math.abs(d) - 1));
        if (schema.exclusiveMinimum) numbers.push(fc.constant(min));
      }
      if (schema.maximum !== undefined) {
        const max = schema.maximum;
        numbers.push(fc.integer({ min: 1, max: 1e9 }).map((d) => max + d));
        if (schema.exclusiveMaximum) numbers.push(fc.constant(max));
      }
      if (schema.type === 'integer') {
        numbers.push(fc.integer({ min: -1000, max: 1000 }).map((n) => n + 0.5));
        numbers.push(fc.constant(new RawJson('123456789012345678901234567890')));
      }
      out.push(fc.oneof(...numbers));
    }
    if (schema.type === 'array') {
      if (schema.minItems) out.push(fc.constant([]));
      if (schema.maxItems !== undefined) {
        const item = this.valid(schema.items ?? {});
        const max = schema.maxItems;
        out.push(fc.array(item, { minLength: max + 1, maxLength: max + 3 }));
      }
    }
    return out;
  }

  /** Large or deep, yet well under the 1 MB body limit. */
  oversized(): fc.Arbitrary<unknown> {
    return fc.oneof(
      fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
      fc.integer({ min: 1_000, max: 50_000 }).map((n) => Array.from({ length: n }, () => 0)),
      fc
        .integer({ min: 100, max: 100_000 })
        .chain((depth) =>
          fc.constantFrom('[]', '{}').map((pair) => new RawJson(nested(pair, depth))),
        ),
    );
  }
}

/** `[[[…]]]` or `{"a":{"a":…}}`, `depth` deep. */
function nested(pair: string, depth: number): string {
  if (pair === '[]') return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  return `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;
}

/** Where in a body a fault can go: a property (present or not), an element, a new map key. */
export interface Location {
  path: Array<string | number>;
  schema: Schema;
  /** An object that is present, and its schema: where a required property can be left out. */
  object?: Record<string, unknown>;
}

export function locationsOf(
  schema: Schema,
  value: unknown,
  path: Location['path'] = [],
): Location[] {
  const here: Location = { path, schema };
  if (schema.type === 'object' && value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const inner = Object.entries(schema.properties ?? {}).flatMap(([key, s]) =>
      key in object
        ? locationsOf(s, object[key], [...path, key])
        : [{ path: [...path, key], schema: s }],
    );
    const extra = schema.additionalProperties;
    const mapped =
      typeof extra === 'object'
        ? [
            { path: [...path, 'カスタム指標'], schema: extra },
            ...Object.keys(object)
              .filter((k) => !(k in (schema.properties ?? {})))
              .flatMap((k) => locationsOf(extra, object[k], [...path, k])),
          ]
        : [];
    return [{ ...here, object }, ...inner, ...mapped];
  }
  if (schema.type === 'array' && Array.isArray(value)) {
    const items = schema.items ?? {};
    return [
      here,
      ...value.flatMap((v, i) => locationsOf(items, v, [...path, i])),
      { path: [...path, value.length], schema: items },
    ];
  }
  return [here];
}

/** A copy of `value` with `replacement` at `path` (undefined: the property left out). */
export function withAt(value: unknown, path: Location['path'], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = withAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  const next = withAt(copy[head], rest, replacement);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
}

/** The issue path the API names a body location with: `body.firm.name`, `body.keyIssues.0`. */
export const issuePath = (path: Location['path']) => ['body', ...path.map(String)].join('.');

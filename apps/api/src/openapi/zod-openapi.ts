import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import type { ApiErrorCode } from '../errors/api-error';
import { IDEMPOTENCY_KEY_PATTERN } from '../http/idempotency-key';
import { byStatus, ERROR_MEANINGS, errorBodySchema } from './error-body';

export type OpenApiSchema = Parameters<typeof ApiBody>[0] extends infer O
  ? O extends { schema?: infer S }
    ? S
    : never
  : never;

interface JsonObjectSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema & { description?: string }>;
  required?: string[];
}

/** The domain's zod schemas are the one source of truth: OpenAPI shows exactly what is validated. */
export function openApiSchema(schema: z.ZodType): OpenApiSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    unrepresentable: 'any',
    io: 'input',
    override: dropStringChecksOfIntegers,
  });
  return withNullInNullableEnums(json) as OpenApiSchema;
}

/**
 * OpenAPI 3.0.3: `nullable: true` does not widen an `enum`, which must list null itself (zod
 * leaves it out, and a validator then refuses the null a nullable enum stands for).
 */
function withNullInNullableEnums<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withNullInNullableEnums) as T;
  if (value === null || typeof value !== 'object') return value;
  const out = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, withNullInNullableEnums(v)]),
  ) as Record<string, unknown>;
  if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) {
    out.enum = [...(out.enum as unknown[]), null];
  }
  return out as T;
}

/**
 * A query integer is parsed from text (queryInteger) and documented as what it stands for, an
 * integer: the text's own pattern would only confuse a client generator.
 */
function dropStringChecksOfIntegers(ctx: { jsonSchema: Record<string, unknown> }): void {
  if (ctx.jsonSchema.type === 'integer') delete ctx.jsonSchema.pattern;
}

/**
 * The schemas of what the API answers, by component name. Each is written in zod next to the code
 * that produces the answer; the document shows them under components.schemas, and the e2e tests
 * validate real answers against them.
 */
export const apiSchemas = z.registry<{ id: string }>();

/** Registers a response schema as the component `id`. */
export function apiSchema<S extends z.ZodType>(id: string, schema: S): S {
  apiSchemas.add(schema, { id });
  return schema;
}

export const componentRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Every registered response schema as an OpenAPI 3.0 schema, referring to each other by $ref. */
export function componentSchemas(): Record<string, OpenApiSchema> {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    target: 'openapi-3.0',
    unrepresentable: 'any',
    io: 'output',
    uri: (id) => componentRef(id).$ref,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $id: _id, $schema: _dialect, ...rest } = schema as Record<string, unknown>;
      return [id, withNullInNullableEnums(rest)];
    }),
  );
}

export const ERROR_BODY = 'ErrorBody';
apiSchema(ERROR_BODY, errorBodySchema);

const ERROR_CODES = Symbol('banso:error-codes');

/**
 * The error codes an operation can answer, each under the status it is answered with, all with
 * the one error body; the codes are listed in each response's `x-error-codes`. Decorators that
 * add a check (a body, a query, a header) add its codes, so the codes accumulate; INTERNAL is
 * always there.
 */
export function ApiErrors(...codes: ApiErrorCode[]): MethodDecorator {
  return (target, key, descriptor) => {
    const method = descriptor.value as object;
    const previous = (Reflect.getMetadata(ERROR_CODES, method) ?? []) as ApiErrorCode[];
    const all = [...new Set<ApiErrorCode>([...previous, ...codes, 'INTERNAL'])];
    Reflect.defineMetadata(ERROR_CODES, all, method);
    for (const [status, group] of byStatus(all)) {
      ApiResponse({
        status,
        description: describeErrors(group),
        schema: componentRef(ERROR_BODY),
        'x-error-codes': group,
      } as Parameters<typeof ApiResponse>[0])(target, key, descriptor);
    }
    return descriptor;
  };
}

export function describeErrors(codes: readonly ApiErrorCode[]): string {
  return codes.map((code) => `${code}: ${ERROR_MEANINGS[code]}`).join('. ');
}

/**
 * A success answer and its body's schema, which must be registered with apiSchema. With `csv`,
 * the same answer may also be asked for as CSV (`?format=csv`), whose columns it describes.
 */
export function ApiAnswer(
  status: number,
  schema: z.ZodType,
  description: string,
  options: { csv?: string } = {},
) {
  const id = apiSchemas.get(schema)?.id;
  if (!id) throw new Error(`register the schema of the ${status} answer with apiSchema(id, …)`);
  if (!options.csv) return ApiResponse({ status, description, schema: componentRef(id) });
  return ApiResponse({
    status,
    description: `${description}. As CSV with format=csv (UTF-8 with a BOM, CRLF): ${options.csv}`,
    content: {
      'application/json': { schema: componentRef(id) },
      'text/csv': { schema: { type: 'string' } },
    },
  });
}

/** A JSON body validated with `schema`: documented with its constraints, and its 400 and 413. */
export function ApiJsonBody(schema: z.ZodType) {
  const json = openApiSchema(schema) as JsonObjectSchema;
  return applyDecorators(
    // A body whose fields are all optional may be left out: it is taken as {}.
    ApiBody({ schema: json as OpenApiSchema, required: (json.required ?? []).length > 0 }),
    ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE'),
  );
}

/**
 * The query of an operation, one parameter per field of its zod object schema, with the field's
 * type, enum, bounds, length and pattern: what parseOr400 accepts and nothing else. An empty value
 * (`?stage=`) is a value like any other, refused where the schema refuses it.
 */
export function ApiZodQuery(schema: z.ZodObject) {
  const json = openApiSchema(schema) as JsonObjectSchema;
  const required = new Set(json.required ?? []);
  return applyDecorators(
    ...Object.entries(json.properties ?? {}).map(([name, { description, ...fieldSchema }]) =>
      ApiQuery({ name, required: required.has(name), description, schema: fieldSchema }),
    ),
    ApiErrors('VALIDATION_FAILED'),
  );
}

/** The Idempotency-Key header of every write. */
export function ApiIdempotencyKey() {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes a retry safe: the same key and body answer the first result, at any time; the same ' +
        'key with another body is a 409. Without it the API generates one and answers it as commandId.',
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN, minLength: 1, maxLength: 200 },
    }),
    ApiErrors('VALIDATION_FAILED'),
  );
}

import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { IDEMPOTENCY_KEY_PATTERN } from '../http/idempotency-key';

type OpenApiSchema = Parameters<typeof ApiBody>[0] extends infer O
  ? O extends { schema?: infer S }
    ? S
    : never
  : never;

/** The domain's zod schemas are the one source of truth: OpenAPI shows exactly what is validated. */
export function openApiSchema(schema: z.ZodType): OpenApiSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    unrepresentable: 'any',
    io: 'input',
  });
  return json as OpenApiSchema;
}

export function ApiJsonBody(schema: z.ZodType) {
  return applyDecorators(
    ApiBody({ schema: openApiSchema(schema) }),
    ApiHeader({
      name: 'X-Actor-Id',
      required: true,
      description: 'The officer or manager sending the command',
    }),
    ApiHeader({
      name: 'X-Actor-Role',
      required: false,
      description: 'officer (default) or manager',
    }),
  );
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED / INVALID_COMMAND / MISSING_ACTOR: the fields at fault are in error.issues',
  403: "ROLE_NOT_ALLOWED: the caller's role may not send this command (error.role, error.allowed)",
  404: 'CASE_NOT_FOUND / ORGANISATION_NOT_FOUND',
  409: 'WRONG_STAGE (with error.stage and error.allowed), PLAN_NOT_DRAFTED, NO_OPEN_DISPATCH, ORGANISATION_EXISTS, IDEMPOTENCY_KEY_REUSED',
  500: 'CASE_NEEDS_ATTENTION: the log refused the command for a reason retrying cannot fix; nothing changed and the managers were told',
  503: 'COMMAND_PENDING (not confirmed in time: send the same request again with error.commandId as Idempotency-Key) / DATABASE_UNAVAILABLE / TEMPORAL_UNAVAILABLE: retry later',
};

/** The Idempotency-Key header of every write. */
export function ApiIdempotencyKey() {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Makes a retry safe: the same key and body answer the first result, at any time; the same ' +
      'key with another body is a 409. Without it the API generates one and answers it as commandId.',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN, minLength: 1, maxLength: 200 },
  });
}

export const errorBodySchema: OpenApiSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
        stage: { type: 'string' },
        allowed: { type: 'array', items: { type: 'string' } },
        role: { type: 'string' },
        commandId: { type: 'string' },
      },
    },
    requestId: { type: 'string' },
  },
};

export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ...[...statuses, 503].map((status) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? 'error',
        schema: errorBodySchema,
      }),
    ),
  );
}

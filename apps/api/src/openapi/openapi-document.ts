import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { z } from 'zod';
import { type ApiErrorCode, statusOf } from '../errors/api-error';
import { BEARER } from '../auth/access';
import { registerRouteMethods, routeMethods } from './route-methods';
import {
  componentRef,
  componentSchemas,
  describeErrors,
  ERROR_BODY,
  openApiSchema,
} from './zod-openapi';

export interface OpenApiOptions {
  /** The schema of each path parameter, by name: the ones ZodPathParamsPipe checks requests with. */
  pathParams: Readonly<Record<string, z.ZodType<string>>>;
  /** The largest body the API reads, as the JSON parser is configured ('1mb'). */
  bodyLimit: string;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: unknown;
}

interface Response {
  description: string;
  headers?: Record<string, { description: string; schema: unknown; required?: boolean }>;
  content?: Record<string, { schema?: unknown }>;
  'x-error-codes'?: ApiErrorCode[];
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses: Record<string, Response>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Each operation of the document, with its path and method. */
export function operationsOf(
  document: Pick<OpenAPIObject, 'paths'>,
): Array<{ path: string; method: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}

/** OpenAPI for every endpoint: exactly what each accepts and answers. */
export function buildOpenApiDocument(
  app: INestApplication,
  options: OpenApiOptions,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Banso API')
    .setDescription(
      '伴走支援 (accompaniment support) cases of chambers of commerce: open a case, record the analysis, ' +
        'draft and approve the plan, record follow-ups, and read cases, histories and notifications.\n\n' +
        `Every error has one shape, the ${ERROR_BODY} schema: {error: {code, message, issues?, stage?, ` +
        'allowed?, role?, commandId?}, requestId?}; each error response lists the codes it is ' +
        'answered with in x-error-codes. A path not listed here answers 404 ROUTE_NOT_FOUND; a ' +
        'listed path with a method it does not list answers 405 METHOD_NOT_ALLOWED with an Allow ' +
        'header; a request line and headers over 16 KB in all answer 431 HEADERS_TOO_LARGE. ' +
        `Bodies are JSON (Content-Type: application/json) of at most ${options.bodyLimit}: ` +
        'a larger one answers 413 PAYLOAD_TOO_LARGE, one that is not JSON 400 VALIDATION_FAILED; ' +
        'an operation that takes no body does not read one sent. ' +
        'Each signed-in key may send a number of writes (POST, PUT, PATCH, DELETE) a minute ' +
        '(WRITE_RATE_LIMIT_PER_MINUTE); more answer 429 RATE_LIMITED with Retry-After. Reads are not limited.',
    )
    .setVersion('0.1.0')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        description:
          'A user’s API key (banso_<id>.<secret>, issued by an administrator), a JWT from the ' +
          'organisation’s identity provider, or the platform administrator’s key. Each operation ' +
          'lists the roles that may call it in x-banso-roles.',
      },
      BEARER,
    )
    .build();
  return completeDocument(SwaggerModule.createDocument(app, config), options);
}

/**
 * What the decorators cannot say: every path parameter with its schema (and the 400 a malformed
 * one is answered with), the 500 every operation may answer, and the response schemas.
 */
function completeDocument(document: OpenAPIObject, options: OpenApiOptions): OpenAPIObject {
  for (const { path, method, operation } of operationsOf(document)) {
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
    const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
    const pathParams = names.map((name): Parameter => {
      const schema = options.pathParams[name];
      if (!schema) {
        return (
          declared.find((p) => p.name === name) ?? {
            name,
            in: 'path',
            required: true,
            schema: { type: 'string' },
          }
        );
      }
      const { description, ...json } = openApiSchema(schema) as { description?: string };
      return { name, in: 'path', required: true, description, schema: json };
    });
    operation.parameters = [
      ...pathParams,
      ...(operation.parameters ?? []).filter((p) => p.in !== 'path'),
    ];
    if (names.some((name) => options.pathParams[name]))
      addErrorCode(operation, 'VALIDATION_FAILED');
    // Another organisation answers as one that does not exist (the guard's 404).
    if ((operation as { security?: unknown }).security && names.includes('orgId'))
      addErrorCode(operation, 'ORGANISATION_NOT_FOUND');
    addErrorCode(operation, 'INTERNAL');
    if (WRITES.includes(method) && (operation as { security?: unknown }).security)
      documentRateLimit(operation);
    // Each decorator that adds codes to a status declares it again, and the descriptions pile up.
    for (const response of Object.values(operation.responses)) {
      const codes = response['x-error-codes'];
      if (codes) response.description = describeErrors(codes);
    }
  }
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...componentSchemas() },
  };
  return document;
}

const WRITES = ['post', 'put', 'patch', 'delete'];

const integerHeader = (description: string, required = false) => ({
  description,
  schema: { type: 'integer', minimum: 0 },
  ...(required ? { required } : {}),
});

/** A signed-in write counts against its key's limit (WriteRateLimitGuard): its 429, and headers. */
function documentRateLimit(operation: Operation): void {
  addErrorCode(operation, 'RATE_LIMITED');
  const counted = {
    'X-RateLimit-Limit': integerHeader('The writes this key may send in a minute'),
    'X-RateLimit-Remaining': integerHeader('The writes it has left in the current minute'),
    'X-RateLimit-Reset': integerHeader('Seconds until the count starts again'),
  };
  const limited = operation.responses['429'] as Response;
  limited.headers = {
    'Retry-After': integerHeader('Seconds to wait before this key writes again', true),
    ...counted,
  };
  for (const [status, response] of Object.entries(operation.responses)) {
    if (Number(status) < 300) response.headers = { ...response.headers, ...counted };
  }
}

function addErrorCode(operation: Operation, code: ApiErrorCode): void {
  const status = String(statusOf(code));
  const existing = operation.responses[status];
  if (existing && !existing['x-error-codes']) {
    throw new Error(
      `${operation.operationId}: ${status} is documented with another body, and ${code} needs the error body`,
    );
  }
  const codes = [...(existing?.['x-error-codes'] ?? [])];
  if (codes.includes(code)) return;
  codes.push(code);
  operation.responses[status] = {
    description: describeErrors(codes),
    content: { 'application/json': { schema: componentRef(ERROR_BODY) } },
    'x-error-codes': codes,
  };
}

/**
 * Serves the document at /docs (UI) and /docs-json, and gives the application the table of paths
 * and methods from it, with which the exception filter answers 405 for a known path.
 */
export function serveOpenApi(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', raw: ['json'] });
  const express = app.getHttpAdapter().getInstance() as { locals: Record<string, unknown> };
  registerRouteMethods(
    express.locals,
    routeMethods(document.paths, { '/docs': ['GET'], '/docs-json': ['GET'] }),
  );
  return document;
}

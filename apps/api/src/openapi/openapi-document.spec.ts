import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { AppModule } from '../app.module';
import { loadApiConfig } from '../config/api-config';
import { PATH_PARAMS } from '../create-app';
import { ApiError, statusOf } from '../errors/api-error';
import { parseOr400, queryInteger, ZodPathParamsPipe } from '../http/zod-body';
import { buildOpenApiDocument, operationsOf } from './openapi-document';
import { allowedMethods, registerRouteMethods, routeMethods, takesBody } from './route-methods';
import { openApiSchema } from './zod-openapi';

const pathParams = PATH_PARAMS;

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('the OpenAPI document (built without a database or Temporal)', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  beforeAll(async () => {
    // Preview mode: the routes and their metadata, no provider instantiated, nothing connected.
    const config = loadApiConfig({ DATABASE_URL: 'postgres://banso@127.0.0.1:1/banso' });
    app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
    document = buildOpenApiDocument(app, { pathParams, bodyLimit: '1 MB' });
  });

  it('names every operation, and gives every path parameter its schema', () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(19);
    for (const { path, operation } of operations) {
      expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
      expect(declared.map((p) => p.name)).toEqual(names);
      for (const p of declared) expect(p.schema).toHaveProperty('pattern');
    }
  });

  it('documents a success with a component schema, and each error code under its own status', () => {
    for (const { operation } of operationsOf(document)) {
      const statuses = Object.keys(operation.responses);
      expect(statuses.filter((s) => Number(s) < 300)).toHaveLength(1);
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.content?.['application/json']?.schema).toHaveProperty('$ref');
        for (const code of response['x-error-codes'] ?? [])
          expect(statusOf(code)).toBe(Number(status));
      }
      expect(operation.responses['500']?.['x-error-codes']).toContain('INTERNAL');
    }
    const schemas = document.components?.schemas ?? {};
    for (const ref of JSON.stringify(document).match(/#\/components\/schemas\/\w+/g) ?? []) {
      expect(schemas).toHaveProperty(ref.slice('#/components/schemas/'.length));
    }
  });

  it('documents 429 RATE_LIMITED with Retry-After on every signed-in write, and on no read', () => {
    let writes = 0;
    for (const { method, operation } of operationsOf(document)) {
      const limited = operation.responses['429'] as
        | { 'x-error-codes'?: string[]; headers?: Record<string, { required?: boolean }> }
        | undefined;
      const signedIn = (operation as { security?: unknown }).security !== undefined;
      if (method === 'get' || !signedIn) {
        expect(limited).toBeUndefined();
        continue;
      }
      writes++;
      expect(limited?.['x-error-codes']).toEqual(['RATE_LIMITED']);
      expect(limited?.headers?.['Retry-After']?.required).toBe(true);
    }
    expect(writes).toBeGreaterThanOrEqual(20);
  });
});

describe('query parameters', () => {
  const page = z.object({ page: queryInteger(1, 100).optional() });

  it('take decimal whole numbers only, documented as integers with their bounds', () => {
    expect(parseOr400(page, { page: '12' }, 'query')).toEqual({ page: 12 });
    for (const text of ['0x10', '1e1', '1.0', ' 1', '', '0', '101']) {
      expect(refusal(() => parseOr400(page, { page: text }, 'query')).code).toBe(
        'VALIDATION_FAILED',
      );
    }
    expect(openApiSchema(page)).toEqual({
      type: 'object',
      properties: { page: { type: 'integer', minimum: 1, maximum: 100 } },
    });
  });

  it('name an empty value as such, with how to leave the parameter out', () => {
    const query = z.object({ stage: z.enum(['analysis', 'closed']).optional() });
    expect(parseOr400(query, {}, 'query')).toEqual({});
    expect(refusal(() => parseOr400(query, { stage: '' }, 'query')).extra.issues).toEqual([
      {
        path: 'query.stage',
        message: expect.stringMatching(/^must not be empty .*leave the parameter out/),
      },
    ]);
  });

  it('document a nullable enum with null among its values', () => {
    expect(openApiSchema(z.enum(['a', 'b']).nullable())).toMatchObject({ enum: ['a', 'b', null] });
  });
});

describe('path parameters', () => {
  const pipe = new ZodPathParamsPipe(pathParams);

  it('are checked by name; other arguments pass untouched', () => {
    expect(pipe.transform('kanazawa-cci', { type: 'param', data: 'orgId' })).toBe('kanazawa-cci');
    const bad = refusal(() => pipe.transform('Kanazawa CCI', { type: 'param', data: 'orgId' }));
    expect([bad.status, bad.extra.issues?.[0]?.path]).toEqual([400, 'path.orgId']);
    expect(pipe.transform('x', { type: 'body' })).toBe('x');
    expect(pipe.transform('x', { type: 'param', data: 'other' })).toBe('x');
  });
});

describe('the methods of each path', () => {
  const locals: Record<string, unknown> = {};
  registerRouteMethods(
    locals,
    routeMethods(
      {
        '/organisations/{orgId}/cases': { get: {}, post: { requestBody: {} }, parameters: [] },
        '/organisations/{orgId}/cases/{caseId}/close': { post: {} },
      },
      { '/docs': ['GET'] },
    ),
  );
  const request = (path: string) => ({ path, app: { locals } }) as unknown as Request;

  it('are matched as Express matches routes, and GET brings HEAD', () => {
    expect(allowedMethods(request('/organisations/a-b/cases'))).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowedMethods(request('/Organisations/a-b/cases/'))).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowedMethods(request('/organisations/a-b/cases/c/close'))).toEqual(['POST']);
    expect(allowedMethods(request('/docs'))).toEqual(['GET', 'HEAD']);
    expect(allowedMethods(request('/organisations/a-b/cases/c/d/close'))).toBeUndefined();
    expect(allowedMethods(request('/organisations//cases'))).toBeUndefined();
  });

  it('tell which operations take a body: one sent to any other is not read', () => {
    const sent = (method: string, path: string) =>
      takesBody({ method, path, app: { locals } } as unknown as Request);
    expect(sent('POST', '/organisations/a-b/cases')).toBe(true);
    expect(sent('GET', '/organisations/a-b/cases')).toBe(false);
    expect(sent('POST', '/organisations/a-b/cases/c/close')).toBe(false);
    expect(sent('POST', '/nowhere')).toBe(false);
  });
});

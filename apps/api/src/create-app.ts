import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { caseIdSchema } from './cases/case.schemas';
import type { ApiConfig } from './config/api-config';
import { ApiError } from './errors/api-error';
import { answerClientErrors } from './http/client-errors';
import { assignRequestId } from './http/request-id';
import { ZodPathParamsPipe } from './http/zod-body';
import { serveOpenApi } from './openapi/openapi-document';
import { takesBody } from './openapi/route-methods';
import { organisationIdSchema } from './organisations/organisation.schemas';
import { fiscalYearParamSchema } from './reports/report.schemas';
import { apiKeyIdSchema, userIdSchema } from './users/user.schemas';

/** The largest JSON body the API reads; a larger one is a 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT = '1mb';

/** Every path parameter, by name: checked on each request, and shown in the document. */
export const PATH_PARAMS = {
  orgId: organisationIdSchema,
  caseId: caseIdSchema,
  userId: userIdSchema,
  keyId: apiKeyIdSchema,
  year: fiscalYearParamSchema,
};

/**
 * A body must be JSON: one sent as a form, as text or without a Content-Type is refused with a
 * 400 rather than read as no body at all (the document declares application/json only). A body
 * sent where none is taken (a GET; a path or method the API does not take, left to the router
 * for its 404 or 405) is not read: it is discarded as it arrives, as is a refused one, so the
 * connection is not reset under the answer.
 */
function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  if (!hasBody) return next();
  if (!takesBody(req)) {
    req.resume();
    return next();
  }
  if (req.is('application/json')) return next();
  req.resume();
  next(
    new ApiError(
      'VALIDATION_FAILED',
      `the request body must be JSON sent with Content-Type: application/json, not ${req.headers['content-type'] ?? 'no Content-Type'}`,
      { issues: [{ path: 'headers.content-type', message: 'must be application/json' }] },
    ),
  );
}

/** The API application, configured; main.ts and the end-to-end tests both build it here. */
export async function createApiApp(config: ApiConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    // Only JSON is read (Nest's default would also read forms).
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  answerClientErrors(app.getHttpServer());
  app.enableShutdownHooks();
  app.use((req: Request, res: Response, next: NextFunction) => {
    assignRequestId(req, res);
    next();
  });
  app.use(requireJsonBodies);
  // Read only where the operation takes a body: elsewhere one is neither refused nor too large.
  app.useBodyParser('json', {
    limit: BODY_LIMIT,
    type: (req: Request) => takesBody(req) && Boolean(req.is('application/json')),
  });
  app.useGlobalPipes(new ZodPathParamsPipe(PATH_PARAMS));
  serveOpenApi(app, { pathParams: PATH_PARAMS, bodyLimit: '1 MB' });
  return app;
}

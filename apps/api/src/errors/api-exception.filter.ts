import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, type ApiErrorBody } from './api-error';
import { isDatabaseUnavailable } from '@banso/persistence';
import { allowedMethods } from '../openapi/route-methods';

/**
 * An error of Express' body parser (http-errors): a status, and often a type such as
 * entity.too.large; a body that fails to inflate (Content-Encoding: gzip on a body that is not)
 * comes without one.
 */
interface HttpError {
  status: number;
  type?: string;
  message: string;
  limit?: number;
}

function isHttpError(exception: unknown): exception is HttpError {
  const e = exception as Partial<HttpError> | null;
  return (
    exception instanceof Error &&
    !(exception instanceof HttpException) &&
    typeof e?.status === 'number'
  );
}

/** The router's message for a path parameter that is not valid percent-encoding (a URIError). */
const UNDECODABLE_PATH = /^Failed to decode param/;

/** Renders every failure in the one error shape, with a stable code and a message to act on. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const error = this.toApiError(exception, request, response);
    if (error.status >= 500) {
      this.logger.error({ err: exception, code: error.code, path: request.url }, error.message);
    }
    const body: ApiErrorBody = {
      error: { code: error.code, message: error.message, ...error.extra },
      requestId: request.id === undefined ? undefined : String(request.id),
    };
    response.status(error.status).json(body);
  }

  private toApiError(exception: unknown, request: Request, response: Response): ApiError {
    if (exception instanceof ApiError) return exception;
    if (exception instanceof NotFoundException) {
      // Only the router throws this (the API's own 404s are ApiErrors): no route took the request.
      const allowed = allowedMethods(request);
      if (allowed && !allowed.includes(request.method.toUpperCase())) {
        response.setHeader('Allow', allowed.join(', '));
        return new ApiError(
          'METHOD_NOT_ALLOWED',
          `${request.method} is not supported on ${request.path}; it takes ${allowed.join(', ')}`,
        );
      }
      return new ApiError(
        'ROUTE_NOT_FOUND',
        `no such route: ${request.method} ${request.path} (see /docs for every route)`,
      );
    }
    if (isHttpError(exception)) {
      if (exception.status === 413) {
        return new ApiError(
          'PAYLOAD_TOO_LARGE',
          `the request body is larger than the limit of ${exception.limit ?? 'the API'} bytes`,
        );
      }
      if (exception.status < 500) return this.unreadableBody(exception.message);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest turns the router's URIError into a 400 with its message: the path, not the body.
      if (status === 400 && UNDECODABLE_PATH.test(exception.message)) {
        return new ApiError(
          'VALIDATION_FAILED',
          `the path is not valid: ${exception.message} (a % starts an escape such as %2D)`,
          { issues: [{ path: 'path', message: 'not valid percent-encoding' }] },
        );
      }
      // Express' JSON parser (its SyntaxError comes as a 400): the body is not JSON at all.
      if (status === 400 || status === 415) return this.unreadableBody(exception.message);
      if (status === 413) {
        return new ApiError('PAYLOAD_TOO_LARGE', 'the request body is larger than the limit');
      }
      return new ApiError('INTERNAL', exception.message);
    }
    if (isDatabaseUnavailable(exception)) {
      return new ApiError(
        'DATABASE_UNAVAILABLE',
        'PostgreSQL cannot be reached; try again shortly',
      );
    }
    return new ApiError('INTERNAL', 'an unexpected error occurred; it has been logged');
  }

  private unreadableBody(reason: string): ApiError {
    return new ApiError('VALIDATION_FAILED', `the request body could not be read: ${reason}`, {
      issues: [{ path: 'body', message: reason }],
    });
  }
}

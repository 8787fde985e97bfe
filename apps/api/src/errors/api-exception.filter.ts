import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError, type ApiErrorBody } from './api-error';
import { isDatabaseUnavailable } from '@banso/persistence';

/** Renders every failure in the one error shape, with a stable code and a message to act on. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const error = this.toApiError(exception);
    if (error.status >= 500) {
      this.logger.error({ err: exception, code: error.code, path: request.url }, error.message);
    }
    const body: ApiErrorBody = {
      error: { code: error.code, message: error.message, ...error.extra },
      requestId: request.id === undefined ? undefined : String(request.id),
    };
    response.status(error.status).json(body);
  }

  private toApiError(exception: unknown): ApiError {
    if (exception instanceof ApiError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status === 404)
        return new ApiError('ROUTE_NOT_FOUND', `no such route: ${exception.message}`);
      if (status === 400 || status === 413 || status === 415) {
        // Express' JSON parser: the body is not JSON at all.
        return new ApiError(
          'VALIDATION_FAILED',
          `the request body could not be read: ${exception.message}`,
          {
            issues: [{ path: '', message: exception.message }],
          },
        );
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
}

import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { type Actor, actorSchema, zodIssues } from '@banso/domain';
import { ApiError } from '../errors/api-error';
import { ApiErrors, openApiSchema } from '../openapi/zod-openapi';

export const ACTOR_ID_HEADER = 'x-actor-id';
export const ACTOR_ROLE_HEADER = 'x-actor-role';

/** The two headers, as the document shows them and as they are checked. */
const actorHeadersSchema = z.object({
  [ACTOR_ID_HEADER]: actorSchema.shape.id,
  [ACTOR_ROLE_HEADER]: z.enum(['officer', 'manager']).default('officer'),
});

/** The actor headers in the document of every operation that takes them (see CurrentActor). */
export function ApiActorHeaders() {
  const { shape } = actorHeadersSchema;
  return applyDecorators(
    ApiHeader({
      name: 'X-Actor-Id',
      required: true,
      description: 'The officer or manager sending the request (until sign-in exists)',
      schema: openApiSchema(shape[ACTOR_ID_HEADER]),
    }),
    ApiHeader({
      name: 'X-Actor-Role',
      required: false,
      description: 'The role of X-Actor-Id; officer when left out',
      schema: openApiSchema(shape[ACTOR_ROLE_HEADER]),
    }),
    ApiErrors('MISSING_ACTOR'),
  );
}

/**
 * Who sends the command. Until sign-in arrives, the caller names itself in two headers; every
 * event records it, so the history already says who did what. An empty or malformed header is a
 * 400 MISSING_ACTOR naming it; X-Actor-Role left out is an officer. Every route that takes the
 * actor documents the two headers and the 400 (the decorator's enhancer).
 */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => {
    const request = ctx.switchToHttp().getRequest<Request>();
    const id = request.header(ACTOR_ID_HEADER);
    if (id === undefined) {
      throw new ApiError(
        'MISSING_ACTOR',
        'send the X-Actor-Id header naming the officer or manager',
        { issues: [{ path: 'headers.x-actor-id', message: 'required' }] },
      );
    }
    const parsed = actorHeadersSchema.safeParse({
      [ACTOR_ID_HEADER]: id,
      [ACTOR_ROLE_HEADER]: request.header(ACTOR_ROLE_HEADER),
    });
    if (!parsed.success) {
      const issues = zodIssues(parsed.error, 'headers');
      throw new ApiError(
        'MISSING_ACTOR',
        `the actor headers are not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` +
          ' (X-Actor-Id: 1–100 characters; X-Actor-Role: officer or manager)',
        { issues },
      );
    }
    return { id: parsed.data[ACTOR_ID_HEADER], role: parsed.data[ACTOR_ROLE_HEADER] };
  },
  [
    (target, key) => {
      if (key === undefined) return;
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) ApiActorHeaders()(target, key, descriptor);
    },
  ],
);

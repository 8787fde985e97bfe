import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { type Actor, actorSchema } from '@banso/domain';
import { ApiError } from '../errors/api-error';

export const ACTOR_ID_HEADER = 'x-actor-id';
export const ACTOR_ROLE_HEADER = 'x-actor-role';

/**
 * Who sends the command. Until sign-in arrives, the caller names itself in two headers; every
 * event records it, so the history already says who did what.
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<Request>();
  const id = request.header(ACTOR_ID_HEADER);
  const role = request.header(ACTOR_ROLE_HEADER) ?? 'officer';
  if (!id) {
    throw new ApiError(
      'MISSING_ACTOR',
      'send the X-Actor-Id header naming the officer or manager',
      {
        issues: [{ path: 'headers.x-actor-id', message: 'required' }],
      },
    );
  }
  const parsed = actorSchema.safeParse({ id, role });
  if (!parsed.success || parsed.data.role === 'system') {
    throw new ApiError('MISSING_ACTOR', 'X-Actor-Role must be officer or manager', {
      issues: [{ path: 'headers.x-actor-role', message: 'officer or manager' }],
    });
  }
  return parsed.data;
});

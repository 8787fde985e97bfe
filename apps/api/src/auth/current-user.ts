import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@banso/domain';
import type { SignedInRequest } from './auth.guard';
import type { Principal } from './principal';

/** The signed-in user of the request (the guard put them there). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<SignedInRequest>().principal;
  if (!principal) throw new Error('CurrentUser on a route that does not sign in');
  return principal;
});

/** The user as the events of their commands record them: who, in which role, by which request. */
export function actorOf(principal: Principal): Actor {
  if (principal.role === 'administrator') {
    // The commands' declarations never name administrators, so the guard stops them first.
    throw new Error('an administrator sends no case command');
  }
  return { id: principal.userId, role: principal.role, requestId: principal.requestId };
}

import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { z } from 'zod';
import { ApiError } from '../errors/api-error';
import { parseOr400 } from '../http/zod-body';
import { organisationIdSchema } from '../organisations/organisation.schemas';
import { organisationNotFound } from '../organisations/organisation-not-found';
import { ACCESS, type AccessRule } from './access';
import { Authenticator } from './authenticator';
import type { Principal } from './principal';

export type SignedInRequest = Request & { id?: string | number; principal?: Principal };

/**
 * Every request but the health probe signs in (401), stays in its own organisation (another
 * organisation answers 404, exactly as one that does not exist), and holds a role the route allows
 * (403). Finer rules (an officer's own cases, a manager never approving their own plan) are the
 * services'.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Fail closed: a route that forgot to say who may call it is nobody's.
    if (!rule)
      throw new Error(
        `route ${context.getClass().name}.${context.getHandler().name} declares no access`,
      );
    if (rule.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    const principal = await this.authenticator.authenticate(
      request.header('authorization'),
      String(request.id),
    );
    request.principal = principal;
    const orgId = (request.params as Record<string, string | undefined>).orgId;
    // A malformed organisation id is the 400 it is everywhere, not a 404 for being another's.
    if (orgId !== undefined)
      parseOr400(z.object({ orgId: organisationIdSchema }), { orgId }, 'path');
    if (
      orgId !== undefined &&
      principal.organisationId !== null &&
      principal.organisationId !== orgId
    ) {
      throw organisationNotFound(orgId);
    }
    if (rule.kind === 'platform') {
      if (principal.organisationId === null) return true;
      throw new ApiError(
        'ROLE_NOT_ALLOWED',
        'only the platform administrator (BANSO_ADMIN_API_KEY) may do this',
        { role: principal.role, allowed: [] },
      );
    }
    if (rule.roles.includes(principal.role)) return true;
    throw new ApiError(
      'ROLE_NOT_ALLOWED',
      `this may be done by: ${rule.roles.join(', ')}; not by ${article(principal.role)} ${principal.role}`,
      { role: principal.role, allowed: [...rule.roles] },
    );
  }
}

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

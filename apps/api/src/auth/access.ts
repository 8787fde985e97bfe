import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { UserRole } from '@banso/persistence';
import { ApiErrors } from '../openapi/zod-openapi';

export const ACCESS = 'banso:access';

/** Who may call a route. Every route declares it: the guard refuses a route that does not. */
export type AccessRule =
  | { kind: 'public' }
  /** Users of the organisation in the path (and the platform administrator, as its administrator). */
  | { kind: 'roles'; roles: readonly UserRole[] }
  /** Only the platform administrator (BANSO_ADMIN_API_KEY): creating organisations. */
  | { kind: 'platform' };

export const BEARER = 'bearer';

/** Open to anyone: the health probe. */
export const Public = () => SetMetadata(ACCESS, { kind: 'public' } satisfies AccessRule);

/**
 * The roles that may call the route, in their own organisation. The document shows them in
 * `x-banso-roles`, with the 401 and 403 the guard answers.
 */
export function Access(...roles: UserRole[]) {
  return applyDecorators(
    SetMetadata(ACCESS, { kind: 'roles', roles } satisfies AccessRule),
    ApiBearerAuth(BEARER),
    ApiExtension('x-banso-roles', roles),
    // Signing in reads the key's row, or the identity provider's keys.
    ApiErrors(
      'UNAUTHENTICATED',
      'ROLE_NOT_ALLOWED',
      'DATABASE_UNAVAILABLE',
      'IDENTITY_PROVIDER_UNAVAILABLE',
    ),
  );
}

/** The platform administrator alone. */
export function PlatformAccess() {
  return applyDecorators(
    SetMetadata(ACCESS, { kind: 'platform' } satisfies AccessRule),
    ApiBearerAuth(BEARER),
    ApiExtension('x-banso-roles', ['platformAdministrator']),
    ApiErrors('UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'DATABASE_UNAVAILABLE'),
  );
}

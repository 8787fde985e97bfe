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

/** A route that signs in: its rule, the roles the document shows, and the answers the guard adds. */
function signedIn(rule: AccessRule, shown: readonly string[]) {
  return applyDecorators(
    SetMetadata(ACCESS, rule),
    ApiBearerAuth(BEARER),
    ApiExtension('x-banso-roles', shown),
    // Signing in reads the key's row, or the identity provider's keys.
    ApiErrors(
      'UNAUTHENTICATED',
      'ROLE_NOT_ALLOWED',
      'DATABASE_UNAVAILABLE',
      'IDENTITY_PROVIDER_UNAVAILABLE',
    ),
  );
}

/** The roles that may call the route, in their own organisation (`x-banso-roles` in the document). */
export function Access(...roles: UserRole[]) {
  return signedIn({ kind: 'roles', roles }, roles);
}

/** The platform administrator alone. */
export function PlatformAccess() {
  return signedIn({ kind: 'platform' }, ['platformAdministrator']);
}

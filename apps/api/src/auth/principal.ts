import type { UserRole } from '@banso/persistence';

/** Who is signed in: a user of one organisation, or the platform's own administrator. */
export interface Principal {
  userId: string;
  role: UserRole;
  /** Null for the platform administrator, who may act in any organisation as its administrator. */
  organisationId: string | null;
  /** How the request signed in. */
  via: 'apiKey' | 'jwt' | 'platformKey';
  /** The API key's id, when the request signed in with one. */
  keyId?: string;
  /** The request's id (X-Request-Id, or one generated): every event it causes records it. */
  requestId: string;
}

/** The platform administrator's user id, as recorded (e.g. as the publisher of a first policy). */
export const PLATFORM_ADMINISTRATOR = 'platform-administrator';

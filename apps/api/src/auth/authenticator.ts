import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { USER_ROLES, type UserRole, UserRepository } from '@banso/persistence';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ApiError } from '../errors/api-error';
import { looksLikeApiKey, newApiKey, parseApiKey, verifySecret } from './api-key-token';
import { PLATFORM_ADMINISTRATOR, type Principal } from './principal';

/** How many verified keys are remembered, so a key's Argon2 check runs once, not per request. */
const VERIFIED_KEYS = 10_000;

/** What a key set may sign with: never HMAC (its public keys would be the secret) nor none. */
const ASYMMETRIC = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Turns an `Authorization: Bearer …` header into the user it speaks for: the platform
 * administrator's key, a user's API key, or a JWT from the chamber's identity provider. Anything
 * else is a 401 saying what was wrong, never which part of a key matched.
 */
@Injectable()
export class Authenticator {
  private readonly platformKey?: Buffer;
  private readonly jwtKey?: Uint8Array | JWTVerifyGetKey;
  /** Key id → SHA-256 of a secret its Argon2 hash accepted. The row is still read each time. */
  private readonly verified = new Map<string, Buffer>();
  /** The organisations whose people the identity provider may sign in. */
  private readonly jwtOrganisations: ReadonlySet<string>;
  /**
   * A hash to check unknown keys against, so they take as long as known ones to refuse; made on
   * the first unknown key, not at start-up.
   */
  private decoy?: Promise<string>;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly users: UserRepository,
  ) {
    if (config.BANSO_ADMIN_API_KEY) this.platformKey = sha256(config.BANSO_ADMIN_API_KEY);
    this.jwtOrganisations = new Set(config.BANSO_JWT_ORGANISATIONS?.split(',') ?? []);
    if (config.BANSO_JWT_SECRET) this.jwtKey = new TextEncoder().encode(config.BANSO_JWT_SECRET);
    else if (config.BANSO_JWT_JWKS_URL) {
      this.jwtKey = createRemoteJWKSet(new URL(config.BANSO_JWT_JWKS_URL));
    }
  }

  async authenticate(header: string | undefined, requestId: string): Promise<Principal> {
    const token = bearerToken(header);
    if (this.platformKey && timingSafeEqual(sha256(token), this.platformKey)) {
      return {
        userId: PLATFORM_ADMINISTRATOR,
        role: 'administrator',
        organisationId: null,
        via: 'platformKey',
        requestId,
      };
    }
    if (looksLikeApiKey(token)) return this.byApiKey(token, requestId);
    if (token.split('.').length === 3) return this.byJwt(token, requestId);
    throw unauthenticated('the bearer token is neither a Banso API key nor a JWT');
  }

  private async byApiKey(token: string, requestId: string): Promise<Principal> {
    const parsed = parseApiKey(token);
    if (!parsed) throw unauthenticated('the API key is malformed');
    const credential = await this.users.credential(parsed.id);
    // One message for an unknown key and a wrong secret: a caller learns nothing about which keys exist.
    if (!credential) {
      this.decoy ??= newApiKey().then((k) => k.hash);
      await verifySecret(await this.decoy, parsed.secret);
      throw unauthenticated('the API key is not valid');
    }
    const digest = sha256(parsed.secret);
    const known = this.verified.get(parsed.id);
    if (!known || !timingSafeEqual(known, digest)) {
      if (!(await verifySecret(credential.hash, parsed.secret))) {
        throw unauthenticated('the API key is not valid');
      }
      this.remember(parsed.id, digest);
    }
    if (credential.revokedAt)
      throw unauthenticated(`the API key was revoked at ${credential.revokedAt}`);
    return {
      userId: credential.user.id,
      role: credential.user.role,
      organisationId: credential.organisationId,
      via: 'apiKey',
      keyId: parsed.id,
      requestId,
    };
  }

  private async byJwt(token: string, requestId: string): Promise<Principal> {
    const key = this.jwtKey;
    if (!key) {
      throw unauthenticated('sign-in with a JWT is not configured here; use an API key');
    }
    let payload: JWTPayload;
    try {
      const options = {
        issuer: this.config.BANSO_JWT_ISSUER,
        audience: this.config.BANSO_JWT_AUDIENCE,
        // A token that never expires is not taken.
        requiredClaims: ['exp'],
      };
      ({ payload } =
        key instanceof Uint8Array
          ? await jwtVerify(token, key, { ...options, algorithms: ['HS256', 'HS384', 'HS512'] })
          : await jwtVerify(token, key, { ...options, algorithms: ASYMMETRIC }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        throw new ApiError(
          'IDENTITY_PROVIDER_UNAVAILABLE',
          'the identity provider’s keys cannot be fetched; try again shortly',
        );
      }
      throw unauthenticated(`the JWT is not valid: ${jwtProblem(error)}`);
    }
    const claim = (name: string) => {
      const value = payload[name];
      if (typeof value !== 'string' || value.length === 0 || value.length > 100) {
        throw unauthenticated(`the JWT has no usable claim ${name} (a string of 1–100 characters)`);
      }
      return value;
    };
    const role = claim(this.config.BANSO_JWT_ROLE_CLAIM);
    if (!(USER_ROLES as readonly string[]).includes(role)) {
      throw unauthenticated(
        `the JWT's ${this.config.BANSO_JWT_ROLE_CLAIM} is ${role}; it must be one of ${USER_ROLES.join(', ')}`,
      );
    }
    const organisationId = claim(this.config.BANSO_JWT_ORGANISATION_CLAIM);
    if (!this.jwtOrganisations.has(organisationId)) {
      throw unauthenticated(
        `this identity provider does not sign people in to ${organisationId} (BANSO_JWT_ORGANISATIONS)`,
      );
    }
    return {
      userId: claim(this.config.BANSO_JWT_USER_CLAIM),
      role: role as UserRole,
      organisationId,
      via: 'jwt',
      requestId,
    };
  }

  private remember(keyId: string, digest: Buffer): void {
    if (this.verified.size >= VERIFIED_KEYS) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(keyId, digest);
  }
}

function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw unauthenticated('send Authorization: Bearer <API key or JWT>');
  }
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('the Authorization header must be "Bearer <API key or JWT>"');
  return match[1] as string;
}

function jwtProblem(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `its ${error.claim} claim is not what this server expects (${error.reason})`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'its signature does not verify';
  if (error instanceof joseErrors.JOSEError) return error.message;
  return 'it could not be read';
}

export function unauthenticated(message: string): ApiError {
  return new ApiError('UNAUTHENTICATED', message);
}

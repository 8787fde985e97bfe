import { Injectable } from '@nestjs/common';
import { type ApiKeyInfo, type User, UserRepository, type UserRole } from '@banso/persistence';
import { newApiKey } from '../auth/api-key-token';
import { ApiError } from '../errors/api-error';
import { OrganisationsService } from '../organisations/organisations.service';

/** The organisation's people and their keys: what administrators (and `npm run admin`) manage. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly organisations: OrganisationsService,
  ) {}

  /** Creates the user; the same request again answers the same user, another is a 409. */
  async create(
    organisationId: string,
    input: { id: string; name: string; role: UserRole },
    by: string,
  ): Promise<User> {
    await this.organisations.get(organisationId);
    const { user, created } = await this.users.create({ organisationId, ...input, createdBy: by });
    if (!created && (user.name !== input.name || user.role !== input.role)) {
      throw new ApiError(
        'USER_EXISTS',
        `user ${input.id} already exists as ${user.role} ${user.name}; nothing was changed`,
      );
    }
    return user;
  }

  async list(organisationId: string): Promise<{ items: User[] }> {
    await this.organisations.get(organisationId);
    return { items: await this.users.list(organisationId) };
  }

  async get(organisationId: string, userId: string): Promise<User> {
    await this.organisations.get(organisationId);
    const user = await this.users.get(organisationId, userId);
    if (!user)
      throw new ApiError('USER_NOT_FOUND', `no user ${userId} in organisation ${organisationId}`);
    return user;
  }

  /**
   * Issues a key and answers it whole, this once. With an Idempotency-Key a retry issues no
   * second key: it is told the key exists (its secret cannot be shown again).
   */
  async issueKey(
    organisationId: string,
    userId: string,
    options: { label?: string; idempotencyKey?: string },
    by: string,
  ): Promise<ApiKeyInfo & { key: string }> {
    await this.get(organisationId, userId);
    const issued = await newApiKey();
    const { key, inserted } = await this.users.insertKey({
      id: issued.id,
      organisationId,
      userId,
      label: options.label,
      hash: issued.hash,
      createdBy: by,
      idempotencyKey: options.idempotencyKey,
    });
    if (!inserted) {
      throw new ApiError(
        'API_KEY_ALREADY_ISSUED',
        `key ${key.id} was issued for this Idempotency-Key at ${key.createdAt}; its secret is shown ` +
          'only once: revoke it and issue another if it was lost',
      );
    }
    return { ...key, key: issued.token };
  }

  async keys(organisationId: string, userId: string): Promise<{ items: ApiKeyInfo[] }> {
    await this.get(organisationId, userId);
    return { items: await this.users.keys(organisationId, userId) };
  }

  /** Revokes the key at once; revoking it again answers the first revocation. */
  async revokeKey(organisationId: string, userId: string, keyId: string, by: string) {
    await this.get(organisationId, userId);
    const key = await this.users.revokeKey(organisationId, userId, keyId, by);
    if (!key) throw new ApiError('API_KEY_NOT_FOUND', `user ${userId} has no key ${keyId}`);
    return key;
  }
}

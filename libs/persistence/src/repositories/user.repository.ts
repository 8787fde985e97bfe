import type { IsoDateTime } from '@banso/domain';
import type { DataSource } from 'typeorm';
import type { UserRole } from '../entities/user.entity';

/** A person of an organisation, as plain JSON. */
export interface User {
  organisationId: string;
  id: string;
  name: string;
  role: UserRole;
  createdAt: IsoDateTime;
  createdBy: string;
}

/** An API key as it may be shown: never its secret, nor even its hash. */
export interface ApiKeyInfo {
  id: string;
  organisationId: string;
  userId: string;
  label: string | null;
  createdAt: IsoDateTime;
  createdBy: string;
  revokedAt: IsoDateTime | null;
  revokedBy: string | null;
}

/** What signing in with a key needs: the stored hash, and who the key speaks for. */
export interface ApiKeyCredential extends ApiKeyInfo {
  hash: string;
  user: User;
}

type UserRow = {
  organisation_id: string;
  id: string;
  name: string;
  role: UserRole;
  created_at: Date;
  created_by: string;
};

type KeyRow = {
  id: string;
  organisation_id: string;
  user_id: string;
  label: string | null;
  hash: string;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
};

/** Users and their API keys. Validation and hashing are the caller's: this stores what it is given. */
export class UserRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Creates the user, or answers the one already there with that id (`created: false`), so that a
   * repeated request can be told from a conflicting one by the caller.
   */
  async create(user: Omit<User, 'createdAt'>): Promise<{ user: User; created: boolean }> {
    const inserted = await this.ds.query<UserRow[]>(
      `INSERT INTO users (organisation_id, id, name, role, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organisation_id, id) DO NOTHING RETURNING *`,
      [user.organisationId, user.id, user.name, user.role, user.createdBy],
    );
    if (inserted[0]) return { user: userOf(inserted[0]), created: true };
    const existing = await this.get(user.organisationId, user.id);
    if (!existing) throw new Error(`user ${user.id} neither inserted nor found`);
    return { user: existing, created: false };
  }

  async get(organisationId: string, id: string): Promise<User | null> {
    const rows = await this.ds.query<UserRow[]>(
      'SELECT * FROM users WHERE organisation_id = $1 AND id = $2',
      [organisationId, id],
    );
    return rows[0] ? userOf(rows[0]) : null;
  }

  /** Every user of the organisation, by id. */
  async list(organisationId: string): Promise<User[]> {
    const rows = await this.ds.query<UserRow[]>(
      'SELECT * FROM users WHERE organisation_id = $1 ORDER BY id',
      [organisationId],
    );
    return rows.map(userOf);
  }

  async insertKey(key: {
    id: string;
    organisationId: string;
    userId: string;
    label?: string;
    hash: string;
    createdBy: string;
    idempotencyKey?: string;
  }): Promise<{ key: ApiKeyInfo; inserted: boolean }> {
    const rows = await this.ds.query<KeyRow[]>(
      `INSERT INTO api_keys (id, organisation_id, user_id, label, hash, created_by, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (organisation_id, user_id, idempotency_key) DO NOTHING RETURNING *`,
      [
        key.id,
        key.organisationId,
        key.userId,
        key.label ?? null,
        key.hash,
        key.createdBy,
        key.idempotencyKey ?? null,
      ],
    );
    if (rows[0]) return { key: keyInfoOf(rows[0]), inserted: true };
    const earlier = await this.ds.query<KeyRow[]>(
      `SELECT * FROM api_keys WHERE organisation_id = $1 AND user_id = $2 AND idempotency_key = $3`,
      [key.organisationId, key.userId, key.idempotencyKey],
    );
    return { key: keyInfoOf(earlier[0] as KeyRow), inserted: false };
  }

  /** The key with this public id and its user, revoked or not; null when there is none. */
  async credential(keyId: string): Promise<ApiKeyCredential | null> {
    const rows = await this.ds.query<Array<KeyRow & { user: UserRow }>>(
      `SELECT k.*, to_jsonb(u) AS user FROM api_keys k
       JOIN users u ON u.organisation_id = k.organisation_id AND u.id = k.user_id
       WHERE k.id = $1`,
      [keyId],
    );
    const row = rows[0];
    if (!row) return null;
    const user = { ...row.user, created_at: new Date(row.user.created_at) };
    return { ...keyInfoOf(row), hash: row.hash, user: userOf(user) };
  }

  /** A user's keys, newest first. */
  async keys(organisationId: string, userId: string): Promise<ApiKeyInfo[]> {
    const rows = await this.ds.query<KeyRow[]>(
      `SELECT * FROM api_keys WHERE organisation_id = $1 AND user_id = $2
       ORDER BY created_at DESC, id`,
      [organisationId, userId],
    );
    return rows.map(keyInfoOf);
  }

  /** Revokes the key (a key revoked before keeps its first revocation); null when there is none. */
  async revokeKey(
    organisationId: string,
    userId: string,
    keyId: string,
    by: string,
  ): Promise<ApiKeyInfo | null> {
    await this.ds.query(
      `UPDATE api_keys SET revoked_at = now(), revoked_by = $4
       WHERE organisation_id = $1 AND user_id = $2 AND id = $3 AND revoked_at IS NULL`,
      [organisationId, userId, keyId, by],
    );
    const rows = await this.ds.query<KeyRow[]>(
      'SELECT * FROM api_keys WHERE organisation_id = $1 AND user_id = $2 AND id = $3',
      [organisationId, userId, keyId],
    );
    return rows[0] ? keyInfoOf(rows[0]) : null;
  }
}

function userOf(row: UserRow): User {
  return {
    organisationId: row.organisation_id,
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

function keyInfoOf(row: KeyRow): ApiKeyInfo {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    userId: row.user_id,
    label: row.label,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    revokedBy: row.revoked_by,
  };
}

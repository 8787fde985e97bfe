import type { IsoDateTime, Policy } from '@banso/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { PersistenceError } from '../persistence.error';

/** An organisation with its current (latest) policy, as plain JSON. */
export interface Organisation {
  id: string;
  name: string;
  createdAt: IsoDateTime;
  policy: Policy;
  policyVersion: number;
}

export interface PolicyVersion {
  version: number;
  policy: Policy;
  publishedAt: IsoDateTime;
  publishedBy: string;
}

export interface NewOrganisation {
  id: string;
  name: string;
  /** The first policy; stored as version 1 whatever its own `version` says. */
  policy: Policy;
  /** Who creates it: recorded as the publisher of policy version 1. */
  by: string;
}

/**
 * Organisations and their policy versions. Policies are validated by the caller (policySchema):
 * this stores what it is given. Versions run 1, 2, 3 … with no gaps, each kept forever.
 */
export class OrganisationRepository {
  constructor(private readonly ds: DataSource) {}

  async create(o: NewOrganisation): Promise<Organisation> {
    await this.ds.transaction(async (m) => {
      const inserted = await m.query<unknown[]>(
        'INSERT INTO organisations (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id',
        [o.id, o.name],
      );
      if (inserted.length === 0) {
        throw new PersistenceError('ORGANISATION_EXISTS', `organisation ${o.id} already exists`);
      }
      await insertPolicy(m, o.id, 1, o.policy, o.by);
    });
    const created = await this.get(o.id);
    if (!created) throw new Error(`organisation ${o.id} vanished after it was created`);
    return created;
  }

  async get(id: string): Promise<Organisation | null> {
    const rows = await this.ds.query<
      Array<{ id: string; name: string; created_at: Date; version: number; policy: Policy }>
    >(
      `SELECT o.id, o.name, o.created_at, p.version, p.policy
       FROM organisations o JOIN organisation_policies p ON p.organisation_id = o.id
       WHERE o.id = $1 ORDER BY p.version DESC LIMIT 1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      createdAt: row.created_at.toISOString(),
      policy: row.policy,
      policyVersion: row.version,
    };
  }

  /** Publishes a new policy version and returns its number; the policy's `version` is set to it. */
  async publishPolicy(id: string, policy: Policy, by: string): Promise<number> {
    return this.ds.transaction(async (m) => {
      // The organisation row's lock makes concurrent publishes take turns, so versions stay contiguous.
      const org = await m.query<unknown[]>(
        'SELECT id FROM organisations WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (org.length === 0)
        throw new PersistenceError('ORGANISATION_NOT_FOUND', `no organisation ${id}`);
      const rows = await m.query<Array<{ next: number }>>(
        'SELECT coalesce(max(version), 0) + 1 AS next FROM organisation_policies WHERE organisation_id = $1',
        [id],
      );
      const version = rows[0]?.next ?? 1;
      await insertPolicy(m, id, version, policy, by);
      return version;
    });
  }

  /** Every version, oldest first; empty for an unknown organisation. */
  async policyVersions(id: string): Promise<PolicyVersion[]> {
    const rows = await this.ds.query<
      Array<{ version: number; policy: Policy; published_at: Date; published_by: string }>
    >(
      `SELECT version, policy, published_at, published_by FROM organisation_policies
       WHERE organisation_id = $1 ORDER BY version`,
      [id],
    );
    return rows.map((r) => ({
      version: r.version,
      policy: r.policy,
      publishedAt: r.published_at.toISOString(),
      publishedBy: r.published_by,
    }));
  }
}

async function insertPolicy(
  m: EntityManager,
  id: string,
  version: number,
  policy: Policy,
  by: string,
): Promise<void> {
  await m.query(
    `INSERT INTO organisation_policies (organisation_id, version, policy, published_by)
     VALUES ($1, $2, $3::jsonb, $4)`,
    [id, version, JSON.stringify({ ...policy, version }), by],
  );
}

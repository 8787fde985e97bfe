import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import {
  DEFAULT_POLICY,
  type Policy,
  type PolicyOverrides,
  policySchema,
  zodIssues,
} from '@banso/domain';
import { OrganisationRepository } from '@banso/persistence';
import { ApiError } from '../errors/api-error';
import { organisationNotFound } from './organisation-not-found';

@Injectable()
export class OrganisationsService {
  constructor(private readonly organisations: OrganisationRepository) {}

  async create(id: string, name: string, overrides: PolicyOverrides | undefined, by: string) {
    const policy = this.validPolicy({ ...DEFAULT_POLICY, ...overrides, version: 1 });
    try {
      await this.organisations.create({ id, name, policy, by });
    } catch (err) {
      if ((err as { code?: string }).code === 'ORGANISATION_EXISTS') {
        // A retry of the same request is answered as the first was; another request is refused.
        if (await this.createdAs(id, name, overrides ?? {})) return this.get(id);
        throw new ApiError(
          'ORGANISATION_EXISTS',
          `organisation ${id} already exists with another name or policy; nothing was changed`,
        );
      }
      throw err;
    }
    return this.get(id);
  }

  /**
   * Whether the organisation was created by this request: the same name, and a first policy that
   * has every value the request sets. Compared by what the request says, not by the defaults it
   * was completed with, so a retry still answers after a release changes the defaults.
   */
  private async createdAs(id: string, name: string, overrides: PolicyOverrides): Promise<boolean> {
    const existing = await this.organisations.get(id);
    const [first] = await this.organisations.policyVersions(id);
    if (existing?.name !== name || !first) return false;
    const stored = first.policy as unknown as Record<string, unknown>;
    return Object.entries(overrides).every(([field, value]) =>
      isDeepStrictEqual(stored[field], value),
    );
  }

  async get(id: string) {
    const organisation = await this.organisations.get(id);
    if (!organisation) throw organisationNotFound(id);
    return organisation;
  }

  /** A new version from the current one and the overrides; cases already open keep theirs. */
  async publish(id: string, overrides: PolicyOverrides, by: string) {
    const current = await this.get(id);
    const policy = this.validPolicy({
      ...current.policy,
      ...overrides,
      version: current.policyVersion + 1,
    });
    await this.organisations.publishPolicy(id, policy, by);
    return this.get(id);
  }

  async versions(id: string) {
    await this.get(id);
    return this.organisations.policyVersions(id);
  }

  private validPolicy(candidate: Policy): Policy {
    const parsed = policySchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const issues = zodIssues(parsed.error, 'body.policy');
    throw new ApiError(
      'VALIDATION_FAILED',
      `the policy is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      {
        issues,
      },
    );
  }
}

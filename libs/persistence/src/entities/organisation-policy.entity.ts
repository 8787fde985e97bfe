import type { Policy } from '@banso/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/**
 * Every published version of an organisation's policy, kept forever: cases snapshot the policy
 * when they open, and a manager must be able to see which version a case runs under.
 */
@Entity({ name: 'organisation_policies' })
export class OrganisationPolicyEntity {
  @PrimaryColumn({
    name: 'organisation_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_organisation_policies',
  })
  organisationId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_organisation_policies' })
  version!: number;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_organisation_policies_organisation_id',
  })
  organisation?: OrganisationEntity;

  /** A full Policy whose `version` equals the row's version. */
  @Column({ type: 'jsonb' })
  policy!: Policy;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'text' })
  publishedBy!: string;
}

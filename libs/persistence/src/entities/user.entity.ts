import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/** The roles a person holds in an organisation. */
export const USER_ROLES = ['officer', 'manager', 'administrator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** A person of one organisation: an officer (経営指導員・補助員), a manager or an administrator. */
@Entity({ name: 'users' })
@Check('ck_users_role', `role IN ('officer', 'manager', 'administrator')`)
export class UserEntity {
  @PrimaryColumn({ name: 'organisation_id', type: 'text', primaryKeyConstraintName: 'pk_users' })
  organisationId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_users' })
  id!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_users_organisation_id',
  })
  organisation?: OrganisationEntity;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;
}

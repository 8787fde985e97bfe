import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A user's API key. `id` is the key's public part (it is in the token, so a request finds its
 * row without trying every hash); `hash` is the password hash of the secret part, never the secret.
 */
@Entity({ name: 'api_keys' })
@Index('ix_api_keys_organisation_id_user_id', ['organisationId', 'userId'])
@Unique('uq_api_keys_idempotency_key', ['organisationId', 'userId', 'idempotencyKey'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_api_keys' })
  id!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ name: 'user_id', type: 'text' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'organisation_id',
      referencedColumnName: 'organisationId',
      foreignKeyConstraintName: 'fk_api_keys_user',
    },
    { name: 'user_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_api_keys_user' },
  ])
  user?: UserEntity;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ type: 'text' })
  hash!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy!: string | null;

  /** The Idempotency-Key it was issued with: a retry learns the key exists, never its secret again. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;
}

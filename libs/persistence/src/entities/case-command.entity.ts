import type { CommandType } from '@banso/domain';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every command a case has done, by its id: the binding of an Idempotency-Key to one command and
 * one body, kept for good (after continue-as-new, after close). Written in the append's
 * transaction with the events it caused, firstSeq..lastSeq.
 */
@Entity({ name: 'case_commands' })
@Check('ck_case_commands_seqs', '1 <= first_seq AND first_seq <= last_seq')
export class CaseCommandEntity {
  @PrimaryColumn({
    name: 'organisation_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_case_commands',
  })
  organisationId!: string;

  @PrimaryColumn({ name: 'case_id', type: 'text', primaryKeyConstraintName: 'pk_case_commands' })
  caseId!: string;

  @PrimaryColumn({ name: 'command_id', type: 'text', primaryKeyConstraintName: 'pk_case_commands' })
  commandId!: string;

  @Column({ name: 'command_type', type: 'text' })
  commandType!: CommandType;

  /** SHA-256 of the canonical JSON of the body the command was first sent with. */
  @Column({ name: 'body_hash', type: 'text' })
  bodyHash!: string;

  @Column({ name: 'first_seq', type: 'integer' })
  firstSeq!: number;

  @Column({ name: 'last_seq', type: 'integer' })
  lastSeq!: number;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}

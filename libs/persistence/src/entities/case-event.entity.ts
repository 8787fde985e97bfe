import type { Actor, CaseEvent, EventType } from '@banso/domain';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The append-only event log: the source of truth every read model is rebuilt from. `event` keeps
 * the whole CaseEvent as appended, so a read-back deep-equals it (`at` keeps its own offset); the
 * other columns copy fields out of it for constraints and indexes. `hash` and `prev_hash` chain each
 * case's events so that an edit, a deletion or an insertion by hand is found (audit/).
 */
@Entity({ name: 'case_events' })
@Unique('uq_case_events_organisation_id_case_id_seq', ['organisationId', 'caseId', 'seq'])
@Check('ck_case_events_seq_positive', 'seq >= 1')
@Index('ix_case_events_organisation_id_at', ['organisationId', 'at'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'pk_case_events',
  })
  id!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  type!: EventType;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ type: 'jsonb' })
  actor!: Actor;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb' })
  event!: CaseEvent;

  /** This event's link of the case's hash chain: eventHash(event, prevHash) (audit/event-hash). */
  @Column({ type: 'text' })
  hash!: string;

  /** The hash of the case's previous event; GENESIS_HASH for its first. */
  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}

import type { CommandType } from '@banso/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A failure that retrying cannot fix (a refused append, a projection error, a constraint
 * violation): the case is flagged in its summary and the managers are told until an append of
 * the case succeeds again, which resolves it.
 */
@Entity({ name: 'case_incidents' })
@Index('ix_case_incidents_open', ['organisationId', 'caseId'], { where: 'resolved_at IS NULL' })
export class CaseIncidentEntity {
  @PrimaryColumn({
    name: 'incident_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_case_incidents',
  })
  incidentId!: string;

  @Column({ name: 'organisation_id', type: 'text' })
  organisationId!: string;

  @Column({ name: 'case_id', type: 'text' })
  caseId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'text' })
  during!: CommandType;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;
}

import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity } from './organisation.entity';

/** One yearly target of the organisation's plan: a report row, for all kinds ('all') or one. */
@Entity({ name: 'report_targets' })
@Check('ck_report_targets_target', 'target >= 0')
export class ReportTargetEntity {
  @PrimaryColumn({
    name: 'organisation_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_report_targets',
  })
  organisationId!: string;

  @PrimaryColumn({
    name: 'fiscal_year',
    type: 'integer',
    primaryKeyConstraintName: 'pk_report_targets',
  })
  fiscalYear!: number;

  @PrimaryColumn({ name: 'row_key', type: 'text', primaryKeyConstraintName: 'pk_report_targets' })
  rowKey!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_report_targets' })
  kind!: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'organisation_id',
    referencedColumnName: 'id',
    foreignKeyConstraintName: 'fk_report_targets_organisation_id',
  })
  organisation?: OrganisationEntity;

  @Column({ type: 'integer' })
  target!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;
}

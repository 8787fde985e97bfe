import type { CaseKind } from '@banso/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The fiscal-year report's read model: one row per dated fact of a case's log that a row of the
 * report counts (projections/report-facts.projection.ts). A projection of the log, written in the
 * append's transaction and by the rebuild; the report counts one year's rows of it.
 */
@Entity({ name: 'case_report_facts' })
// (organisation_id, fact, happened_on) INCLUDE (…): every count of a report is an index-only scan
// of one fact's days in the year (migration 1795390000009).
@Index('ix_case_report_facts_year', { synchronize: false })
export class CaseReportFactEntity {
  @PrimaryColumn({
    name: 'organisation_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_case_report_facts',
  })
  organisationId!: string;

  @PrimaryColumn({
    name: 'case_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_case_report_facts',
  })
  caseId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_case_report_facts' })
  seq!: number;

  /** analysis, draft, approval (the first only), visit, dispatch, statement or closure. */
  @Column({ type: 'text' })
  fact!: string;

  @Column({ type: 'text' })
  kind!: CaseKind;

  @Column({ name: 'happened_on', type: 'date' })
  happenedOn!: string;

  @Column({ name: 'fiscal_year_end', type: 'date', nullable: true })
  fiscalYearEnd!: string | null;

  @Column({ type: 'double precision', nullable: true })
  sales!: number | null;

  @Column({ name: 'operating_profit', type: 'double precision', nullable: true })
  operatingProfit!: number | null;

  @Column({ name: 'previous_sales', type: 'double precision', nullable: true })
  previousSales!: number | null;

  @Column({ name: 'previous_operating_profit', type: 'double precision', nullable: true })
  previousOperatingProfit!: number | null;

  @Column({ name: 'after_approval', type: 'boolean', nullable: true })
  afterApproval!: boolean | null;

  @Column({ name: 'plan_target_reached', type: 'boolean', nullable: true })
  planTargetReached!: boolean | null;

  /** On the approval's row: the day the case closed. */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;
}

import type { CaseKind } from '@banso/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The forecast's read model: each due date a case in follow-up is scheduled for, from its pending
 * one to its plan's end (projections/forecast-dues.projection.ts). Replaced for a case in the
 * append's transaction whenever its schedule may have changed; the forecast counts a year's rows.
 */
@Entity({ name: 'case_forecast_dues' })
// (organisation_id, due_on) INCLUDE (kind, case_id, pending): a year's count is an index-only
// scan of its days (migration 1795390000010).
@Index('ix_case_forecast_dues_due_on', { synchronize: false })
export class CaseForecastDueEntity {
  @PrimaryColumn({
    name: 'organisation_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_case_forecast_dues',
  })
  organisationId!: string;

  @PrimaryColumn({
    name: 'case_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_case_forecast_dues',
  })
  caseId!: string;

  /** 0 for the pending due date, then along the grid. */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_case_forecast_dues' })
  step!: number;

  @Column({ type: 'text' })
  kind!: CaseKind;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'boolean' })
  pending!: boolean;
}

import type { CaseKind, CloseReason, Firm, OpenedCase } from '@banso/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseStage } from '../projections/case-summary.projection';

/**
 * One row per case, for the officers' and managers' lists. A projection of the event log: it can
 * be emptied and rebuilt at any time. `state` keeps the folded CaseState, so each new event folds
 * onto it exactly as the workflow does instead of re-deriving it from the flat columns.
 */
@Entity({ name: 'case_summaries' })
@Index('ix_case_summaries_organisation_id_stage', ['organisationId', 'stage'])
@Index('ix_case_summaries_organisation_id_fiscal_year', ['organisationId', 'fiscalYear'])
// Each sort of the list reads an index ending in the case id, the tie-break, either way (keyset).
@Index('ix_case_summaries_organisation_id_opened_at_case_id', [
  'organisationId',
  'openedAt',
  'caseId',
])
@Index('ix_case_summaries_organisation_id_updated_at_case_id', [
  'organisationId',
  'updatedAt',
  'caseId',
])
@Index('ix_case_summaries_organisation_id_firm_name_case_id', [
  'organisationId',
  'firmName',
  'caseId',
])
// Indexes TypeORM cannot describe (migration 1795390000008): the next follow-up's due date as
// COALESCE(next_follow_up_due, ±infinity), so cases without one sort last either way; the work
// lists' (organisation_id, officer_id) INCLUDE (…) for index-only counts.
@Index('ix_case_summaries_due_or_never', { synchronize: false })
@Index('ix_case_summaries_due_or_ever', { synchronize: false })
@Index('ix_case_summaries_work_lists', { synchronize: false })
// The manager's "needs attention" lists are small slices of all cases: partial indexes keep them cheap.
@Index('ix_case_summaries_overdue', ['organisationId'], { where: 'overdue' })
@Index('ix_case_summaries_drifting', ['organisationId'], { where: 'drifting' })
@Index('ix_case_summaries_open_dispatch', ['organisationId'], {
  where: 'open_dispatch_id IS NOT NULL',
})
@Index('ix_case_summaries_open_proposal', ['organisationId'], {
  where: 'open_proposal_id IS NOT NULL',
})
@Index('ix_case_summaries_needs_attention', ['organisationId'], { where: 'needs_attention' })
@Index('ix_case_summaries_deadline_on', ['organisationId', 'deadlineOn'], {
  where: 'deadline_on IS NOT NULL',
})
export class CaseSummaryEntity {
  @PrimaryColumn({ name: 'case_id', type: 'text', primaryKeyConstraintName: 'pk_case_summaries' })
  caseId!: string;

  @PrimaryColumn({
    name: 'organisation_id',
    type: 'text',
    primaryKeyConstraintName: 'pk_case_summaries',
  })
  organisationId!: string;

  @Column({ name: 'firm_name', type: 'text' })
  firmName!: string;

  @Column({ type: 'jsonb' })
  firm!: Firm;

  @Column({ type: 'text' })
  kind!: CaseKind;

  @Column({ type: 'text' })
  stage!: CaseStage;

  @Column({ name: 'officer_id', type: 'text' })
  officerId!: string;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn!: string;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear!: number;

  @Column({ name: 'next_follow_up_due', type: 'date', nullable: true })
  nextFollowUpDue!: string | null;

  @Column({ type: 'boolean' })
  overdue!: boolean;

  /** The deadline of the analysis or the plan, while the case is at that step. */
  @Column({ name: 'deadline_on', type: 'date', nullable: true })
  deadlineOn!: string | null;

  @Column({ type: 'boolean' })
  drifting!: boolean;

  @Column({ name: 'open_dispatch_id', type: 'text', nullable: true })
  openDispatchId!: string | null;

  /** A dispatch drift proposed, awaiting a decision: the proposal's id. */
  @Column({ name: 'open_proposal_id', type: 'text', nullable: true })
  openProposalId!: string | null;

  @Column({ name: 'last_follow_up_on', type: 'date', nullable: true })
  lastFollowUpOn!: string | null;

  @Column({ name: 'follow_ups', type: 'integer' })
  followUps!: number;

  @Column({ name: 'plan_version', type: 'integer' })
  planVersion!: number;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason!: CloseReason | null;

  /** The seq of the last event folded in. */
  @Column({ type: 'integer' })
  version!: number;

  /** The `at` of the last event folded in. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'jsonb' })
  state!: OpenedCase;

  /**
   * A failure retrying cannot fix is open on the case (see case_incidents). Not derived from the
   * log: the incident reporter sets it, the next successful append clears it.
   */
  @Column({ name: 'needs_attention', type: 'boolean', default: false })
  needsAttention!: boolean;
}

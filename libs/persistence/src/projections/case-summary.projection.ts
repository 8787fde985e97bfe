import {
  type CaseEvent,
  type CaseKind,
  type CloseReason,
  evolve,
  type Firm,
  fiscalYearOf,
  INITIAL_STATE,
  type IsoDate,
  type IsoDateTime,
  type OpenedCase,
} from '@banso/domain';

/** The stage a case is in: the CaseState status once opened. */
export type CaseStage = OpenedCase['status'];

/** One row of case_summaries, as plain JSON (dates 'YYYY-MM-DD', instants ISO strings). */
export interface CaseSummaryRow {
  caseId: string;
  organisationId: string;
  firmName: string;
  firm: Firm;
  kind: CaseKind;
  stage: CaseStage;
  officerId: string;
  openedOn: IsoDate;
  openedAt: IsoDateTime;
  /** The start year of the fiscal year the case opened in, by the case's own policy. */
  fiscalYear: number;
  /** The due date of the next follow-up; null before a plan is approved and once closed. */
  nextFollowUpDue: IsoDate | null;
  overdue: boolean;
  /**
   * The deadline of the step the case is in, while it is in analysis or planning: past it, the
   * lists flag the case overdue until the step is done.
   */
  deadlineOn: IsoDate | null;
  drifting: boolean;
  openDispatchId: string | null;
  /** A dispatch drift proposed that no one has decided yet: the proposal's id. */
  openProposalId: string | null;
  lastFollowUpOn: IsoDate | null;
  followUps: number;
  planVersion: number;
  closedOn: IsoDate | null;
  closeReason: CloseReason | null;
  /** The seq of the last event folded in. */
  version: number;
  /** The `at` of the last event folded in. */
  updatedAt: IsoDateTime;
  /** The folded CaseState: the next event folds onto it exactly as the workflow does. */
  state: OpenedCase;
  /**
   * An incident retrying cannot fix is open on the case. Set by the incident reporter; an append
   * that succeeds clears it (the case took events again).
   */
  needsAttention: boolean;
}

/**
 * Folds one event into a case's summary row with the domain's own `evolve`, so the list can never
 * disagree with the workflow. Pure: the append transaction and the rebuild both call it.
 */
export function projectCaseSummary(row: CaseSummaryRow | null, event: CaseEvent): CaseSummaryRow {
  if (row && event.seq !== row.version + 1) {
    throw new Error(
      `case ${event.caseId}: event seq ${event.seq} does not follow the summary's version ${row.version}`,
    );
  }
  const state = evolve(row?.state ?? INITIAL_STATE, event);
  if (state.status === 'new') {
    throw new Error(`case ${event.caseId}: ${event.type} (seq ${event.seq}) before CaseOpened`);
  }
  return caseSummaryOf(state, event.at);
}

/** The row for a folded state whose last event happened at `updatedAt`. */
export function caseSummaryOf(s: OpenedCase, updatedAt: IsoDateTime): CaseSummaryRow {
  const closed = s.status === 'closed';
  return {
    caseId: s.caseId,
    organisationId: s.organisationId,
    firmName: s.firm.name,
    firm: s.firm,
    kind: s.kind,
    stage: s.status,
    officerId: s.officerId,
    openedOn: s.openedOn,
    openedAt: s.openedAt,
    fiscalYear: fiscalYearOf(s.openedOn, s.policy.fiscalYearStartMonth).startYear,
    nextFollowUpDue: s.status === 'followUp' && s.schedule ? s.schedule.dueDate : null,
    // The list flags what needs attention now: a closed case is neither overdue nor drifting any
    // more (its state keeps how it ended).
    overdue: !closed && s.overdue,
    deadlineOn:
      s.status === 'analysis'
        ? s.analysisDeadline
        : s.status === 'planning'
          ? s.planDeadline
          : null,
    drifting: !closed && s.drifting,
    openDispatchId: s.openDispatch?.dispatchId ?? null,
    openProposalId: s.openProposal?.proposalId ?? null,
    lastFollowUpOn: s.lastFollowUpOn ?? null,
    followUps: s.followUps,
    planVersion: s.planVersion,
    closedOn: s.closed?.closedOn ?? null,
    closeReason: s.closed?.reason ?? null,
    version: s.version,
    updatedAt,
    state: s,
    needsAttention: false,
  };
}

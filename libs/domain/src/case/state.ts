import type { IsoDate, IsoDateTime } from '../calendar/dates';
import type { LocalBenchmark } from '../analysis/local-benchmark';
import type { Plan } from '../plan/plan';
import type { CaseKind, Policy } from '../policy/policy';
import type { CaseStatus, CloseReason, Firm } from './commands';
import type { CadenceMode } from './events';

export type { CaseStatus };

export interface Schedule {
  dueDate: IsoDate;
  nominalDueDate: IsoDate;
  cadenceMonths: number;
  mode: CadenceMode;
  final: boolean;
}

/** Which notices have gone out for a due date: a new due date re-arms both. */
export interface Notices {
  dueDate: IsoDate;
  reminded: boolean;
  escalated: boolean;
}

export interface OpenedCase {
  status: Exclude<CaseStatus, 'new'>;
  caseId: string;
  organisationId: string;
  firm: Firm;
  kind: CaseKind;
  officerId: string;
  policy: Policy;
  openedAt: IsoDateTime;
  openedOn: IsoDate;
  /** The seq of the last event folded in. */
  version: number;
  analysisDeadline: IsoDate;
  analysis?: { analysedOn: IsoDate; indicators: LocalBenchmark; keyIssues: string[] };
  planDeadline?: IsoDate;
  plan?: Plan;
  planVersion: number;
  planApprovedOn?: IsoDate;
  schedule?: Schedule;
  notices?: Notices;
  followUps: number;
  lastFollowUpOn?: IsoDate;
  onTrackStreak: number;
  driftingStreak: number;
  drifting: boolean;
  /** A follow-up went past its grace without being recorded, and none has been recorded since. */
  overdue: boolean;
  missedFollowUps: number;
  openDispatch?: { dispatchId: string; requestedOn: IsoDate; driftingKpis: string[] };
  dispatchesRequested: number;
  dispatchesCompleted: number;
  closed?: { reason: CloseReason; closedOn: IsoDate };
}

export type CaseState = { status: 'new'; version: 0 } | OpenedCase;

export const INITIAL_STATE: CaseState = { status: 'new', version: 0 };

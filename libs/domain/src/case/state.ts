import type { IsoDate, IsoDateTime } from '../calendar/dates';
import type { LocalBenchmark } from '../analysis/local-benchmark';
import type { Plan } from '../plan/plan';
import type { CaseKind, Policy } from '../policy/policy';
import type { CaseStatus, CloseReason, DispatchProgramme, Firm } from './commands';
import type { CadenceMode } from './events';
import type { RulesVersion } from './rules';

export type { CaseStatus };

export interface Schedule {
  dueDate: IsoDate;
  nominalDueDate: IsoDate;
  cadenceMonths: number;
  mode: CadenceMode;
  final: boolean;
  /** The grid (rules 2): the due date is `step` cadences after `anchor`. */
  anchor?: IsoDate;
  step?: number;
  /** A follow-up answered this due date (rules 2: the final one stays until the plan ends). */
  answered?: boolean;
}

/** Which notices have gone out for a due date: a new due date re-arms both. */
export interface Notices {
  dueDate: IsoDate;
  reminded: boolean;
  escalated: boolean;
  /**
   * When the due date was recorded (rules 2): a notice whose time had passed by then is for a
   * period entered with its past, and is never sent.
   */
  armedAt?: IsoDateTime;
}

export interface Analysis {
  analysedOn: IsoDate;
  /** Absent for a founder analysed on the founding plan, before any statements. */
  indicators?: LocalBenchmark;
  keyIssues: string[];
}

/** What every opened case has, whatever its stage; the stages below add what they guarantee. */
interface CaseCore {
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
  /** Absent: the first rules (see rules.ts). */
  rules?: RulesVersion;
  /** The date of the case's latest step: no later step may be dated before it. */
  lastStepOn?: IsoDate;
  analysisDeadline: IsoDate;
  analysis?: Analysis;
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
  /**
   * Missed due dates a visit entered late may still answer (rules 2): a visit made within the
   * grace counts as on time, whenever it is entered.
   */
  missedDueDates?: IsoDate[];
  /** The latest statements recorded after the analysis, and their indicators. */
  latestStatements?: { fiscalYearEnd: IsoDate; receivedOn: IsoDate; indicators: LocalBenchmark };
  /** Succession milestones done, by id, with the follow-up that recorded them. */
  milestonesDone?: Record<string, IsoDate>;
  /** Contacts between follow-ups: desk visits, calls, e-mails. */
  contacts?: number;
  /** The case's own regular cadence, overriding the policy's, and why. */
  cadenceOverride?: { months: number; reason: string; since: IsoDate };
  openDispatch?: {
    dispatchId: string;
    requestedOn: IsoDate;
    driftingKpis: string[];
    programme?: DispatchProgramme;
    /** Visits the expert has made so far. */
    visits?: number;
  };
  /** A dispatch drift proposed, awaiting the officer's or a manager's decision. */
  openProposal?: { proposalId: string; proposedOn: IsoDate; driftingKpis: string[] };
  dispatchProposals?: number;
  expertVisits?: number;
  dispatchesRequested: number;
  dispatchesCompleted: number;
  closed?: { reason: CloseReason; closedOn: IsoDate };
}

/** Opened: the business analysis (経営状況の分析) is under way, against its deadline. */
export interface AnalysisCase extends CaseCore {
  status: 'analysis';
  notices: Notices;
}

/** Analysed: the plan is being drafted (事業計画策定); `plan` once a draft exists. */
export interface PlanningCase extends CaseCore {
  status: 'planning';
  analysis: Analysis;
  planDeadline: IsoDate;
}

/** The plan is approved and followed up; `schedule` is the next follow-up, set with the approval. */
export interface FollowUpCase extends CaseCore {
  status: 'followUp';
  analysis: Analysis;
  planDeadline: IsoDate;
  plan: Plan;
  planApprovedOn: IsoDate;
}

/** Closed, from whichever stage: it keeps what it had, and how it ended. */
export interface ClosedCase extends CaseCore {
  status: 'closed';
  closed: { reason: CloseReason; closedOn: IsoDate };
}

/** A case once opened: one type per stage, discriminated on `status`. */
export type OpenedCase = AnalysisCase | PlanningCase | FollowUpCase | ClosedCase;

/** The opened case in one of the given stages. */
export type CaseIn<S extends OpenedCase['status']> = Extract<OpenedCase, { status: S }>;

export type CaseState = { status: 'new'; version: 0 } | OpenedCase;

export const INITIAL_STATE: CaseState = { status: 'new', version: 0 };

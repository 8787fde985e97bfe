import type { LocalBenchmark } from '../analysis/local-benchmark';
import type { IsoDate, IsoDateTime } from '../calendar/dates';
import type { KpiResult } from '../plan/drift';
import type { Plan } from '../plan/plan';
import type { CaseKind, ContactMethod, Policy } from '../policy/policy';
import type { Actor } from './actor';
import type { CloseReason, CommandData, DispatchProgramme, Firm } from './commands';
import type { RulesVersion } from './rules';

/** What a reminder or an escalation is about. */
export type NoticeSubject = 'analysis' | 'plan' | 'followUp';

export type Recipient =
  { role: 'officer'; id: string } | { role: 'manager'; organisationId: string };

export type CadenceMode = 'regular' | 'drifting' | 'relaxed';

export type ScheduleReason =
  'planApproved' | 'followUpRecorded' | 'planRevised' | 'periodMissed' | 'cadenceChanged';

/** Who made a follow-up or a contact. */
export type MadeBy = NonNullable<CommandData<'recordContact'>['madeBy']>;

/** The payload of each event type, named in the past tense. */
export interface EventDataMap {
  CaseOpened: {
    firm: Firm;
    kind: CaseKind;
    officerId: string;
    policy: Policy;
    openedOn: IsoDate;
    analysisDeadline: IsoDate;
    /** The rules of time the case runs by for life; absent on cases opened under the first. */
    rules?: RulesVersion;
  };
  AnalysisRecorded: CommandData<'recordAnalysis'> & {
    /** From the statements; absent for a founder analysed on the founding plan alone. */
    indicators?: LocalBenchmark;
    analysedOn: IsoDate;
    planDeadline: IsoDate;
  };
  PlanDrafted: { plan: Plan; planVersion: number; draftedOn?: IsoDate };
  PlanApproved: { planVersion: number; approvedOn: IsoDate; note?: string };
  PlanRevised: { plan: Plan; planVersion: number; reason: string; revisedOn: IsoDate };
  FollowUpRecorded: {
    visitedOn: IsoDate;
    method: ContactMethod;
    madeBy?: MadeBy;
    notes?: string;
    /** The due date this follow-up answers. */
    dueDate: IsoDate;
    /**
     * The due date had been counted as missed (its grace ran out before the visit was entered),
     * but the visit was made in time: the period is met after all.
     */
    answersMissed?: boolean;
    /** One per KPI reported at this follow-up. */
    results: KpiResult[];
    /** Succession milestones done by this follow-up. */
    milestonesDone?: string[];
    drifting: boolean;
  };
  StatementsRecorded: {
    financials: CommandData<'recordStatements'>['financials'];
    indicators: LocalBenchmark;
    receivedOn: IsoDate;
  };
  /** A follow-up period whose grace ran out with no follow-up recorded for it. */
  FollowUpMissed: {
    dueDate: IsoDate;
    /** Whether the managers were told: not for periods already over when they were recorded. */
    escalated: boolean;
  };
  ContactRecorded: {
    contactedOn: IsoDate;
    method: ContactMethod;
    madeBy: MadeBy;
    notes?: string;
  };
  /** The case's own regular cadence (null: back to the policy's), from `changedOn`. */
  CadenceSet: { cadenceMonths: number | null; reason: string; changedOn: IsoDate };
  FollowUpScheduled: {
    dueDate: IsoDate;
    /** The due date before it moved onto a business day: the next period counts from here. */
    nominalDueDate: IsoDate;
    cadenceMonths: number;
    mode: CadenceMode;
    /** The last follow-up of the plan period. */
    final: boolean;
    reason: ScheduleReason;
    /**
     * The grid the due date is on: `step` cadences after `anchor` (the approval, or the date the
     * cadence last changed). Absent under the first rules, which counted from the last visit.
     */
    anchor?: IsoDate;
    step?: number;
    /**
     * When the period became known, where that is not when the event was recorded: the time the
     * clock's step was due, so a worker that woke late still sends the notices of the new period.
     */
    knownAt?: IsoDateTime;
  };
  ReminderSent: { subject: NoticeSubject; dueDate: IsoDate; recipient: Recipient };
  EscalationRaised: { subject: NoticeSubject; dueDate: IsoDate; recipient: Recipient };
  ExpertDispatchRequested: {
    dispatchId: string;
    requestedOn: IsoDate;
    /** The KPIs whose drift brought it in; empty for a dispatch an officer asked for. */
    driftingKpis: string[];
    driftingFollowUps: number;
    /** Absent on dispatches requested by drift before programmes were named. */
    programme?: DispatchProgramme;
    reason?: string;
    /** The proposal this request took up. */
    proposalId?: string;
  };
  /** Drift proposes an expert dispatch: the officer or a manager confirms or declines it. */
  ExpertDispatchProposed: {
    proposalId: string;
    proposedOn: IsoDate;
    driftingKpis: string[];
    driftingFollowUps: number;
  };
  ExpertDispatchProposalDeclined: { proposalId: string; reason: string; declinedOn: IsoDate };
  ExpertVisitRecorded: {
    dispatchId: string;
    visitedOn: IsoDate;
    expert: { name: string };
    notes?: string;
  };
  /** A dispatch that ended without completing: cancelled, or the case closed. */
  ExpertDispatchEnded: {
    dispatchId: string;
    endedOn: IsoDate;
    outcome: 'cancelled' | 'caseClosed';
    reason?: string;
  };
  ExpertDispatchCompleted: CommandData<'completeExpertDispatch'> & {
    dispatchId: string;
    completedOn: IsoDate;
  };
  OfficerReassigned: { fromOfficerId: string; toOfficerId: string; reason?: string };
  CaseClosed: { reason: CloseReason; closedOn: IsoDate; note?: string };
}

export type EventType = keyof EventDataMap;

export type CaseEvent = {
  [T in EventType]: {
    type: T;
    caseId: string;
    organisationId: string;
    /** 1, 2, 3 … within the case: the log is unique on (caseId, seq). */
    seq: number;
    at: IsoDateTime;
    actor: Actor;
    /** The command that caused it: the log itself answers whether a command was done. */
    commandId: string;
    data: EventDataMap[T];
  };
}[EventType];

export type EventOf<T extends EventType> = Extract<CaseEvent, { type: T }>;

/** An event before the case numbers it. */
export type NewEvent = { [T in EventType]: { type: T; data: EventDataMap[T] } }[EventType];

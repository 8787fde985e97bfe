import type { LocalBenchmark } from '../analysis/local-benchmark';
import type { IsoDate, IsoDateTime } from '../calendar/dates';
import type { KpiResult } from '../plan/drift';
import type { Plan } from '../plan/plan';
import type { CaseKind, Policy } from '../policy/policy';
import type { Actor } from './actor';
import type { CloseReason, CommandData, Firm } from './commands';

/** What a reminder or an escalation is about. */
export type NoticeSubject = 'analysis' | 'plan' | 'followUp';

export type Recipient =
  { role: 'officer'; id: string } | { role: 'manager'; organisationId: string };

export type CadenceMode = 'regular' | 'drifting' | 'relaxed';

export type ScheduleReason = 'planApproved' | 'followUpRecorded' | 'planRevised' | 'periodMissed';

/** The payload of each event type, named in the past tense. */
export interface EventDataMap {
  CaseOpened: {
    firm: Firm;
    kind: CaseKind;
    officerId: string;
    policy: Policy;
    openedOn: IsoDate;
    analysisDeadline: IsoDate;
  };
  AnalysisRecorded: CommandData<'recordAnalysis'> & {
    indicators: LocalBenchmark;
    analysedOn: IsoDate;
    planDeadline: IsoDate;
  };
  PlanDrafted: { plan: Plan; planVersion: number };
  PlanApproved: { planVersion: number; approvedOn: IsoDate; note?: string };
  PlanRevised: { plan: Plan; planVersion: number; reason: string; revisedOn: IsoDate };
  FollowUpRecorded: {
    visitedOn: IsoDate;
    method: CommandData<'recordFollowUp'>['method'];
    notes?: string;
    /** The due date this follow-up answers. */
    dueDate: IsoDate;
    results: KpiResult[];
    drifting: boolean;
  };
  FollowUpScheduled: {
    dueDate: IsoDate;
    /** The due date before it moved onto a business day: the next period counts from here. */
    nominalDueDate: IsoDate;
    cadenceMonths: number;
    mode: CadenceMode;
    /** The last follow-up of the plan period: recording it closes the case. */
    final: boolean;
    reason: ScheduleReason;
  };
  ReminderSent: { subject: NoticeSubject; dueDate: IsoDate; recipient: Recipient };
  EscalationRaised: { subject: NoticeSubject; dueDate: IsoDate; recipient: Recipient };
  ExpertDispatchRequested: {
    dispatchId: string;
    requestedOn: IsoDate;
    driftingKpis: string[];
    driftingFollowUps: number;
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

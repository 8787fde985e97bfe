import { z } from 'zod';
import { financialsSchema } from '../analysis/local-benchmark';
import { planSchema } from '../plan/plan';
import { caseKindSchema, CONTACT_METHODS, policySchema } from '../policy/policy';
import type { Actor } from './actor';

const text = (max: number) => z.string().trim().min(1).max(max);
const id = text(100);

export const firmSchema = z.object({
  name: text(200),
  representative: text(100).optional(),
  industry: text(100).optional(),
  address: text(300).optional(),
  /** 法人番号, 13 digits, where the firm is a corporation. */
  corporateNumber: z
    .string()
    .regex(/^\d{13}$/, 'a corporate number has 13 digits')
    .optional(),
  employees: z.number().int().nonnegative().optional(),
});
export type Firm = z.infer<typeof firmSchema>;

export const CLOSE_REASONS = [
  'selfSustaining',
  'planPeriodEnded',
  'withdrawn',
  'businessClosed',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/**
 * The date a step happened, `YYYY-MM-DD` in the organisation's time zone: left out, it is today
 * there. Never in the future, never before the case's previous step; the event keeps it beside
 * `at`, the instant it was recorded.
 */
const happenedOn = (what: string) =>
  z.iso
    .date()
    .optional()
    .describe(
      `The date ${what} (YYYY-MM-DD, in the organisation’s time zone); today when left out. ` +
        'Not in the future, and not before the case’s previous step',
    );

/**
 * Where an expert comes from (専門家派遣) or a referral goes: よろず支援拠点, 元気アシストプログラム
 * (short or long support), 事業承継・引継ぎ支援センター, a chamber's own 専門家派遣制度, or a
 * financing referral to the Japan Finance Corporation (日本政策金融公庫).
 */
export const DISPATCH_PROGRAMMES = [
  'yorozuSupportCentre',
  'genkiAssistShort',
  'genkiAssistLong',
  'successionSupportCentre',
  'expertDispatchScheme',
  'jfcFinancingReferral',
] as const;
export type DispatchProgramme = (typeof DISPATCH_PROGRAMMES)[number];

/**
 * How a founder raises the funds the founding plan needs (創業計画書の資金調達): own funds, the Japan
 * Finance Corporation, a bank, family, subsidies, or otherwise.
 */
export const FUNDING_SOURCES = [
  'ownFunds',
  'jfcLoan',
  'bankLoan',
  'familyLoan',
  'subsidy',
  'other',
] as const;

/** A founder's plan: what the analysis of a firm with no past statements takes (Rumoi 001). */
export const foundingPlanSchema = z.object({
  /** The day the business was (or will be) founded. */
  foundedOn: z.iso.date(),
  /** Expected annual sales, in yen. */
  expectedSales: z.number().nonnegative(),
  /** Expected annual operating profit, in yen (a loss is negative). */
  expectedOperatingProfit: z.number(),
  /** The funds the founding needs (設備資金 and 運転資金), in yen. */
  fundsNeeded: z.number().positive(),
  /** How they are raised; together they make up the funds needed. */
  funding: z
    .array(z.object({ source: z.enum(FUNDING_SOURCES), amount: z.number().positive() }))
    .min(1)
    .max(10),
});

/** Who made a follow-up or a contact: the officer (経営指導員), an assistant (補助員), an expert along. */
export const CONTACT_ROLES = ['officer', 'assistant', 'expert'] as const;
const madeBySchema = z
  .array(z.object({ role: z.enum(CONTACT_ROLES), name: text(100) }))
  .min(1)
  .max(5)
  .optional()
  .describe('Who made it; the case’s officer when left out');

/**
 * The roles of an organisation's people and of the engine's own timers (`system`). Commands are
 * sent by officers, managers and the timers; administrators manage the organisation, its policy
 * and its users, and send no command.
 */
export const ROLES = ['officer', 'manager', 'administrator', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The stages of a case; `new` is before it is opened. */
export const CASE_STATUSES = ['new', 'analysis', 'planning', 'followUp', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

const OPEN_STAGES = ['analysis', 'planning', 'followUp'] as const;

/**
 * A command, declared once: the data it carries, the stages it is accepted in, who may send it,
 * and where it is sent over HTTP (under /organisations/{orgId}/cases/{caseId}/). The workflow's
 * updates, the API's routes and the OpenAPI operations are all derived from these declarations.
 */
export interface CommandDeclaration {
  schema: z.ZodType;
  stages: readonly CaseStatus[];
  roles: readonly ('officer' | 'manager')[] | readonly ['system'];
  /** The field giving the date the step happened (see `happenedOn`), if it records one. */
  happenedOn?: string;
  /** Absent for the open (its own route) and the engine's own commands. */
  http?: { path: string; summary: string; description?: string };
}

export const COMMANDS = {
  openCase: {
    schema: z.object({
      organisationId: id,
      firm: firmSchema,
      kind: caseKindSchema,
      officerId: id,
      policy: policySchema,
      openedOn: happenedOn('the case was opened'),
    }),
    happenedOn: 'openedOn',
    stages: ['new'],
    roles: ['officer', 'manager'],
  },
  recordAnalysis: {
    schema: z.object({
      /** The last statements: required but for a founder, who may give the founding plan. */
      financials: financialsSchema.optional(),
      /** A founder's plan figures, in place of statements the firm does not have yet. */
      foundingPlan: foundingPlanSchema.optional(),
      findings: z.object({
        strengths: z.array(text(500)).max(30),
        weaknesses: z.array(text(500)).max(30),
        opportunities: z.array(text(500)).max(30),
        threats: z.array(text(500)).max(30),
      }),
      /** The real issues (ボトルネック) agreed with the owner. */
      keyIssues: z.array(text(500)).min(1).max(10),
      analysedOn: happenedOn('the analysis was done'),
    }),
    happenedOn: 'analysedOn',
    stages: ['analysis'],
    roles: ['officer', 'manager'],
    http: {
      path: 'analysis',
      summary: 'Record the business analysis (経営状況の分析)',
      description:
        'The last statements give the six Local Benchmark indicators; a founder with no statements ' +
        'yet gives the founding plan (expected sales and profit, the funds needed and how they are ' +
        'raised, the founding date) instead. The findings and the key issues agreed with the owner ' +
        'complete the analysis. The case moves to plan drafting.',
    },
  },
  draftPlan: {
    schema: z.object({ plan: planSchema, draftedOn: happenedOn('the plan was drafted') }),
    happenedOn: 'draftedOn',
    stages: ['planning'],
    roles: ['officer', 'manager'],
    http: { path: 'plan/draft', summary: 'Draft (or redraft) the business plan (事業計画策定)' },
  },
  approvePlan: {
    schema: z.object({
      note: text(1000).optional(),
      approvedOn: happenedOn('the plan was approved'),
    }),
    happenedOn: 'approvedOn',
    stages: ['planning'],
    roles: ['manager'],
    http: {
      path: 'plan/approve',
      summary: 'Approve the drafted plan; follow-ups start on the policy cadence',
    },
  },
  recordFollowUp: {
    schema: z.object({
      visitedOn: happenedOn('of the follow-up'),
      /** One of the methods the policy counts as a follow-up; anything else is a contact. */
      method: z.enum(CONTACT_METHODS),
      madeBy: madeBySchema,
      /** Actual values by KPI id: all the plan's KPIs, or those known at this follow-up. */
      actuals: z.record(z.string(), z.number()).optional(),
      /** A succession plan's milestones done by this follow-up, by id. */
      milestonesDone: z.array(z.string()).max(20).optional(),
      notes: text(2000).optional(),
    }),
    happenedOn: 'visitedOn',
    stages: ['followUp'],
    roles: ['officer', 'manager'],
    http: {
      path: 'follow-ups',
      summary: 'Record a follow-up with the actual KPI values (フォローアップ)',
    },
  },
  recordStatements: {
    schema: z.object({
      financials: financialsSchema,
      receivedOn: happenedOn('the statements were received'),
    }),
    happenedOn: 'receivedOn',
    stages: OPEN_STAGES,
    roles: ['officer', 'manager'],
    http: {
      path: 'statements',
      summary: 'Record the firm’s latest statements: the Local Benchmark indicators from them',
      description:
        'A founder’s first statements, or any later year’s: the case keeps the latest statements’ ' +
        'indicators beside its analysis.',
    },
  },
  recordContact: {
    schema: z.object({
      contactedOn: happenedOn('of the contact'),
      method: z.enum(CONTACT_METHODS),
      madeBy: madeBySchema,
      notes: text(2000).optional(),
    }),
    happenedOn: 'contactedOn',
    stages: OPEN_STAGES,
    roles: ['officer', 'manager'],
    http: {
      path: 'contacts',
      summary: 'Record a contact between follow-ups (a desk visit, a call, an e-mail)',
      description:
        'A contact is part of the history and of the contact counts; it answers no follow-up due ' +
        'date and leaves the schedule as it is.',
    },
  },
  requestExpertDispatch: {
    schema: z.object({
      programme: z.enum(DISPATCH_PROGRAMMES),
      reason: text(1000),
      requestedOn: happenedOn('the dispatch was requested'),
    }),
    happenedOn: 'requestedOn',
    stages: OPEN_STAGES,
    roles: ['officer', 'manager'],
    http: {
      path: 'dispatch',
      summary: 'Request an expert dispatch or a financing referral, at any stage (専門家派遣)',
      description:
        'Names the programme: yorozuSupportCentre (よろず支援拠点), genkiAssistShort / ' +
        'genkiAssistLong (元気アシストプログラム), successionSupportCentre (事業承継・引継ぎ支援' +
        'センター), expertDispatchScheme (専門家派遣制度) or jfcFinancingReferral (日本政策金融公庫). ' +
        'One dispatch is open at a time; an open proposal is taken up by the request.',
    },
  },
  confirmDispatchProposal: {
    schema: z.object({
      programme: z.enum(DISPATCH_PROGRAMMES),
      note: text(1000).optional(),
      confirmedOn: happenedOn('the proposal was confirmed'),
    }),
    happenedOn: 'confirmedOn',
    stages: ['followUp'],
    roles: ['manager'],
    http: {
      path: 'dispatch/proposal/confirm',
      summary: 'Confirm the expert dispatch that drift proposed, naming the programme',
    },
  },
  declineDispatchProposal: {
    schema: z.object({
      reason: text(1000),
      declinedOn: happenedOn('the proposal was declined'),
    }),
    happenedOn: 'declinedOn',
    stages: ['followUp'],
    roles: ['manager'],
    http: {
      path: 'dispatch/proposal/decline',
      summary: 'Decline the expert dispatch that drift proposed, with the reason',
    },
  },
  recordExpertVisit: {
    schema: z.object({
      expert: z.object({ name: text(100) }),
      notes: text(2000).optional(),
      visitedOn: happenedOn('of the expert’s visit'),
    }),
    happenedOn: 'visitedOn',
    stages: OPEN_STAGES,
    roles: ['officer', 'manager'],
    http: { path: 'dispatch/visits', summary: 'Record a visit of the open dispatch’s expert' },
  },
  cancelExpertDispatch: {
    schema: z.object({
      reason: text(1000),
      cancelledOn: happenedOn('the dispatch was cancelled'),
    }),
    happenedOn: 'cancelledOn',
    stages: OPEN_STAGES,
    roles: ['officer', 'manager'],
    http: { path: 'dispatch/cancel', summary: 'Cancel the open expert dispatch, with the reason' },
  },
  completeExpertDispatch: {
    schema: z.object({
      expert: z.object({ name: text(100), programme: text(200) }),
      summary: text(2000),
      completedOn: happenedOn('the dispatch was completed'),
    }),
    happenedOn: 'completedOn',
    stages: OPEN_STAGES,
    roles: ['officer', 'manager'],
    http: { path: 'dispatch/complete', summary: 'Complete the open expert dispatch (専門家派遣)' },
  },
  revisePlan: {
    schema: z.object({
      plan: planSchema,
      reason: text(1000),
      revisedOn: happenedOn('the plan was revised'),
    }),
    happenedOn: 'revisedOn',
    stages: ['followUp'],
    roles: ['officer', 'manager'],
    http: {
      path: 'plan/revisions',
      summary: 'Revise the plan during follow-up (targets, period or actions)',
    },
  },
  setCadence: {
    schema: z.object({
      /** Months between regular follow-ups for this case; null goes back to the policy's. */
      months: z.number().int().min(1).max(24).nullable(),
      reason: text(1000),
      changedOn: happenedOn('the cadence changed'),
    }),
    happenedOn: 'changedOn',
    stages: ['planning', 'followUp'],
    roles: ['officer', 'manager'],
    http: {
      path: 'cadence',
      summary: 'Give the case its own follow-up cadence, with a reason (or return to the policy’s)',
      description:
        'Overrides the policy’s regular cadence for this case (Kawaguchi by how self-sufficient ' +
        'the firm is, 002 l.494; Iwaki 臨機応変, 003 l.414). In follow-up the due dates count ' +
        'from the date it changed.',
    },
  },
  reassignOfficer: {
    schema: z.object({ officerId: id, reason: text(500).optional() }),
    stages: OPEN_STAGES,
    roles: ['manager'],
    http: { path: 'reassign', summary: 'Reassign the responsible officer' },
  },
  closeCase: {
    schema: z.object({
      reason: z.enum(CLOSE_REASONS),
      note: text(1000).optional(),
      closedOn: happenedOn('the case closed'),
    }),
    happenedOn: 'closedOn',
    stages: OPEN_STAGES,
    roles: ['manager'],
    http: {
      path: 'close',
      summary:
        'Close the case: self-sustaining (自走化), plan period ended, withdrawn, or business closed',
    },
  },
  /** From the case's own timers: send whatever reminders and escalations have come due. */
  advanceClock: {
    schema: z.object({}),
    stages: [...OPEN_STAGES, 'closed'],
    roles: ['system'],
  },
} as const satisfies Record<string, CommandDeclaration>;

export type CommandType = keyof typeof COMMANDS;
export type CommandData<T extends CommandType> = z.infer<(typeof COMMANDS)[T]['schema']>;

/** The commands people send to a running case over HTTP: the workflow's updates. */
export type RoutedCommandType = {
  [T in CommandType]: (typeof COMMANDS)[T] extends { http: object } ? T : never;
}[CommandType];

export type Command = {
  [T in CommandType]: {
    type: T;
    caseId: string;
    /** The command's id: recorded in every event it causes, so the log answers "was this done". */
    commandId: string;
    actor: Actor;
    data: CommandData<T>;
  };
}[CommandType];

export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export const COMMAND_TYPES = Object.keys(COMMANDS) as CommandType[];

export const ROUTED_COMMAND_TYPES = COMMAND_TYPES.filter(
  (t): t is RoutedCommandType => 'http' in COMMANDS[t],
);

export function commandDeclaration(type: CommandType): CommandDeclaration {
  return COMMANDS[type];
}

import { z } from 'zod';
import {
  CASE_KINDS,
  type CaseEvent,
  caseKindSchema,
  CLOSE_REASONS,
  COMMANDS,
  type EventType,
  firmSchema,
  CONTACT_METHODS,
  CONTACT_ROLES,
  DISPATCH_PROGRAMMES,
  type OpenedCase,
  type RoutedCommandType,
} from '@banso/domain';
import type { CaseSummary } from '@banso/persistence';
import type { ApiErrorCode } from '../errors/api-error';
import { queryInteger } from '../http/zod-body';
import {
  actorComponent as actor,
  count,
  firmComponent as firm,
  isoDate,
  isoDateTime,
  PAGE_OR_CURSOR,
  pageCursor,
  pageOrCursor,
  pageSchema,
  planComponent as plan,
  policyComponent as policy,
} from '../openapi/domain-schemas';
import { apiSchema } from '../openapi/zod-openapi';
import type { CommandAnswer } from './cases.service';

/** A case id: a client-chosen one, or the UUID the API gives. */
export const caseIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/, 'use 8–64 letters, digits, _ or -')
  .describe(
    'The case: 8–64 letters, digits, _ or - (the UUID the API gave, or one chosen at opening)',
  );

export const openCaseBodySchema = z.object({
  /** Optional client-chosen id; with it (or an Idempotency-Key) a repeated request opens one case. */
  caseId: caseIdSchema.optional(),
  firm: firmSchema,
  kind: caseKindSchema,
  officerId: z.string().trim().min(1).max(100),
  openedOn: COMMANDS.openCase.schema.shape.openedOn,
});

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const STAGES = ['analysis', 'planning', 'followUp', 'closed'] as const;

export const listCasesQuerySchema = z
  .object({
    stage: z.enum(STAGES).optional(),
    kind: z.enum(CASE_KINDS).optional(),
    officerId: z.string().min(1).max(100).optional(),
    overdue: flag
      .optional()
      .describe(
        'true: a follow-up past its grace, or an analysis or a plan past its deadline; false: neither',
      ),
    drifting: flag.optional(),
    openDispatch: flag.optional(),
    dispatchProposed: flag
      .optional()
      .describe(
        'true: drift proposed an expert dispatch that a manager has yet to confirm or decline',
      ),
    dueFrom: z.iso.date().optional().describe('The next follow-up is due on or after this date'),
    dueTo: z.iso.date().optional().describe('The next follow-up is due on or before this date'),
    /** Cases a failure retrying cannot fix has stopped: the managers' first work list. */
    needsAttention: flag
      .optional()
      .describe('true: cases a failure retrying cannot fix has stopped (the managers’ work list)'),
    fiscalYear: queryInteger(2000, 2100)
      .optional()
      .describe(
        'The fiscal year (April start) the case was opened in, by its starting year: 2025 = 令和7年度',
      ),
    sort: z.enum(['openedAt', 'nextFollowUpDue', 'firmName', 'updatedAt']).optional(),
    order: z.enum(['asc', 'desc']).optional().describe('desc when left out'),
    page: queryInteger(1, 1_000_000).optional().describe('1-based; 1 when left out'),
    pageSize: queryInteger(1, 100).optional().describe('20 when left out'),
    cursor: pageCursor,
  })
  .refine(pageOrCursor, PAGE_OR_CURSOR);

// ---------------------------------------------------------------------------------------------
// What the case routes answer. Each schema is checked against the type of the value it documents
// (below), and the e2e contract test validates real answers against the document.

const cadenceMode = z.enum(['regular', 'drifting', 'relaxed']);

const indicatorValue = z.union([
  z.object({ value: z.number() }),
  z.object({
    value: z.null(),
    gap: z.enum(['missingFigure', 'zeroDenominator', 'nonPositiveEbitda']),
    missing: z.array(z.string()).optional(),
  }),
]);

const localBenchmark = apiSchema(
  'LocalBenchmark',
  z.object({
    salesGrowthRate: indicatorValue,
    operatingMargin: indicatorValue,
    laborProductivity: indicatorValue,
    ebitdaToDebtRatio: indicatorValue,
    workingCapitalTurnoverMonths: indicatorValue,
    equityRatio: indicatorValue,
  }),
);

const analysisSchema = z.object({
  analysedOn: isoDate,
  indicators: localBenchmark
    .optional()
    .describe('From the statements; absent for a founder analysed on the founding plan alone'),
  keyIssues: z.array(z.string()),
});
const noticesSchema = z.object({
  dueDate: isoDate,
  reminded: z.boolean(),
  escalated: z.boolean(),
  armedAt: isoDateTime.optional().describe('When the due date was recorded'),
});
const madeBy = z.array(z.object({ role: z.enum(CONTACT_ROLES), name: z.string() }));
const scheduleReason = z.enum([
  'planApproved',
  'followUpRecorded',
  'planRevised',
  'periodMissed',
  'cadenceChanged',
]);
const closedSchema = z.object({ reason: z.enum(CLOSE_REASONS), closedOn: isoDate });

/** What every opened case has; each stage below adds what it guarantees. */
const caseCore = z.object({
  caseId: z.string(),
  organisationId: z.string(),
  firm,
  kind: caseKindSchema,
  officerId: z.string(),
  policy,
  openedAt: isoDateTime,
  openedOn: isoDate,
  version: z.number().int().min(1),
  rules: z
    .literal([1, 2])
    .optional()
    .describe(
      'The rules of time the case runs by: 2 (dated steps, a fixed follow-up grid, inclusive ' +
        'plan periods); absent for cases opened before them',
    ),
  lastStepOn: isoDate
    .optional()
    .describe('The date of the latest step: no step may be dated before it'),
  analysisDeadline: isoDate,
  analysis: analysisSchema.optional(),
  planDeadline: isoDate.optional(),
  plan: plan.optional(),
  planVersion: count,
  planApprovedOn: isoDate.optional(),
  schedule: z
    .object({
      dueDate: isoDate,
      nominalDueDate: isoDate,
      cadenceMonths: z.number().int().min(1),
      mode: cadenceMode,
      final: z.boolean(),
      anchor: isoDate.optional(),
      step: z.number().int().min(1).optional(),
      answered: z.boolean().optional(),
    })
    .optional(),
  notices: noticesSchema.optional(),
  followUps: count,
  lastFollowUpOn: isoDate.optional(),
  onTrackStreak: count,
  driftingStreak: count,
  drifting: z.boolean(),
  overdue: z.boolean(),
  missedFollowUps: count,
  missedDueDates: z.array(isoDate).optional(),
  latestStatements: z
    .object({ fiscalYearEnd: isoDate, receivedOn: isoDate, indicators: localBenchmark })
    .optional(),
  milestonesDone: z
    .record(z.string(), isoDate)
    .optional()
    .describe('Succession milestones done, by id, with the date of the follow-up that said so'),
  contacts: count.optional(),
  cadenceOverride: z
    .object({ months: z.number().int().min(1), reason: z.string(), since: isoDate })
    .optional(),
  openDispatch: z
    .object({
      dispatchId: z.string(),
      requestedOn: isoDate,
      driftingKpis: z.array(z.string()),
      programme: z.enum(DISPATCH_PROGRAMMES).optional(),
      visits: count.optional(),
    })
    .optional(),
  openProposal: z
    .object({ proposalId: z.string(), proposedOn: isoDate, driftingKpis: z.array(z.string()) })
    .optional(),
  dispatchProposals: count.optional(),
  expertVisits: count.optional(),
  dispatchesRequested: count,
  dispatchesCompleted: count,
  closed: closedSchema.optional(),
});

/** The case's state, discriminated on its stage: each stage states the fields it always has. */
export const caseStateSchema = apiSchema(
  'CaseState',
  z.discriminatedUnion('status', [
    caseCore.extend({ status: z.literal('analysis'), notices: noticesSchema }),
    caseCore.extend({
      status: z.literal('planning'),
      analysis: analysisSchema,
      planDeadline: isoDate,
    }),
    caseCore.extend({
      status: z.literal('followUp'),
      analysis: analysisSchema,
      planDeadline: isoDate,
      plan,
      planApprovedOn: isoDate,
    }),
    caseCore.extend({ status: z.literal('closed'), closed: closedSchema }),
  ]),
);

const recipient = z.union([
  z.object({ role: z.literal('officer'), id: z.string() }),
  z.object({ role: z.literal('manager'), organisationId: z.string() }),
]);
const noticeSubject = z.enum(['analysis', 'plan', 'followUp']);

const EVENT_DATA = {
  CaseOpened: z.object({
    firm,
    kind: caseKindSchema,
    officerId: z.string(),
    policy,
    openedOn: isoDate,
    analysisDeadline: isoDate,
    rules: z.literal([1, 2]).optional(),
  }),
  AnalysisRecorded: COMMANDS.recordAnalysis.schema.extend({
    indicators: localBenchmark.optional(),
    analysedOn: isoDate,
    planDeadline: isoDate,
  }),
  PlanDrafted: z.object({
    plan,
    planVersion: z.number().int().min(1),
    draftedOn: isoDate.optional(),
  }),
  PlanApproved: z.object({
    planVersion: z.number().int().min(1),
    approvedOn: isoDate,
    note: z.string().optional(),
  }),
  PlanRevised: z.object({
    plan,
    planVersion: z.number().int().min(1),
    reason: z.string(),
    revisedOn: isoDate,
  }),
  FollowUpRecorded: z.object({
    visitedOn: isoDate,
    method: z.enum(CONTACT_METHODS),
    madeBy: madeBy.optional(),
    notes: z.string().optional(),
    dueDate: isoDate,
    answersMissed: z.boolean().optional(),
    milestonesDone: z.array(z.string()).optional(),
    results: z.array(
      z.object({
        kpiId: z.string(),
        actual: z.number(),
        expected: z.number(),
        shortfall: z.number(),
        drifting: z.boolean(),
      }),
    ),
    drifting: z.boolean(),
  }),
  StatementsRecorded: z.object({
    financials: COMMANDS.recordStatements.schema.shape.financials,
    indicators: localBenchmark,
    receivedOn: isoDate,
  }),
  FollowUpMissed: z.object({ dueDate: isoDate, escalated: z.boolean() }),
  ContactRecorded: z.object({
    contactedOn: isoDate,
    method: z.enum(CONTACT_METHODS),
    madeBy,
    notes: z.string().optional(),
  }),
  CadenceSet: z.object({
    cadenceMonths: z.number().int().min(1).nullable(),
    reason: z.string(),
    changedOn: isoDate,
  }),
  FollowUpScheduled: z.object({
    dueDate: isoDate,
    nominalDueDate: isoDate,
    cadenceMonths: z.number().int().min(1),
    mode: cadenceMode,
    final: z.boolean(),
    reason: scheduleReason,
    anchor: isoDate.optional(),
    step: z.number().int().min(1).optional(),
    knownAt: isoDateTime
      .optional()
      .describe('When the period became known, where the clock recorded it late'),
  }),
  ReminderSent: z.object({ subject: noticeSubject, dueDate: isoDate, recipient }),
  EscalationRaised: z.object({ subject: noticeSubject, dueDate: isoDate, recipient }),
  ExpertDispatchRequested: z.object({
    dispatchId: z.string(),
    requestedOn: isoDate,
    driftingKpis: z.array(z.string()),
    driftingFollowUps: count,
    programme: z.enum(DISPATCH_PROGRAMMES).optional(),
    reason: z.string().optional(),
    proposalId: z.string().optional(),
  }),
  ExpertDispatchProposed: z.object({
    proposalId: z.string(),
    proposedOn: isoDate,
    driftingKpis: z.array(z.string()),
    driftingFollowUps: count,
  }),
  ExpertDispatchProposalDeclined: z.object({
    proposalId: z.string(),
    reason: z.string(),
    declinedOn: isoDate,
  }),
  ExpertVisitRecorded: z.object({
    dispatchId: z.string(),
    visitedOn: isoDate,
    expert: z.object({ name: z.string() }),
    notes: z.string().optional(),
  }),
  ExpertDispatchEnded: z.object({
    dispatchId: z.string(),
    endedOn: isoDate,
    outcome: z.enum(['cancelled', 'caseClosed']),
    reason: z.string().optional(),
  }),
  ExpertDispatchCompleted: COMMANDS.completeExpertDispatch.schema.extend({
    dispatchId: z.string(),
    completedOn: isoDate,
  }),
  OfficerReassigned: z.object({
    fromOfficerId: z.string(),
    toOfficerId: z.string(),
    reason: z.string().optional(),
  }),
  CaseClosed: z.object({
    reason: z.enum(CLOSE_REASONS),
    closedOn: isoDate,
    note: z.string().optional(),
  }),
} satisfies Record<EventType, z.ZodType>;

function eventSchema<T extends EventType>(type: T) {
  return apiSchema(
    `${type}Event`,
    z.object({
      type: z.literal(type),
      caseId: z.string(),
      organisationId: z.string(),
      seq: z.number().int().min(1),
      at: isoDateTime,
      actor,
      commandId: z.string(),
      data: EVENT_DATA[type],
    }),
  );
}

export const caseEventSchema = apiSchema(
  'CaseEvent',
  z.discriminatedUnion('type', [
    eventSchema('CaseOpened'),
    eventSchema('AnalysisRecorded'),
    eventSchema('PlanDrafted'),
    eventSchema('PlanApproved'),
    eventSchema('PlanRevised'),
    eventSchema('FollowUpRecorded'),
    eventSchema('FollowUpScheduled'),
    eventSchema('FollowUpMissed'),
    eventSchema('StatementsRecorded'),
    eventSchema('ContactRecorded'),
    eventSchema('CadenceSet'),
    eventSchema('ReminderSent'),
    eventSchema('EscalationRaised'),
    eventSchema('ExpertDispatchRequested'),
    eventSchema('ExpertDispatchCompleted'),
    eventSchema('ExpertDispatchProposed'),
    eventSchema('ExpertDispatchProposalDeclined'),
    eventSchema('ExpertVisitRecorded'),
    eventSchema('ExpertDispatchEnded'),
    eventSchema('OfficerReassigned'),
    eventSchema('CaseClosed'),
  ]),
);

/** What every command answers (CommandAnswer), the first time and on every retry. */
export const commandAnswerSchema = apiSchema(
  'CommandAnswer',
  z.object({
    caseId: z.string(),
    commandId: z
      .string()
      .describe('The command’s id: the Idempotency-Key sent, or the one generated'),
    state: caseStateSchema,
    events: z.array(caseEventSchema).describe('The events the command added to the log'),
  }),
);

export const liveCaseSchema = apiSchema(
  'LiveCase',
  z.object({ caseId: z.string(), state: caseStateSchema }),
);

export const caseHistorySchema = apiSchema(
  'CaseHistory',
  z.object({ caseId: z.string(), events: z.array(caseEventSchema) }),
);

export const eventsQuerySchema = z.object({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .describe('json (the default) or csv: one row per event, for Excel'),
});

/** The columns of a case history as CSV. */
export const EVENT_CSV_COLUMNS = [
  'seq',
  'type',
  'happenedOn',
  'at',
  'actorId',
  'actorRole',
  'requestId',
  'commandId',
  'data',
] as const;

export const caseAuditSchema = apiSchema(
  'CaseAudit',
  z.object({
    caseId: z.string(),
    verified: z.boolean().describe('Every event is as it was appended, in order, none missing'),
    firstBrokenSeq: z
      .number()
      .int()
      .min(1)
      .nullable()
      .describe('The first seq from which the history cannot be trusted; null when verified'),
    // Each kind of event with its two hashes: an intersection of the event (whose JSON Schema
    // allows no other property) with the hashes would accept no event at all.
    events: z.array(
      z.discriminatedUnion(
        'type',
        caseEventSchema.options.map((event) =>
          event.extend({
            hash: z.string().describe('SHA-256 of the canonical JSON of {prevHash, event}'),
            prevHash: z
              .string()
              .describe('The previous event’s hash; a fixed genesis hash for seq 1'),
          }),
        ) as unknown as typeof caseEventSchema.options,
      ),
    ),
  }),
);

export const caseSummarySchema = apiSchema(
  'CaseSummary',
  z.object({
    caseId: z.string(),
    organisationId: z.string(),
    firmName: z.string(),
    firm,
    kind: caseKindSchema,
    stage: z.enum(STAGES),
    officerId: z.string(),
    openedOn: isoDate,
    openedAt: isoDateTime,
    fiscalYear: z.number().int(),
    nextFollowUpDue: isoDate.nullable(),
    overdue: z
      .boolean()
      .describe(
        'A follow-up past its grace, or an analysis or a plan past its deadline, not yet done',
      ),
    deadlineOn: isoDate
      .nullable()
      .describe('The deadline of the analysis or the plan, while the case is at that step'),
    drifting: z.boolean(),
    openDispatchId: z.string().nullable(),
    openProposalId: z
      .string()
      .nullable()
      .describe('A dispatch drift proposed that is yet to be confirmed or declined: its id'),
    lastFollowUpOn: isoDate.nullable(),
    followUps: count,
    planVersion: count,
    closedOn: isoDate.nullable(),
    closeReason: z.enum(CLOSE_REASONS).nullable(),
    version: z.number().int().min(1),
    updatedAt: isoDateTime,
    needsAttention: z.boolean(),
  }),
);

export const casePageSchema = apiSchema('CasePage', pageSchema(caseSummarySchema));

/** The codes a command route answers, by what its declaration says it checks. */
export function commandErrorCodes(type: RoutedCommandType | 'openCase'): ApiErrorCode[] {
  const { roles } = COMMANDS[type];
  const common: ApiErrorCode[] = [
    'VALIDATION_FAILED',
    'INVALID_COMMAND',
    'IDEMPOTENCY_KEY_REUSED',
    'CASE_NEEDS_ATTENTION',
    'COMMAND_PENDING',
    'TEMPORAL_UNAVAILABLE',
    'DATABASE_UNAVAILABLE',
  ];
  // Only a role outside the declaration is refused; a system actor never gets this far. An officer
  // acts on the cases assigned to them (and opens cases for themselves).
  const roleChecked: ApiErrorCode[] = roles.length < 2 ? ['ROLE_NOT_ALLOWED'] : [];
  if ((roles as readonly string[]).includes('officer')) roleChecked.push('CASE_NOT_ASSIGNED');
  if (type === 'openCase') {
    // WRONG_STAGE: a case id whose workflow has already run and closed cannot be opened again.
    const open: ApiErrorCode[] = ['ORGANISATION_NOT_FOUND', 'CASE_ALREADY_OPEN', 'WRONG_STAGE'];
    return [...common, ...roleChecked, ...open];
  }
  const specific: Partial<Record<RoutedCommandType, ApiErrorCode[]>> = {
    approvePlan: ['PLAN_NOT_DRAFTED', 'SELF_APPROVAL'],
    recordFollowUp: ['PLAN_NOT_DRAFTED'],
    completeExpertDispatch: ['NO_OPEN_DISPATCH'],
    recordExpertVisit: ['NO_OPEN_DISPATCH'],
    cancelExpertDispatch: ['NO_OPEN_DISPATCH'],
  };
  return [...common, ...roleChecked, 'CASE_NOT_FOUND', 'WRONG_STAGE', ...(specific[type] ?? [])];
}

// The schemas document these types: each way round, so neither can change alone.
type Documented<S extends z.ZodType> = z.output<S>;
const _stateIn = (s: OpenedCase): Documented<typeof caseStateSchema> => s;
const _stateOut = (s: Documented<typeof caseStateSchema>): OpenedCase => s;
const _eventIn = (e: CaseEvent): Documented<typeof caseEventSchema> => e;
const _eventOut = (e: Documented<typeof caseEventSchema>): CaseEvent => e;
const _summaryIn = (s: CaseSummary): Documented<typeof caseSummarySchema> => s;
const _summaryOut = (s: Documented<typeof caseSummarySchema>): CaseSummary => s;
const _answerOut = (a: Documented<typeof commandAnswerSchema>): CommandAnswer => a;

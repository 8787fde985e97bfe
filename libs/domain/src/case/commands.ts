import { z } from 'zod';
import { financialsSchema } from '../analysis/local-benchmark';
import { planSchema } from '../plan/plan';
import { caseKindSchema, policySchema } from '../policy/policy';
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

export const FOLLOW_UP_METHODS = ['visit', 'desk', 'online', 'phone'] as const;

/** The data each command carries, validated before any rule of the case is applied. */
export const commandDataSchemas = {
  openCase: z.object({
    organisationId: id,
    firm: firmSchema,
    kind: caseKindSchema,
    officerId: id,
    policy: policySchema,
  }),
  recordAnalysis: z.object({
    financials: financialsSchema,
    findings: z.object({
      strengths: z.array(text(500)).max(30),
      weaknesses: z.array(text(500)).max(30),
      opportunities: z.array(text(500)).max(30),
      threats: z.array(text(500)).max(30),
    }),
    /** The real issues (ボトルネック) agreed with the owner. */
    keyIssues: z.array(text(500)).min(1).max(10),
  }),
  draftPlan: z.object({ plan: planSchema }),
  approvePlan: z.object({ note: text(1000).optional() }),
  recordFollowUp: z.object({
    visitedOn: z.iso.date(),
    method: z.enum(FOLLOW_UP_METHODS),
    /** The actual value of each KPI of the plan, by KPI id. */
    actuals: z.record(z.string(), z.number()),
    notes: text(2000).optional(),
  }),
  completeExpertDispatch: z.object({
    expert: z.object({ name: text(100), programme: text(200) }),
    summary: text(2000),
  }),
  revisePlan: z.object({ plan: planSchema, reason: text(1000) }),
  reassignOfficer: z.object({ officerId: id, reason: text(500).optional() }),
  closeCase: z.object({ reason: z.enum(CLOSE_REASONS), note: text(1000).optional() }),
  /** From the case's own timers: send whatever reminders and escalations have come due. */
  advanceClock: z.object({}),
} as const;

export type CommandType = keyof typeof commandDataSchemas;
export type CommandData<T extends CommandType> = z.infer<(typeof commandDataSchemas)[T]>;

export type Command = {
  [T in CommandType]: { type: T; caseId: string; actor: Actor; data: CommandData<T> };
}[CommandType];

export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export const COMMAND_TYPES = Object.keys(commandDataSchemas) as CommandType[];

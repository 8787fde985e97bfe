import { z } from 'zod';
import { CASE_KINDS, caseKindSchema, firmSchema } from '@banso/domain';

export const openCaseBodySchema = z.object({
  /** Optional client-chosen id; with it (or an Idempotency-Key) a repeated request opens one case. */
  caseId: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,63}$/, 'use 8–64 letters, digits, _ or -')
    .optional(),
  firm: firmSchema,
  kind: caseKindSchema,
  officerId: z.string().trim().min(1).max(100),
});

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const STAGES = ['analysis', 'planning', 'followUp', 'closed'] as const;

export const listCasesQuerySchema = z.object({
  stage: z.enum(STAGES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  officerId: z.string().min(1).optional(),
  overdue: flag.optional(),
  drifting: flag.optional(),
  openDispatch: flag.optional(),
  /** Cases a failure retrying cannot fix has stopped: the managers' first work list. */
  needsAttention: flag.optional(),
  /** The fiscal year (April start) the case was opened in, by its starting year: 2025 = 令和7年度. */
  fiscalYear: z.coerce.number().int().min(2000).max(2100).optional(),
  sort: z.enum(['openedAt', 'nextFollowUpDue', 'firmName', 'updatedAt']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

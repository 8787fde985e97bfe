import { z } from 'zod';
import { apiSchema } from '../openapi/zod-openapi';

const check = z.object({
  ok: z.boolean(),
  latencyMs: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('How long the probe took, when it answered'),
  error: z.string().optional().describe('Why not, when ok is false'),
});

/** What /health answers, 200 or 503 alike. */
export const healthSchema = apiSchema(
  'Health',
  z.object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ database: check, temporal: check }),
  }),
);

export type Health = z.output<typeof healthSchema>;

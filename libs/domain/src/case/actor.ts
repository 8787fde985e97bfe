import { z } from 'zod';

export const actorSchema = z.object({
  role: z.enum(['officer', 'manager', 'system']),
  id: z.string().trim().min(1).max(100),
});
/** Who did it: every event carries its actor, so a case history can be audited. */
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { role: 'system', id: 'banso' };

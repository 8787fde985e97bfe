import { z } from 'zod';

export const actorSchema = z.object({
  role: z.enum(['officer', 'manager', 'system']),
  /** The user, as their organisation names them; `banso` for the engine's own timers. */
  id: z.string().trim().min(1).max(100),
  /** The HTTP request the command came in (its X-Request-Id); absent for the timers. */
  requestId: z.string().min(1).max(200).optional(),
});
/**
 * Who did it, and through which request: every event carries its actor, so a case history can be
 * audited back to the person and the request.
 */
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { role: 'system', id: 'banso' };

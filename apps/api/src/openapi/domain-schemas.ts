import { z } from 'zod';
import { actorSchema, firmSchema, planSchema, policySchema } from '@banso/domain';
import { apiSchema } from './zod-openapi';

// The domain's own schemas, named once as components of the answers that carry them.

export const firmComponent = apiSchema('Firm', firmSchema);
export const policyComponent = apiSchema('Policy', policySchema);
export const planComponent = apiSchema('Plan', planSchema);
export const actorComponent = apiSchema('Actor', actorSchema);

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.iso.date();
/** An instant, ISO 8601 with its offset (or Z). */
export const isoDateTime = z.iso.datetime({ offset: true });
/** A count: 0, 1, 2 … */
export const count = z.number().int().min(0);

/** A page of a list: `items`, the `total` across all pages, and which page this is. */
export function pageSchema<S extends z.ZodType>(items: S) {
  return z.object({
    items: z.array(items),
    total: count,
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(100),
  });
}

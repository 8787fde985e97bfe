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

/** The page after a page, by its nextCursor: read from the index, however deep (keyset). */
export const pageCursor = z
  .string()
  .min(1)
  .max(1000)
  .optional()
  .describe(
    'The nextCursor of the page before, with the same filters: the page after it, read from ' +
      'the index however deep (page numbers read by offset, slower deep in a long list). Not with page',
  );

/** A page is asked for by number or by cursor: the refinement of a list's query that says so. */
export const pageOrCursor = (q: { page?: number; cursor?: string }) =>
  q.page === undefined || q.cursor === undefined;
export const PAGE_OR_CURSOR = { message: 'give page or cursor, not both', path: ['cursor'] };

/** A page of a list: `items`, the `total` across all pages, which page this is and the next. */
export function pageSchema<S extends z.ZodType>(items: S) {
  return z.object({
    items: z.array(items),
    total: count,
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1).max(100),
    nextCursor: z
      .string()
      .nullable()
      .describe(
        'The next page: send it back as cursor (with the same filters); null on the last page',
      ),
  });
}

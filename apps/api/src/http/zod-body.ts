import type { z } from 'zod';
import { zodIssues } from '@banso/domain';
import { ApiError } from '../errors/api-error';

/** Parses a request part with a schema from the domain: 400 with every field at fault. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query',
): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error, where);
  throw new ApiError(
    'VALIDATION_FAILED',
    `the request ${where} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { issues },
  );
}

import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { type FieldIssue, zodIssues } from '@banso/domain';
import { ApiError } from '../errors/api-error';

type Where = 'body' | 'query' | 'path';

/** Parses a request part with a schema from the domain: 400 with every field at fault. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: Where,
): z.infer<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issues = zodIssues(parsed.error, where).map((issue) =>
    where === 'body' ? issue : explainEmpty(issue, value, where),
  );
  throw new ApiError(
    'VALIDATION_FAILED',
    `the request ${where} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { issues },
  );
}

/** `?stage=` is an empty value, not an absent one: say so, and how to leave the filter out. */
function explainEmpty(issue: FieldIssue, value: unknown, where: Where): FieldIssue {
  const name = issue.path.slice(where.length + 1);
  const given = (value as Record<string, unknown> | undefined)?.[name];
  if (given !== '') return issue;
  return {
    path: issue.path,
    message:
      where === 'query'
        ? `must not be empty (${issue.message}); leave the parameter out instead`
        : `must not be empty (${issue.message})`,
  };
}

/**
 * A whole number in a query string: decimal digits only (no `0x10`, `1e3`, `1.0` or spaces, which
 * Number() would take), documented as an OpenAPI integer with its bounds.
 */
export function queryInteger(min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ type: 'integer', minimum: min, maximum: max });
}

/**
 * Checks every route's path parameters by name (`orgId`, `caseId`, …) with their schemas, the same
 * ones the document shows: a malformed one is a 400 VALIDATION_FAILED at `path.<name>`.
 */
export class ZodPathParamsPipe implements PipeTransform {
  constructor(private readonly schemas: Readonly<Record<string, z.ZodType<string>>>) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const name = metadata.data;
    if (metadata.type !== 'param' || !name || !Object.hasOwn(this.schemas, name)) return value;
    const schema = this.schemas[name] as z.ZodType<string>;
    return parseOr400(z.object({ [name]: schema }), { [name]: value }, 'path')[name];
  }
}

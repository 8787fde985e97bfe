import { z } from 'zod';
import { policyOverridesSchema } from '@banso/domain';

export const organisationIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    'use 2–63 lowercase letters, digits or hyphens, e.g. kanazawa-cci',
  );

export const createOrganisationSchema = z.object({
  id: organisationIdSchema,
  name: z.string().trim().min(1).max(200),
  /** Overrides of the default policy (DOMAIN.md): quarterly, founders monthly, and so on. */
  policy: policyOverridesSchema.optional(),
});

export const publishPolicySchema = z.object({ policy: policyOverridesSchema });

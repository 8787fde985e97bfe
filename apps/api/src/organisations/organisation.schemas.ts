import { z } from 'zod';
import { policyOverridesSchema } from '@banso/domain';
import type { Organisation, PolicyVersion } from '@banso/persistence';
import { isoDateTime, policyComponent as policy } from '../openapi/domain-schemas';
import { apiSchema } from '../openapi/zod-openapi';

export const organisationIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    'use 2–63 lowercase letters, digits or hyphens, e.g. kanazawa-cci',
  )
  .describe('The organisation: 2–63 lowercase letters, digits or hyphens, e.g. kanazawa-cci');

export const createOrganisationSchema = z.object({
  id: organisationIdSchema,
  name: z.string().trim().min(1).max(200),
  /** Overrides of the default policy (DOMAIN.md): quarterly, founders monthly, and so on. */
  policy: policyOverridesSchema.optional(),
});

export const publishPolicySchema = z.object({ policy: policyOverridesSchema });

// What the organisation routes answer.

export const organisationSchema = apiSchema(
  'Organisation',
  z.object({
    id: z.string(),
    name: z.string(),
    createdAt: isoDateTime,
    policy,
    policyVersion: z.number().int().min(1),
  }),
);

export const policyVersionSchema = apiSchema(
  'PolicyVersion',
  z.object({
    version: z.number().int().min(1),
    policy,
    publishedAt: isoDateTime,
    publishedBy: z.string().describe('The user who published it'),
  }),
);

export const policyVersionsSchema = apiSchema('PolicyVersions', z.array(policyVersionSchema));

// The schemas document these types: each way round, so neither can change alone.
const _organisationIn = (o: Organisation): z.output<typeof organisationSchema> => o;
const _organisationOut = (o: z.output<typeof organisationSchema>): Organisation => o;
const _versionIn = (v: PolicyVersion): z.output<typeof policyVersionSchema> => v;
const _versionOut = (v: z.output<typeof policyVersionSchema>): PolicyVersion => v;

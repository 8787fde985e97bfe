import { z } from 'zod';
import { type ApiKeyInfo, type User, USER_ROLES } from '@banso/persistence';
import { isoDateTime } from '../openapi/domain-schemas';
import { apiSchema } from '../openapi/zod-openapi';

/** A user's id is how events, cases and notifications name them (a case's officerId). */
export const userIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$/,
    'use 1–100 letters, digits, dots, hyphens, underscores or @',
  )
  .describe('The user: 1–100 letters, digits, dots, hyphens, underscores or @, e.g. officer-sato');

export const apiKeyIdSchema = z
  .string()
  .regex(/^[a-z0-9]{20}$/, 'an API key id is 20 lowercase letters and digits')
  .describe('The API key’s id: the 20 characters after banso_ in the key');

export const createUserSchema = z.object({
  id: userIdSchema,
  name: z.string().trim().min(1).max(100).describe('The name shown to colleagues, e.g. 佐藤 一郎'),
  role: z
    .enum(USER_ROLES)
    .describe(
      'officer (経営指導員・補助員: opens cases and works those assigned to them), manager ' +
        '(法定経営指導員: reads everything, approves, reassigns, closes, reports) or administrator ' +
        '(the organisation, its policy and its users)',
    ),
});

export const issueKeySchema = z.object({
  label: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('What the key is for, e.g. "laptop" or "BIZミル import"'),
});

export const userSchema = apiSchema(
  'User',
  z.object({
    organisationId: z.string(),
    id: z.string(),
    name: z.string(),
    role: z.enum(USER_ROLES),
    createdAt: isoDateTime,
    createdBy: z.string(),
  }),
);
export const usersSchema = apiSchema('Users', z.object({ items: z.array(userSchema) }));

export const apiKeyInfoSchema = apiSchema(
  'ApiKey',
  z.object({
    id: z.string(),
    organisationId: z.string(),
    userId: z.string(),
    label: z.string().nullable(),
    createdAt: isoDateTime,
    createdBy: z.string(),
    revokedAt: isoDateTime.nullable(),
    revokedBy: z.string().nullable(),
  }),
);
export const apiKeysSchema = apiSchema('ApiKeys', z.object({ items: z.array(apiKeyInfoSchema) }));

export const issuedKeySchema = apiSchema(
  'IssuedApiKey',
  apiKeyInfoSchema.extend({
    key: z
      .string()
      .describe(
        'The key, shown this once: send it as Authorization: Bearer <key>. Only its hash is kept',
      ),
  }),
);

export const signedInUserSchema = apiSchema(
  'SignedInUser',
  z.object({
    userId: z.string(),
    role: z.enum(USER_ROLES),
    organisationId: z.string().nullable().describe('null for the platform administrator'),
    via: z.enum(['apiKey', 'jwt', 'platformKey']),
    requestId: z.string(),
  }),
);

// The schemas document these types: each way round, so neither can change alone.
const _userIn = (u: User): z.output<typeof userSchema> => u;
const _userOut = (u: z.output<typeof userSchema>): User => u;
const _keyIn = (k: ApiKeyInfo): z.output<typeof apiKeyInfoSchema> => k;
const _keyOut = (k: z.output<typeof apiKeyInfoSchema>): ApiKeyInfo => k;

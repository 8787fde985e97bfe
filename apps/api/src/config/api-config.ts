import { z } from 'zod';
import { TASK_QUEUE } from '@banso/workflows';

/** A variable that may be left unset; set to the empty string it is refused, not read as unset. */
const optionalSecret = (what: string) =>
  z
    .string()
    .min(32, `${what}: at least 32 characters (e.g. \`openssl rand -base64 32\`)`)
    .regex(/^\S+$/, `${what}: no spaces`)
    .optional();

const claim = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_:./-]{1,100}$/, 'a claim name')
    .default(fallback);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url('a PostgreSQL URL, e.g. postgres://user:pass@localhost:5432/banso'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /**
   * How long a command's request waits for the case to confirm it; then 503 COMMAND_PENDING with
   * the key to send it again with (the case goes on, e.g. waiting out a database outage).
   */
  COMMAND_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
  /** Connections in the API's pool (reads and the command pre-checks). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** A read running longer is cancelled: the list and report queries stay bounded. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /**
   * The writes (POST, PUT, PATCH, DELETE) one signed-in key may send in any rolling minute: an API
   * key, a JWT's user in their organisation, or the platform key. More is a 429 RATE_LIMITED with
   * Retry-After; reads are not limited. A busy officer sends a few a minute, a runaway script
   * hundreds a second. 0 turns the limit off (e.g. behind a gateway that limits, or a benchmark).
   */
  WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /**
   * The platform administrator's key: whoever holds it may create organisations and administer
   * any of them. Unset, organisations and their first administrators come from `npm run admin`.
   */
  BANSO_ADMIN_API_KEY: optionalSecret('the platform administrator’s key'),
  /** Sign-in with the chamber's own identity provider: a shared HMAC secret (HS256/384/512) … */
  BANSO_JWT_SECRET: optionalSecret('the JWT secret'),
  /** … or the provider's JSON Web Key Set (RS256, ES256, EdDSA …); not both. */
  BANSO_JWT_JWKS_URL: z.url('the URL of a JSON Web Key Set').optional(),
  /** Checked when set: the `iss` and `aud` the provider's tokens must carry. */
  BANSO_JWT_ISSUER: z.string().min(1).optional(),
  BANSO_JWT_AUDIENCE: z.string().min(1).optional(),
  /** The claims that name the user, their organisation and their role (officer, manager, administrator). */
  BANSO_JWT_USER_CLAIM: claim('sub'),
  BANSO_JWT_ORGANISATION_CLAIM: claim('banso_org'),
  BANSO_JWT_ROLE_CLAIM: claim('banso_role'),
  /**
   * The organisations whose people sign in with this identity provider (comma-separated ids): a
   * token naming another is refused, so one chamber's provider never signs anyone into another's.
   */
  BANSO_JWT_ORGANISATIONS: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{1,62}(,[a-z0-9][a-z0-9-]{1,62})*$/,
      'organisation ids, comma-separated',
    )
    .optional(),
});
export type ApiConfig = z.infer<typeof schema>;

export const API_CONFIG = Symbol('API_CONFIG');

/** Reads the environment once, before Nest starts; a bad value names the variable and the fix. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = schema
    .refine((c) => !(c.BANSO_JWT_SECRET && c.BANSO_JWT_JWKS_URL), {
      message: 'set BANSO_JWT_SECRET or BANSO_JWT_JWKS_URL, not both',
      path: ['BANSO_JWT_SECRET'],
    })
    .refine((c) => !(c.BANSO_JWT_SECRET || c.BANSO_JWT_JWKS_URL) || c.BANSO_JWT_ORGANISATIONS, {
      message: 'name the organisations whose people sign in with this identity provider',
      path: ['BANSO_JWT_ORGANISATIONS'],
    })
    .safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid API configuration:\n${lines.join('\n')}`);
}

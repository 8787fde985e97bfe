import { createHash, randomUUID } from 'node:crypto';

/**
 * The case id an Idempotency-Key stands for: the same key in the same organisation always names
 * the same case, so Temporal's workflow-id uniqueness makes opening idempotent.
 */
export function caseIdFor(organisationId: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID();
  const hex = createHash('sha256').update(`${organisationId}\u0000${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

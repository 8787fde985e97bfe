import { createHash } from 'node:crypto';

/**
 * The case id an open's command id stands for (the client's Idempotency-Key, or the one the API
 * generated and answered): the same key in the same organisation always names the same case, so
 * a retry with it reaches the case the first request opened, never a second one.
 */
export function caseIdFor(organisationId: string, commandId: string): string {
  const hex = createHash('sha256').update(`${organisationId}\u0000${commandId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

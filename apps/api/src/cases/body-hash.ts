import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { CommandType } from '@banso/domain';

/**
 * What binds an Idempotency-Key to a request: SHA-256 of the command's name and its body as
 * canonical JSON (RFC 8785), so the same body matches whatever the order of its keys or the
 * spacing it was sent with, and any other body does not.
 */
export function bodyHash(type: CommandType, body: unknown): string {
  const canonical = canonicalize({ command: type, body: body ?? {} }) ?? '';
  return createHash('sha256').update(canonical).digest('hex');
}

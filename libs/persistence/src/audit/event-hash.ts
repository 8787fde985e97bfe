import { createHash } from 'node:crypto';
import type { CaseEvent } from '@banso/domain';
import canonicalize from 'canonicalize';

/**
 * The `prev_hash` of a case's first event: sha256('banso:genesis') in hex. A fixed, documented
 * value rather than an empty string, so every link of every chain has the same shape (64 hex).
 * Part of the stored format: changing it breaks every stored chain.
 */
export const GENESIS_HASH = '4fb845904801a0a7f7b6bad1b6bf89a05f22ee48385a0b58b78b12b2ccc709de';

/**
 * One link of a case's hash chain: hex SHA-256 over the RFC 8785 canonical JSON of
 * `{prevHash, event}`, `event` being the whole CaseEvent as the `event` jsonb column holds it.
 * Canonical JSON makes key order irrelevant, so an event hashes the same before it is written and
 * after jsonb (which reorders keys) gives it back; fields left undefined are absent in both.
 * Part of the stored format: a change needs a migration that re-chains the log.
 */
export function eventHash(event: CaseEvent, prevHash: string): string {
  const canonical = canonicalize({ prevHash, event });
  if (canonical === undefined) throw new Error(`event ${event.seq} has no JSON form`);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export interface ChainedEvent {
  event: CaseEvent;
  hash: string;
  prevHash: string;
}

/** Chains events (in seq order) onto `prevHash`, the hash of the event before the first of them. */
export function chainEvents(events: CaseEvent[], prevHash: string): ChainedEvent[] {
  let prev = prevHash;
  return events.map((event) => {
    const hash = eventHash(event, prev);
    const link = { event, hash, prevHash: prev };
    prev = hash;
    return link;
  });
}

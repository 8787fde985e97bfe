import type { CaseEvent } from '@banso/domain';
import { eventHash, GENESIS_HASH } from './event-hash';

/** A case_events row as the verifier needs it: the columns and the event json they copy. */
export interface ChainRow {
  seq: number;
  type: string;
  caseId: string;
  organisationId: string;
  hash: string;
  prevHash: string;
  /** As read from the jsonb column: after tampering it may not even be an object. */
  event: CaseEvent;
}

/** The seqs one command wrote (a case_commands row). */
export interface LedgerRange {
  firstSeq: number;
  lastSeq: number;
}

export interface ChainVerdict {
  verified: boolean;
  /** The first seq from which the log cannot be trusted (for a deletion, the missing seq). */
  firstBrokenSeq: number | null;
}

const VERIFIED: ChainVerdict = { verified: true, firstBrokenSeq: null };
const brokenAt = (seq: number): ChainVerdict => ({ verified: false, firstBrokenSeq: seq });

/**
 * Checks one case's log, rows in seq order. Row by row: the seqs run 1, 2, 3… without a gap; the
 * columns say what the event json says; prev_hash is the previous row's hash (GENESIS_HASH for the
 * first); hash is the hash of the row's own event and prev_hash. A deleted tail leaves a perfect
 * chain, so the command ledger is the witness for it: every seq a command wrote must be there.
 * (Events appended without a command, such as the clock's, have no such witness when last.)
 */
export function verifyCaseChain(rows: ChainRow[], ledger: LedgerRange[] = []): ChainVerdict {
  const first = rows[0];
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const expectedSeq = index + 1;
    // Seqs are unique and positive (constraints), so a seq other than expected means it is missing.
    if (row.seq !== expectedSeq) return brokenAt(expectedSeq);
    const sameCase = row.caseId === first?.caseId && row.organisationId === first.organisationId;
    if (!sameCase || !columnsMatchEvent(row)) return brokenAt(row.seq);
    if (row.prevHash !== prevHash) return brokenAt(row.seq);
    if (row.hash !== eventHash(row.event, row.prevHash)) return brokenAt(row.seq);
    prevHash = row.hash;
  }
  const named = ledger.reduce((max, command) => Math.max(max, command.lastSeq), 0);
  if (named > rows.length) return brokenAt(rows.length + 1);
  return VERIFIED;
}

/** The columns copied out of the event (for constraints and indexes) still say what it says. */
function columnsMatchEvent(row: ChainRow): boolean {
  const event: unknown = row.event;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const e = event as Partial<Record<keyof CaseEvent, unknown>>;
  return (
    e.seq === row.seq &&
    e.type === row.type &&
    e.caseId === row.caseId &&
    e.organisationId === row.organisationId
  );
}

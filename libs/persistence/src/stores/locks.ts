import type { EntityManager } from 'typeorm';

// Transaction-scoped advisory locks: released by COMMIT or ROLLBACK, never leaked by a crash.
// The two-key form (rebuild) and the one-key form (cases) are separate key spaces in PostgreSQL.
const BANSO = 0x62616e73; // 'bans'
const READ_MODELS = 1;

/**
 * Serialises appends to one case (they fold onto the same summary row and must see each other's
 * seqs), and shares the read-model lock so a rebuild never runs while an append is half-way.
 */
export async function lockCaseForAppend(
  m: EntityManager,
  organisationId: string,
  caseId: string,
): Promise<void> {
  await m.query(
    'SELECT pg_advisory_xact_lock_shared($1, $2), pg_advisory_xact_lock(hashtextextended($3, 0))',
    [BANSO, READ_MODELS, `case:${organisationId}/${caseId}`],
  );
}

/** Waits for appends in flight, then holds every new append back until the rebuild commits. */
export async function lockReadModelsForRebuild(m: EntityManager): Promise<void> {
  await m.query('SELECT pg_advisory_xact_lock($1, $2)', [BANSO, READ_MODELS]);
}

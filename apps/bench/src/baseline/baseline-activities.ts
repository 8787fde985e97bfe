import type { Pool } from 'pg';
import type { BaselineEvent } from './baseline-definitions';

export const BASELINE_TABLE = `
  CREATE TABLE IF NOT EXISTS bench_baseline_events (
    entity_id text NOT NULL,
    seq integer NOT NULL,
    type text NOT NULL,
    body jsonb NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_id, seq)
  )`;

/** One INSERT per append, idempotent on (entity, seq) so a retried activity writes once. */
export function createBaselineActivities(pool: Pool) {
  return {
    async appendRow(input: { entityId: string; seq: number; event: BaselineEvent }): Promise<void> {
      await pool.query(
        `INSERT INTO bench_baseline_events (entity_id, seq, type, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [input.entityId, input.seq, input.event.type, JSON.stringify(input.event.body)],
      );
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;

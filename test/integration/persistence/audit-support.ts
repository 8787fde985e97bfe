// Helpers for the audit tests: a case appended command by command with its ledger, and tampering
// by hand, as someone with direct access to the database could.
import type { CaseEvent } from '@banso/domain';
import type { PostgresEventStore } from '@banso/persistence';
import { type CaseHistory, realisticHistory } from '@banso/testing/persistence/case-history';
import type { DataSource } from 'typeorm';

/**
 * Appends a realistic history one command per call, each bound in the command ledger as the
 * workflow's append does. The audit reads only the seqs a command wrote, so the command type is
 * a stand-in.
 */
export async function storeCase(
  store: PostgresEventStore,
  caseId: string,
  organisationId = 'org-kanazawa-cci',
): Promise<CaseHistory> {
  const history = realisticHistory(caseId, { organisationId });
  for (const [i, events] of history.batches.entries()) {
    await store.append({
      organisationId,
      caseId,
      events,
      command: { commandId: `${caseId}:${i + 1}`, type: 'recordFollowUp', bodyHash: `body-${i}` },
    });
  }
  return history;
}

/** Runs SQL against the log with its append-only trigger off, for this transaction only. */
export async function tamper(ds: DataSource, ...statements: string[]): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query('ALTER TABLE case_events DISABLE TRIGGER tr_case_events_append_only');
    for (const sql of statements) await m.query(sql);
    await m.query('ALTER TABLE case_events ENABLE TRIGGER tr_case_events_append_only');
  });
}

/** The seq of the first event of a type in a history. */
export function seqOf(history: CaseHistory, type: CaseEvent['type']): number {
  const event = history.events.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} in ${history.caseId}`);
  return event.seq;
}

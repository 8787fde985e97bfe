import type { CommandType } from './commands';
import type { DomainError } from './errors';

/**
 * What exactly-once needs to know of a command that has been done: which command it was, a hash
 * of the body it was sent with, and the events it caused. A command id (the client's
 * Idempotency-Key, or one the API generated) is bound to that command and body for good.
 */
export interface CommandRecord {
  type: CommandType;
  bodyHash: string;
  firstSeq: number;
  lastSeq: number;
}

/** The commands a case has done, by command id. */
export type CommandLedger = Record<string, CommandRecord>;

export type PriorCommand =
  | { kind: 'new' }
  | { kind: 'done'; record: CommandRecord }
  | { kind: 'conflict'; error: DomainError };

/**
 * Whether a command id was used before: not at all (do it), for this very command and body
 * (answer the first result, do nothing), or for something else (refuse, change nothing).
 */
export function priorCommand(
  commandId: string,
  record: Pick<CommandRecord, 'type' | 'bodyHash'> | undefined,
  type: CommandType,
  bodyHash: string,
): PriorCommand {
  if (!record) return { kind: 'new' };
  if (record.type === type && record.bodyHash === bodyHash) {
    return { kind: 'done', record: record as CommandRecord };
  }
  const what = record.type === type ? 'with a different body' : `for ${record.type}`;
  return {
    kind: 'conflict',
    error: {
      code: 'IDEMPOTENCY_KEY_REUSED',
      message:
        `the key ${commandId} was already used ${what}; nothing was changed. ` +
        'Send a new Idempotency-Key for a new command',
    },
  };
}

/** The record of a command id, if the ledger has one (an own key: "constructor" is a fine key). */
export function recordOf(ledger: CommandLedger, commandId: string): CommandRecord | undefined {
  return Object.hasOwn(ledger, commandId) ? ledger[commandId] : undefined;
}

/** Keeps the newest `max` records: older ones are still answered from the event log. */
export function rememberCommand(
  ledger: CommandLedger,
  commandId: string,
  record: CommandRecord,
  max = 2000,
): CommandLedger {
  const next: CommandLedger = { ...ledger, [commandId]: record };
  const ids = Object.keys(next);
  if (ids.length <= max) return next;
  ids.sort((a, b) => next[a]!.lastSeq - next[b]!.lastSeq);
  for (const id of ids.slice(0, ids.length - max)) delete next[id];
  return next;
}

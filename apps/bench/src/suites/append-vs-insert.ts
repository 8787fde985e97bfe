import { randomUUID } from 'node:crypto';
import {
  type CaseEvent,
  type Command,
  decide,
  fold,
  INITIAL_STATE,
  makePolicy,
  parseCommandData,
  toInstant,
} from '@banso/domain';
import {
  chainEvents,
  type ChainedEvent,
  createDataSource,
  GENESIS_HASH,
  PostgresEventStore,
} from '@banso/persistence';
import { ANALYSIS_BODY, openBody } from '../bodies';
import { type FigureRow, formatLatency, type Progress, type SuiteResult } from '../figures';
import { closedLoop } from '../load';

const PLAIN_TABLE = 'bench_plain_events';

/**
 * The append activity's own work (the command's binding, the chained events, the case summary and
 * notifications in one transaction) against plain INSERTs of the same event rows with pg, at the
 * same concurrency and pool size: what the log's guarantees cost per write.
 */
export async function measureAppendAgainstInsert(options: {
  databaseUrl: string;
  organisationId: string;
  clients: number;
  /** Cases; each is two appends (its opening, its analysis) as a command makes them. */
  cases: number;
  progress: Progress;
}): Promise<SuiteResult> {
  const { clients, cases, organisationId, progress } = options;
  const ds = await createDataSource(options.databaseUrl, { poolSize: clients }).initialize();
  try {
    await ds.query(`DROP TABLE IF EXISTS ${PLAIN_TABLE}`);
    // The log's columns, keys and indexes; not its append-only trigger, nor anything around it.
    await ds.query(
      `CREATE TABLE ${PLAIN_TABLE} (LIKE case_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
    );
    progress(`deciding the events of ${cases * 2} commands …`);
    const run = randomUUID().slice(0, 8);
    const appends = Array.from({ length: cases }, (_, i) =>
      commandsOf(organisationId, `append-${run}-${i}`, i),
    ).flat();
    const store = new PostgresEventStore(ds);
    // The plain rows carry the same chain links, computed here rather than in the measured loop.
    const chained = new Map<string, ChainedEvent[]>();
    for (let c = 0; c < cases; c++) {
      const [first, second] = [appends[c * 2], appends[c * 2 + 1]];
      if (!first || !second) continue;
      const links = chainEvents([...first.events, ...second.events], GENESIS_HASH);
      chained.set(first.command.commandId, links.slice(0, first.events.length));
      chained.set(second.command.commandId, links.slice(first.events.length));
    }
    progress(`${appends.length} appends through the event store (${clients} at once) …`);
    // Each case's second append follows its first: callers take cases, not appends, in turn.
    const append = await closedLoop({
      label: 'append',
      clients,
      total: appends.length,
      op: async (i) => {
        const a = appends[order(i, cases)];
        if (!a) return;
        await store.append(a);
      },
      progress,
    });
    const plain = await closedLoop({
      label: 'plain INSERT',
      clients,
      total: appends.length,
      op: async (i) => {
        const a = appends[order(i, cases)];
        if (!a) return;
        await insertPlain(ds, chained.get(a.command.commandId) ?? []);
      },
      progress,
    });
    const ratio = Math.round((append.ratePerSecond / plain.ratePerSecond) * 100) / 100;
    const row: FigureRow = {
      section: 'append',
      name: `appends per second, ${clients} at once (a command's events, summary and notifications in one transaction)`,
      value: formatLatency(append),
      baseline: `plain INSERT of the same rows: ${formatLatency(plain)}`,
      ratio,
      check: { target: 'rate ≥ 0.5 × plain INSERTs', met: append.errors === 0 && ratio >= 0.5 },
    };
    return { rows: [row], raw: { append, plain, appends: appends.length } };
  } finally {
    await ds.query(`DROP TABLE IF EXISTS ${PLAIN_TABLE}`).catch(() => undefined);
    await ds.destroy();
  }
}

/** All openings first, then all analyses: a case's analysis never overtakes its opening. */
function order(i: number, cases: number): number {
  return i < cases ? i * 2 : (i - cases) * 2 + 1;
}

function commandsOf(organisationId: string, caseId: string, index: number) {
  const now = toInstant(Date.now());
  const actor = { id: 'officer-bench-1', role: 'officer' as const };
  const open: Command = {
    type: 'openCase',
    caseId,
    commandId: `${caseId}-open`,
    actor,
    data: { organisationId, ...openBody(index, actor.id), kind: 'standard', policy: makePolicy() },
  };
  const opened = decide(INITIAL_STATE, open, now);
  if (!opened.ok) throw new Error(opened.error.message);
  const parsed = parseCommandData('recordAnalysis', ANALYSIS_BODY);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const analysis = {
    type: 'recordAnalysis',
    caseId,
    commandId: `${caseId}-analysis`,
    actor,
    data: parsed.data,
  } as Command;
  const analysed = decide(fold(opened.events), analysis, now);
  if (!analysed.ok) throw new Error(analysed.error.message);
  const input = (command: Command, events: CaseEvent[]) => ({
    organisationId,
    caseId,
    command: {
      commandId: command.commandId,
      type: command.type,
      bodyHash: `${command.commandId}-hash`,
    },
    events,
  });
  return [input(open, opened.events), input(analysis, analysed.events)];
}

async function insertPlain(
  ds: Awaited<ReturnType<typeof createDataSource>>,
  links: ChainedEvent[],
): Promise<void> {
  const params: unknown[] = [];
  const tuples = links.map(({ event: e, hash, prevHash }) => {
    const values = [e.caseId, e.seq, e.type, e.organisationId, JSON.stringify(e.actor), e.at];
    params.push(...values, JSON.stringify(e), hash, prevHash);
    const n = params.length - 9;
    return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::jsonb, $${n + 6}::timestamptz, $${n + 7}::jsonb, $${n + 8}, $${n + 9})`;
  });
  await ds.query(
    `INSERT INTO ${PLAIN_TABLE} (case_id, seq, type, organisation_id, actor, at, event, hash, prev_hash) VALUES ${tuples.join(', ')}`,
    params,
  );
}

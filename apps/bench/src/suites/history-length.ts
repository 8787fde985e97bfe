import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client as PgClient } from 'pg';
import {
  createDataSource,
  PostgresEventStore,
  PostgresIncidentReporter,
  PostgresNotifier,
  runMigrations,
} from '@banso/persistence';
import { createCaseWorker } from '../../../worker/src/case-worker';
import type { FigureRow, Progress, SuiteResult } from '../figures';
import { driveFounderCase } from './founder-case-drive';

const ORGANISATION_ID = 'org-bench-history';

/** One run of a workflow chain: its id, its history's length and what that history is made of. */
export interface RunHistory {
  runId: string;
  events: number;
  /** History event types (workflowTaskScheduled …) and how many of each. */
  types: Record<string, number>;
}

/**
 * Issue 12: how long a five-year founder case's workflow histories grow. A founder is followed
 * monthly, so its case is the busiest of the kinds: sixty periods, each with its reminder and its
 * visit, some with drift, dispatches and escalations. The case runs on the time-skipping test
 * server with the real worker and the event log in PostgreSQL; then its chain of runs is walked
 * (each run continues as new with its state once its history is long) and each run counted.
 *
 * Needs @temporalio/testing (a devDependency: `npm run bench` runs after `npm ci`) and the
 * time-skipping test server (`node scripts/toolchain.mjs --test-server` prints its path).
 */
export async function measureFounderHistory(options: {
  databaseUrl: string;
  testServerPath?: string;
  bundlePath: string;
  progress: Progress;
}): Promise<SuiteResult> {
  const { progress, testServerPath } = options;
  const setupStarted = performance.now();
  const database = await createDatabase(options.databaseUrl, `bench_history_${randomId()}`);
  progress(`history: a fresh database ${database.name}, migrated; the time-skipping server …`);
  const ds = await createDataSource(database.url, { poolSize: 4 }).initialize();
  let env: TestWorkflowEnvironment | undefined;
  try {
    await runMigrations(ds);
    env = await TestWorkflowEnvironment.createTimeSkipping(
      testServerPath
        ? { server: { executable: { type: 'existing-path', path: testServerPath } } }
        : undefined,
    );
    const taskQueue = `bench-history-${randomId()}`;
    const worker = await createCaseWorker({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: options.bundlePath },
      eventStore: new PostgresEventStore(ds),
      incidents: new PostgresIncidentReporter(ds),
      notifier: new PostgresNotifier(ds),
    });
    const setupMs = performance.now() - setupStarted;

    const started = performance.now();
    const outcome = await worker.runUntil(
      driveFounderCase({ env, taskQueue, organisationId: ORGANISATION_ID, progress }),
    );
    const driveMs = performance.now() - started;

    const runs = await runsOf(env.client, outcome.workflowId, outcome.firstRunId);
    const logged = await ds.query<{ type: string; count: string }[]>(
      `SELECT type, count(*) AS count FROM case_events
        WHERE organisation_id = $1 AND case_id = $2 GROUP BY type ORDER BY count(*) DESC`,
      [ORGANISATION_ID, outcome.caseId],
    );
    const domainEventTypes = Object.fromEntries(logged.map((r) => [r.type, Number(r.count)]));
    const domainEvents = logged.reduce((sum, r) => sum + Number(r.count), 0);
    const perRun = runs.map((r) => r.events);
    const largest = Math.max(...perRun);
    const total = perRun.reduce((sum, n) => sum + n, 0);
    progress(
      `history: ${runs.length} runs of ${perRun.join(', ')} events; ` +
        `${domainEvents} domain events; driven in ${Math.round(driveMs / 1000)} s`,
    );

    const rows: FigureRow[] = [
      {
        section: 'history',
        name: `history events per run of a five-year founder case (largest of ${runs.length} runs)`,
        value: `${fmt(largest)} (runs: ${perRun.map(fmt).join(' / ')})`,
        check: { target: '< 2,000 per run', met: largest < 2000 },
      },
      {
        section: 'history',
        name: 'history events of the whole five-year founder case, all runs',
        value:
          `${fmt(total)} in ${runs.length} runs, for ${fmt(domainEvents)} events in the log ` +
          `(${outcome.commands} commands, ${outcome.periods} monthly periods)`,
      },
    ];
    return {
      rows,
      raw: {
        runs: runs.length,
        eventsPerRun: perRun,
        largest,
        total,
        domainEvents,
        domainEventTypes,
        historyEventTypes: tally(runs),
        runIds: runs.map((r) => r.runId),
        driveMs: Math.round(driveMs),
        setupMs: Math.round(setupMs),
        case: {
          caseId: outcome.caseId,
          openedOn: outcome.openedOn,
          planStart: outcome.planStart,
          planEnd: outcome.planEnd,
          closedOn: outcome.final.status === 'closed' ? outcome.final.closed.closedOn : undefined,
          commands: outcome.commands,
          periods: outcome.periods,
          visits: outcome.visits,
          driftingFollowUps: outcome.driftingFollowUps,
        },
      },
    };
  } finally {
    await env?.teardown();
    await ds.destroy();
    await database.drop().catch((err: unknown) => progress(`history: ${String(err)}`));
  }
}

/**
 * The chain of runs from the first: each run that continued as new names the next in its last
 * event (WorkflowExecutionContinuedAsNew), whose history is fetched in turn.
 */
export async function runsOf(
  client: Client,
  workflowId: string,
  firstRunId: string,
): Promise<RunHistory[]> {
  const runs: RunHistory[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    const events = history.events ?? [];
    const types: Record<string, number> = {};
    for (const event of events) {
      const type = typeOf(event);
      types[type] = (types[type] ?? 0) + 1;
    }
    runs.push({ runId, events: events.length, types });
    runId =
      events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes
        ?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** An event's type, named by the attributes it carries (workflowTaskScheduledEventAttributes …). */
function typeOf(event: object): string {
  const fields = event as Record<string, unknown>;
  const key = Object.keys(fields).find((k) => k.endsWith('EventAttributes') && fields[k] != null);
  return key ? key.slice(0, -'EventAttributes'.length) : 'unknown';
}

function tally(runs: RunHistory[]): Record<string, number> {
  const all: Record<string, number> = {};
  for (const run of runs) {
    for (const [type, n] of Object.entries(run.types)) all[type] = (all[type] ?? 0) + n;
  }
  return Object.fromEntries(Object.entries(all).sort(([, a], [, b]) => b - a));
}

/** A new database on the server of `serverUrl`, and how to drop it once measured. */
async function createDatabase(
  serverUrl: string,
  name: string,
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const admin = async (sql: string) => {
    const client = new PgClient({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

function randomId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

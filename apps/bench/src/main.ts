import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import { prebuiltBundlePath, repoRoot } from '../../worker/src/workflow-bundle';
import { type BenchConfig, loadBenchConfig } from './bench-config';
import type { Progress, SuiteResult } from './figures';
import { appArgs, startChild } from './stack/child-process';
import { startLocalStack } from './stack/local-stack';
import type { BenchStack } from './stack/bench-stack';
import { measureApiAgainstBaseline } from './suites/api-vs-baseline';
import { measureAppendAgainstInsert } from './suites/append-vs-insert';
import { measureFounderHistory } from './suites/history-length';
import { measureReads } from './suites/reads';
import { measureWorkerMemory } from './suites/worker-memory';
import { type ProfileShare, summariseProfiles } from './profile-summary';
import { resultsTable, type ServerRows } from './table';

const progress: Progress = (message) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

/**
 * `npm run bench`: the product against bare Temporal doing the same durable work, on the Temporal
 * servers the configuration names (the real server on PostgreSQL first: its figures are the
 * headline), then the table and a JSON file with every figure.
 */
async function main(): Promise<void> {
  const config = loadBenchConfig();
  // The bench process runs a worker of its own (the history suite): only its errors matter here.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const started = new Date();
  const runDir = join(tmpdir(), `banso-bench-${process.pid}`);
  mkdirSync(runDir, { recursive: true, mode: 0o755 });
  const baselineBundle = await bundleBaseline(runDir);
  const tools = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[0].startsWith('TEMPORAL_') && !!entry[1],
    ),
  );

  const results: Array<ServerRows & { raw: Record<string, unknown> }> = [];
  for (const [index, server] of config.BENCH_SERVERS.entries()) {
    const everything = index === 0 || config.BENCH_EVERY_SERVER === 'true';
    progress(`—— on the ${server} ——`);
    const stack = await startLocalStack({
      server,
      dataDir: join(runDir, server),
      databaseUrl: config.DATABASE_URL,
      temporalAddress: config.DATABASE_URL ? config.TEMPORAL_ADDRESS : undefined,
      tools,
      progress,
      profileDir: config.BENCH_PROFILE === 'true' ? join(runDir, server, 'profiles') : undefined,
    });
    const entry = { server, rows: [] as ServerRows['rows'], raw: {} as Record<string, unknown> };
    results.push(entry);
    const add = (name: string, result: SuiteResult) => {
      entry.rows.push(...result.rows);
      entry.raw[name] = result.raw;
      for (const row of result.rows) {
        const versus = row.baseline ? ` | baseline ${row.baseline}` : '';
        progress(`  ▸ ${row.name}: ${row.value}${versus}`);
      }
    };
    try {
      await runSuites(config, stack, baselineBundle, everything, add);
    } finally {
      progress('stopping the stack …');
      await stack.stop();
    }
    if (config.BENCH_PROFILE === 'true') {
      const dir = join(runDir, server, 'profiles');
      entry.raw.profiles = {
        worker: summariseProfiles(join(dir, 'worker')),
        api: summariseProfiles(join(dir, 'api')),
      };
    }
  }

  const table = resultsTable(results);
  const out =
    config.BENCH_OUT ??
    join(repoRoot(), 'bench-results', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          memoryGb: Math.round(totalmem() / 2 ** 30),
          node: process.version,
        },
        config,
        results,
      },
      null,
      2,
    )}\n`,
  );
  for (const { server, raw } of results) {
    const profiles = raw.profiles as Record<string, ProfileShare[]> | undefined;
    for (const [process_, shares] of Object.entries(profiles ?? {})) {
      const line = shares.map((s) => `${s.where} ${s.percent} %`).join(', ');
      process.stdout.write(`\nwhere the ${process_}'s CPU went (${server}): ${line}\n`);
    }
  }
  process.stdout.write(`\n${table}\n\nEvery figure: ${out}\nThe services' logs: ${runDir}\n`);
}

async function runSuites(
  config: BenchConfig,
  stack: BenchStack,
  baselineBundle: string,
  everything: boolean,
  add: (name: string, result: SuiteResult) => void,
): Promise<void> {
  const suites = new Set(config.BENCH_SUITES);
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new Client({ connection, namespace: stack.namespace });
  try {
    if (suites.has('api')) {
      const baselineTaskQueue = 'bench-baseline';
      const baseline = await startChild({
        name: 'baseline-worker',
        args: appArgs('apps/bench/src/baseline/baseline-worker.main.js'),
        env: {
          DATABASE_URL: stack.databaseUrl,
          TEMPORAL_ADDRESS: stack.temporalAddress,
          BASELINE_TASK_QUEUE: baselineTaskQueue,
          BASELINE_BUNDLE_PATH: baselineBundle,
        },
      });
      try {
        const org = await stack.createOrganisation('bench-api');
        add(
          'api',
          await measureApiAgainstBaseline(stack, org, {
            client,
            baselineTaskQueue,
            clients: config.BENCH_CLIENTS,
            operations: config.BENCH_OPERATIONS,
            singleClientOperations: config.BENCH_SINGLE_CLIENT_OPERATIONS,
            progress,
          }),
        );
      } finally {
        await baseline.stop();
      }
    }
    if (!everything) return;
    if (suites.has('append')) {
      await stack.createOrganisation('bench-append');
      add(
        'append',
        await measureAppendAgainstInsert({
          databaseUrl: stack.databaseUrl,
          organisationId: 'bench-append',
          clients: config.BENCH_CLIENTS,
          cases: config.BENCH_APPEND_CASES,
          progress,
        }),
      );
    }
    if (suites.has('reads')) {
      add(
        'reads',
        await measureReads(stack, {
          cases: config.BENCH_READ_CASES,
          samples: config.BENCH_READ_SAMPLES,
          progress,
        }),
      );
    }
    if (suites.has('history')) {
      add(
        'history',
        await measureFounderHistory({
          databaseUrl: stack.databaseUrl,
          testServerPath: config.TEMPORAL_TEST_SERVER_PATH,
          bundlePath: prebuiltBundlePath(),
          progress,
        }),
      );
    }
    if (suites.has('worker')) {
      const org = await stack.createOrganisation('bench-worker');
      add(
        'worker',
        await measureWorkerMemory(stack, org, {
          client,
          levels: config.BENCH_WORKER_LEVELS,
          wakeSamples: config.BENCH_WAKE_SAMPLES,
          progress,
        }),
      );
    }
  } finally {
    await connection.close();
  }
}

/** The baseline's workflow, bundled once per run (it is the benchmark's, not the product's). */
async function bundleBaseline(runDir: string): Promise<string> {
  progress('bundling the baseline workflow …');
  const { code } = await bundleWorkflowCode({
    workflowsPath: join(repoRoot(), 'apps/bench/src/baseline/baseline.workflow.ts'),
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  const path = join(runDir, 'baseline-bundle.js');
  writeFileSync(path, code);
  return path;
}

main().catch((err: unknown) => {
  progress(`failed: ${(err as Error)?.stack ?? String(err)}`);
  process.exit(1);
});

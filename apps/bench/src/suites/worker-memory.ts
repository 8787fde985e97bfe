import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { makePolicy } from '@banso/domain';
import {
  caseWorkflowId,
  SUPPORT_CASE_WORKFLOW,
  type SupportCaseInput,
  TASK_QUEUE,
} from '@banso/workflows';
import { Client as PgClient } from 'pg';
import { ANALYSIS_BODY, openBody } from '../bodies';
import { type FigureRow, formatLatency, type Progress, type SuiteResult } from '../figures';
import { request } from '../http';
import { closedLoop, sequential } from '../load';
import { memoryOf } from '../stack/child-process';
import type { BenchOrganisation, BenchStack } from '../stack/bench-stack';

const TARGET_MB = 500;

/**
 * The worker's resident memory with many cases open and waiting on their timers, and how long a
 * case the worker no longer holds in its cache takes to answer a command (it is replayed from its
 * history first). The cases are started with the bare client, as many at once as Temporal takes:
 * the API's own opening rate is measured elsewhere, and here only the worker's side counts.
 */
export async function measureWorkerMemory(
  stack: BenchStack,
  org: BenchOrganisation,
  options: { client: Client; levels: number[]; wakeSamples: number; progress: Progress },
): Promise<SuiteResult> {
  const { client, levels, progress } = options;
  const pg = new PgClient({ connectionString: stack.databaseUrl });
  await pg.connect();
  const rows: FigureRow[] = [];
  const raw: Record<string, unknown> = {};
  try {
    const openCount = async () =>
      Number(
        (
          await pg.query<{ n: string }>(
            // This organisation's: the read suite leaves 100,000 cases of its own behind.
            `SELECT count(*) AS n FROM case_summaries WHERE organisation_id = $1 AND stage <> 'closed'`,
            [org.id],
          )
        ).rows[0]?.n ?? 0,
      );
    // A clean worker: what it holds is what the open cases need, not what earlier suites left.
    await stack.restartWorker();
    const run = randomUUID().slice(0, 8);
    const caseIds: string[] = [];
    const manager = org.managers[0] ?? '';
    let started = 0;
    for (const level of levels) {
      const missing = level - (await openCount());
      if (missing > 0) {
        progress(`opening ${missing} more cases, to ${level} open …`);
        await closedLoop({
          label: `start cases`,
          clients: 32,
          total: missing,
          progress,
          op: async () => {
            const index = started++;
            const caseId = `bench-${run}-${String(index).padStart(6, '0')}`;
            caseIds.push(caseId);
            const officerId = org.officers[index % org.officers.length] ?? '';
            const input: SupportCaseInput = {
              organisationId: org.id,
              caseId,
              open: {
                commandId: `${caseId}-open`,
                bodyHash: `${caseId}-open`,
                actor: { id: manager, role: 'manager' },
                data: {
                  organisationId: org.id,
                  ...openBody(index, officerId),
                  policy: makePolicy(),
                },
              },
            } as SupportCaseInput;
            await client.workflow.start(SUPPORT_CASE_WORKFLOW, {
              taskQueue: TASK_QUEUE,
              workflowId: caseWorkflowId(org.id, caseId),
              args: [input],
            });
          },
        });
        await waitFor(async () => (await openCount()) >= level, progress, level, openCount);
      }
      // Let the last tasks finish and the heap settle before reading.
      await new Promise((r) => setTimeout(r, 10_000));
      const memory = memoryOf(stack.workerPid());
      raw[`memoryAt${level}`] = { ...memory, openCases: await openCount() };
      progress(
        `worker at ${level} open cases: ${memory.rssMb} MB resident (peak ${memory.peakMb} MB)`,
      );
      rows.push({
        section: 'worker',
        name: `worker resident memory, ${level.toLocaleString('en')} open cases waiting on timers`,
        value: `${memory.rssMb} MB (peak ${memory.peakMb} MB)`,
        check:
          level >= 10_000
            ? { target: `< ${TARGET_MB} MB at 10,000 open cases`, met: memory.rssMb < TARGET_MB }
            : undefined,
      });
    }

    // The first cases opened have long left the cache; the last ones are still in it.
    const n = Math.min(options.wakeSamples, Math.floor(caseIds.length / 2));
    if (n === 0) throw new Error('the suite opened no cases of its own to wake');
    const cold = caseIds.slice(0, n);
    const warm = caseIds.slice(-n);
    const analysis = (ids: string[]) => async (i: number) => {
      await request(
        'POST',
        `${stack.apiUrl}/organisations/${org.id}/cases/${ids[i]}/analysis`,
        { ...org.as(manager), 'idempotency-key': `wake-${ids[i]}` },
        ANALYSIS_BODY,
      );
    };
    progress(`a command to ${n} cases out of the cache, and to ${n} in it …`);
    const coldWake = await sequential({ label: 'cold', count: n, op: analysis(cold), progress });
    const warmWake = await sequential({ label: 'warm', count: n, op: analysis(warm), progress });
    raw.coldWake = coldWake;
    raw.warmWake = warmWake;
    rows.push({
      section: 'worker',
      name: 'a command to a case out of the worker’s cache (replayed first), through the API',
      value: formatLatency(coldWake, false),
      baseline: `in the cache: ${formatLatency(warmWake, false)}`,
    });
    return { rows, raw };
  } finally {
    await pg.end();
  }
}

async function waitFor(
  done: () => Promise<boolean>,
  progress: Progress,
  level: number,
  count: () => Promise<number>,
): Promise<void> {
  const deadline = Date.now() + 30 * 60_000;
  let last = Date.now();
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${level} cases were not open within 30 minutes`);
    if (Date.now() - last > 5_000) {
      progress(`  open: ${await count()}/${level}`);
      last = Date.now();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

import { randomUUID } from 'node:crypto';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { ANALYSIS_BODY, openBody } from '../bodies';
import { appendUpdate, BASELINE_WORKFLOW } from '../baseline/baseline-definitions';
import {
  type FigureRow,
  formatLatency,
  type LatencySummary,
  type Progress,
  type SuiteResult,
} from '../figures';
import { request } from '../http';
import { closedLoop, sequential } from '../load';
import type { BenchOrganisation, BenchStack } from '../stack/bench-stack';

export interface ApiVsBaselineOptions {
  client: Client;
  baselineTaskQueue: string;
  /** Concurrent callers for the throughput runs (16 in the issue). */
  clients: number;
  /** Cases opened (and then commanded) per side in the concurrent runs. */
  operations: number;
  /** Commands sent one at a time, per side, for latency alone. */
  singleClientOperations: number;
  progress: Progress;
}

/**
 * Opening a case and recording its analysis through the API, against the same durable work with
 * no product around it: the baseline's update-with-start and executeUpdate, each appending one row
 * through one activity. The two alternate on the same stack, so they share its load and state.
 */
export async function measureApiAgainstBaseline(
  stack: BenchStack,
  org: BenchOrganisation,
  options: ApiVsBaselineOptions,
): Promise<SuiteResult> {
  const { client, clients, operations, singleClientOperations: single, progress } = options;
  const run = randomUUID().slice(0, 8);
  const total = operations + single;
  const manager = org.as(org.managers[0] ?? '');
  const casesUrl = `${stack.apiUrl}/organisations/${org.id}/cases`;
  const caseIds: string[] = [];
  const entityIds = Array.from({ length: total }, (_, i) => `baseline-${run}-${i}`);

  const apiOpen = async (i: number) => {
    const officerId = org.officers[i % org.officers.length] ?? '';
    const answer = await request<{ caseId: string }>(
      'POST',
      casesUrl,
      { ...manager, 'idempotency-key': `bench-${run}-open-${i}` },
      openBody(i, officerId),
    );
    caseIds[i] = answer.caseId;
  };
  const baselineOpen = async (i: number) => {
    const entityId = entityIds[i] ?? '';
    await client.workflow.executeUpdateWithStart(appendUpdate, {
      args: [{ type: 'CaseOpened', body: openBody(i, org.officers[0] ?? '') }],
      updateId: `open-${entityId}`,
      startWorkflowOperation: new WithStartWorkflowOperation(BASELINE_WORKFLOW, {
        taskQueue: options.baselineTaskQueue,
        workflowId: entityId,
        args: [entityId],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
  };
  const apiCommand = async (i: number) => {
    await request(
      'POST',
      `${casesUrl}/${caseIds[i]}/analysis`,
      { ...manager, 'idempotency-key': `bench-${run}-analysis-${i}` },
      ANALYSIS_BODY,
    );
  };
  const baselineCommand = async (i: number) => {
    await client.workflow.getHandle(entityIds[i] ?? '').executeUpdate(appendUpdate, {
      args: [{ type: 'AnalysisRecorded', body: ANALYSIS_BODY }],
      updateId: `analysis-${i}`,
    });
  };

  const loop = (label: string, op: (i: number) => Promise<void>, from = 0, count = operations) =>
    closedLoop({ label, clients, total: count, op: (i) => op(from + i), progress });

  progress(
    `opening ${total} cases through the API and ${total} baseline entities (${clients} clients) …`,
  );
  const openApi = await loop('open, API', apiOpen, 0, total);
  const openBaseline = await loop('open, baseline', baselineOpen, 0, total);
  progress(`recording ${operations} analyses each way (${clients} clients) …`);
  const commandApi = await loop('command, API', apiCommand);
  const commandBaseline = await loop('command, baseline', baselineCommand);
  progress(`recording ${single} analyses each way, one client …`);
  const singleApi = await sequential({
    label: 'command, API, 1 client',
    count: single,
    op: (i) => apiCommand(operations + i),
    progress,
  });
  const singleBaseline = await sequential({
    label: 'command, baseline, 1 client',
    count: single,
    op: (i) => baselineCommand(operations + i),
    progress,
  });

  const rows: FigureRow[] = [
    compare('open', `open a case, ${clients} clients (update-with-start)`, openApi, openBaseline),
    compare(
      'command',
      `record the analysis, ${clients} clients (executeUpdate)`,
      commandApi,
      commandBaseline,
    ),
    compare('command', 'record the analysis, 1 client', singleApi, singleBaseline, false),
  ];
  return {
    rows,
    raw: { openApi, openBaseline, commandApi, commandBaseline, singleApi, singleBaseline },
  };
}

/** The target: at least 0.8 of the baseline's rate, a p99 at most 1.5 times its p99. */
function compare(
  section: string,
  name: string,
  api: LatencySummary,
  baseline: LatencySummary,
  withRate = true,
): FigureRow {
  const ratio = Math.round((api.ratePerSecond / baseline.ratePerSecond) * 100) / 100;
  const p99Ratio = Math.round((api.p99 / baseline.p99) * 100) / 100;
  const failed = api.errors > 0 || baseline.errors > 0;
  return {
    section,
    name,
    value: formatLatency(api, withRate),
    baseline: formatLatency(baseline, withRate),
    ratio: withRate ? ratio : p99Ratio,
    check: withRate
      ? {
          target: `rate ≥ 0.8 × baseline, p99 ≤ 1.5 × baseline (p99 × ${p99Ratio})`,
          met: !failed && ratio >= 0.8 && p99Ratio <= 1.5,
        }
      : { target: 'p99 ≤ 1.5 × baseline', met: !failed && p99Ratio <= 1.5 },
  };
}

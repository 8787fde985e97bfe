import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { fold, type OpenedCase } from '@banso/domain';
import { caseOpenedUpdate, caseStateQuery, caseWorkflowId } from '../definitions';
import { workflowBundleOptions } from '../../../../apps/worker/src/workflow-bundle';
import { createCaseWorker } from '../../../../apps/worker/src/case-worker';
import { hashOf, useWorkflowHarness } from '@banso/testing/workflows/harness';
import { workflowBundlePath } from '@banso/testing/workflows/temporal-env';
import { lastOf, toFollowUp } from '@banso/testing/workflows/case-steps';
import { MANAGER, OFFICER, openData, ORG_ID } from '@banso/testing/fixtures';

const h = useWorkflowHarness();

/**
 * The workflow code as it would be after a change to the rules: here, a newer holiday calendar in
 * which `holiday` is a national holiday, so `decide` now moves a due date on it to the next day.
 */
async function bundleWithHoliday(holiday: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'banso-changed-rules-'));
  const calendar = join(dir, 'holiday_jp.js');
  writeFileSync(
    calendar,
    `const real = require(${JSON.stringify(require.resolve('@holiday-jp/holiday_jp'))});\n` +
      `module.exports = { ...real, holidays: { ...real.holidays, ${JSON.stringify(holiday)}: ` +
      `{ date: ${JSON.stringify(holiday)}, week: '', week_en: '', name: '新しい祝日', name_en: 'A new holiday' } } };\n`,
  );
  const options = workflowBundleOptions();
  const { code } = await bundleWorkflowCode({
    workflowsPath: options.workflowsPath,
    webpackConfigHook: (config) => {
      const hooked = options.webpackConfigHook!(config);
      return {
        ...hooked,
        resolve: {
          ...hooked.resolve,
          alias: {
            ...(hooked.resolve?.alias as Record<string, string>),
            '@holiday-jp/holiday_jp$': calendar,
          },
        },
      };
    },
    logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
  });
  const path = join(dir, 'bundle.js');
  writeFileSync(path, code);
  return path;
}

async function startWorker(
  taskQueue: string,
  codePath: string,
): Promise<{ stop(): Promise<void> }> {
  const worker: Worker = await createCaseWorker({
    connection: h.env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath },
    eventStore: h.store,
    incidents: h.incidents,
    notifier: h.notifier,
    // No sticky cache: every task is replayed from the history, by whichever worker polls.
    maxCachedWorkflows: 0,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

describe('the workflow is its log', () => {
  it('keeps the state fold(log) gives when its history is replayed under a changed rule', async () => {
    const taskQueue = `log-is-truth-${randomUUID()}`;
    const caseId = `case-${randomUUID()}`;
    const data = openData('standard');
    const open = { commandId: randomUUID(), bodyHash: hashOf(data), actor: OFFICER, data };

    // Recorded under today's rules.
    const before = await startWorker(taskQueue, workflowBundlePath());
    const handle = await h.env.client.workflow.start('supportCase', {
      taskQueue,
      workflowId: caseWorkflowId(ORG_ID, caseId),
      args: [{ organisationId: ORG_ID, caseId, open }],
    });
    await handle.executeUpdate(caseOpenedUpdate, { args: [{ bodyHash: open.bodyHash }] });
    await toFollowUp(h, handle);
    const logged = h.store.eventsOf(caseId);
    const dueDate = lastOf(logged, 'FollowUpScheduled').data.dueDate;
    await before.stop();

    // Replayed by a worker whose calendar makes that due date a holiday: its `decide` would now
    // schedule the follow-up a day or more later, but the log says otherwise.
    const after = await startWorker(taskQueue, await bundleWithHoliday(dueDate));
    try {
      const state = (await handle.query(caseStateQuery)) as OpenedCase;
      expect(state).toEqual(fold(logged));
      expect(state.schedule?.dueDate).toBe(dueDate);

      // And it goes on from the log: the next command folds onto the logged state.
      const result = await h.command(handle, 'closeCase', { reason: 'withdrawn' }, MANAGER);
      expect(result.state).toEqual(fold(h.store.eventsOf(caseId)));
      const closed = lastOf(result.events, 'CaseClosed');
      expect(closed.seq).toBe(logged.length + 1);
    } finally {
      await after.stop();
    }
  });
});

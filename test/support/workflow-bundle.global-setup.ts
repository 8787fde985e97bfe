import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../../apps/worker/src/workflow-bundle';

/** Bundles the workflow code once for every test file, through the same options the worker uses. */
export default async function bundleOnce(): Promise<void> {
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietLogger });
  const path = join(tmpdir(), `banso-workflow-bundle-${process.pid}.js`);
  writeFileSync(path, code);
  process.env.BANSO_WORKFLOW_BUNDLE = path;
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

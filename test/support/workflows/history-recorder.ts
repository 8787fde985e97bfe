import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { repoRoot } from '../../../apps/worker/src/workflow-bundle';
import type { CaseHandle } from './harness';

/**
 * With BANSO_RECORD_HISTORIES=1 (`npm run history:record`), keeps a finished case's history as a
 * replay fixture in test/histories. Record again only on purpose: the fixtures are what shipped.
 */
export async function maybeRecordHistory(handle: CaseHandle, name: string): Promise<void> {
  if (process.env.BANSO_RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  writeFileSync(join(repoRoot(), 'test/histories', `${name}.json`), historyToJSON(history));
}

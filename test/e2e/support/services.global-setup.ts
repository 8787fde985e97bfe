import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bundleOnce from '../../support/workflow-bundle.global-setup';
import { type ChildService, startChildService } from '../../support/child-service';

declare global {
  // Shared with the global teardown, which runs in the same context.
  var bansoE2eServices: ChildService[] | undefined;
}

/** One real PostgreSQL and one Temporal dev server for every end-to-end test file. */
export default async function startServices(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'banso-e2e-'));
  const [, postgres, temporal] = await Promise.all([
    bundleOnce(),
    startChildService('postgres.mjs', ['--data-dir', join(dir, 'postgres')]),
    startChildService('temporal.mjs', ['--data-dir', join(dir, 'temporal')]),
  ]);
  globalThis.bansoE2eServices = [postgres, temporal];
  process.env.BANSO_E2E_DATABASE_URL = postgres.ready[0];
  process.env.BANSO_E2E_TEMPORAL_ADDRESS = temporal.ready[0];
  process.env.BANSO_E2E_DATA_DIR = dir;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundlePath, quietRuntime } from '@banso/testing/workflows/temporal-env';

const dir = join(__dirname, '..', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

/**
 * Histories recorded from cases that ran (npm run history:record) replayed against today's
 * workflow code: a change that would break a running case fails here, before it ships.
 */
describe('replay of recorded support-case histories', () => {
  beforeAll(() => quietRuntime());

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: { codePath: workflowBundlePath() } },
        history,
        file,
      ),
    ).resolves.toBeUndefined();
  });
});

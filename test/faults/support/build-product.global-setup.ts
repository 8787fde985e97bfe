import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The fault specs run the product as it is deployed, compiled processes that can be killed: build
 * it once (tsc into dist/ and the prebuilt workflow bundle) before any of them starts it.
 */
export default function buildProduct(): void {
  if (!process.env.TEMPORAL_CLI_PATH) {
    throw new Error(
      'TEMPORAL_CLI_PATH is not set: run the fault specs through ' +
        '`node scripts/toolchain.mjs --dev-server -- npx jest --selectProjects faults` (npm test does)',
    );
  }
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new Error(
      `npm run build failed (${build.error?.message ?? `exit code ${build.status}`}):\n` +
        `${build.stdout}${build.stderr}`,
    );
  }
}

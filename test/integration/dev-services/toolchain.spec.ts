import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const TOOLCHAIN = resolve(__dirname, '../../../scripts/toolchain.mjs');

/**
 * A machine with Node alone: no Go, no Java or Maven, no `temporal`, an empty cache. Where the
 * official downloads can be reached the SDK fetches the servers; where they cannot (as on our
 * machines and in CI), the toolchain says at once what to install.
 */
function runWithNodeAlone(flag: '--dev-server' | '--test-server') {
  const dir = mkdtempSync(join(tmpdir(), 'banso-toolchain-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  try {
    const env = { PATH: bin, HOME: dir, BANSO_CACHE_DIR: join(dir, 'cache') };
    return spawnSync(process.execPath, [TOOLCHAIN, flag], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function officialDownloadsReachable(): Promise<boolean> {
  try {
    await fetch('https://temporal.download/', {
      method: 'HEAD',
      signal: AbortSignal.timeout(5_000),
    });
    return true;
  } catch {
    return false;
  }
}

describe('the toolchain on a machine with Node alone', () => {
  it.each([
    ['--dev-server', 'TEMPORAL_CLI_PATH', /install Go/],
    ['--test-server', 'TEMPORAL_TEST_SERVER_PATH', /install Java and Maven/],
  ] as const)(
    '%s: downloads where it can, else names what to install',
    async (flag, variable, hint) => {
      const run = runWithNodeAlone(flag);
      if (await officialDownloadsReachable()) {
        expect(run.status).toBe(0);
        expect(run.stderr).toContain(`${variable}=`);
      } else {
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/temporal\.download cannot be reached/);
        expect(run.stderr).toMatch(hint);
        expect(run.stderr).not.toMatch(/\n\s+at /);
      }
    },
  );
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '../../../scripts/dev-services/postgres.mjs');

describe('the embedded PostgreSQL in a folder only its owner can enter', () => {
  it('says at once, as root, which folder its user cannot enter and what to do', () => {
    // A clone in a folder of mode 0700 (as `mktemp -d` makes), its data in <clone>/.banso/postgres.
    const closed = mkdtempSync(join(tmpdir(), 'banso-private-'));
    try {
      const run = spawnSync(
        process.execPath,
        [SCRIPT, '--data-dir', join(closed, 'banso', '.banso', 'postgres')],
        {
          encoding: 'utf8',
          timeout: 60_000,
          input: '',
        },
      );
      if (process.getuid?.() === 0) {
        expect(run.status).toBe(1);
        expect(run.stderr).toContain(`cannot enter ${closed} (mode 700)`);
        expect(run.stderr).toMatch(/DATABASE_URL/);
        expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
      } else {
        // Run by its owner, the cluster needs no other user: it starts there.
        expect(run.stdout).toMatch(/^READY postgres:\/\//m);
      }
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});

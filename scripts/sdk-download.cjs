// Fetches the official Temporal dev server (the CLI) or time-skipping test server into a folder,
// the way the SDK does for its own tests (@temporalio/testing's cached downloads), then prints
// the path of the executable. Run by scripts/toolchain.mjs once node_modules exists.
//   node scripts/sdk-download.cjs dev-server|test-server <dir>
const { mkdirSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

async function main() {
  const [kind, dir] = process.argv.slice(2);
  if (!['dev-server', 'test-server'].includes(kind) || !dir) {
    process.stderr.write('usage: sdk-download.cjs dev-server|test-server <dir>\n');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  const { TestWorkflowEnvironment } = require('@temporalio/testing');
  const { Runtime, DefaultLogger } = require('@temporalio/worker');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const executable = { type: 'cached-download', downloadDir: dir, ttl: '3650 days' };
  // Starting it once is how the SDK downloads it; it is stopped at once.
  const env =
    kind === 'dev-server'
      ? await TestWorkflowEnvironment.createLocal({ server: { executable } })
      : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  await env.teardown();
  const [newest] = readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!newest) throw new Error(`the SDK's download left no executable in ${dir}`);
  process.stdout.write(`${newest}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err?.message ?? err}\n`);
  process.exit(1);
});

import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { prebuiltBundlePath, repoRoot, workflowBundleOptions } from '../workflow-bundle';

/**
 * `npm run build` ends here: the workflow code is bundled once, at build time, so a worker starts
 * in a second instead of running webpack over the TypeScript at every start. The bundle is
 * rebuilt only when what goes into it changed (the workflow and domain sources, the SDK version).
 */
async function main(): Promise<void> {
  const root = repoRoot();
  const out = prebuiltBundlePath(root);
  const stamp = `${out}.sha256`;
  const inputs = inputsHash(root);
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) {
    process.stdout.write(`workflow bundle up to date: ${relative(root, out)}\n`);
    return;
  }
  const started = Date.now();
  const { code } = await bundleWorkflowCode({ ...workflowBundleOptions(), logger: quiet });
  mkdirSync(dirname(out), { recursive: true });
  // Written aside and renamed: a worker starting meanwhile never reads half a bundle.
  writeFileSync(`${out}.tmp`, code);
  renameSync(`${out}.tmp`, out);
  writeFileSync(stamp, inputs);
  const kb = Math.round(code.length / 1024);
  process.stdout.write(
    `workflow bundle written: ${relative(root, out)} (${kb} KB, ${Date.now() - started} ms)\n`,
  );
}

/**
 * What the bundle is made of: every source file it can import, the options it is bundled with
 * (workflow-bundle.ts), and the SDK it was built with.
 */
function inputsHash(root: string): string {
  const hash = createHash('sha256');
  const files = [
    join(root, 'apps/worker/src/workflow-bundle.ts'),
    ...['libs/workflows/src', 'libs/domain/src'].flatMap((dir) => sourceFiles(join(root, dir))),
  ];
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  const sdk = join(root, 'node_modules/@temporalio/worker/package.json');
  hash.update((JSON.parse(readFileSync(sdk, 'utf8')) as { version: string }).version);
  return hash.digest('hex');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const noop = () => undefined;
const quiet = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

main().catch((err: unknown) => {
  process.stderr.write(`bundling the workflows failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});

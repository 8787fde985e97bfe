import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

/** The repository root, found from here whether running from sources or from dist/. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (
      existsSync(pkg) &&
      (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'banso'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no banso package.json above ${from}`);
    dir = parent;
  }
}

/** Where `npm run build` writes the workflow bundle the worker loads (apps/worker/src/cli). */
export function prebuiltBundlePath(root = repoRoot()): string {
  return join(root, 'dist', 'workflow-bundle.js');
}

/** The workflow sources; the bundler compiles them itself, so they are read as TypeScript. */
export function workflowsPath(): string {
  return join(repoRoot(), 'libs/workflows/src/workflows/index.ts');
}

/** The module that loads the domain once for every case (libs/workflows/src/workflows). */
export function sharedDomainPath(): string {
  return join(repoRoot(), 'libs/workflows/src/workflows/shared-domain.ts');
}

/**
 * The workflow bundler is webpack and knows nothing of tsconfig paths: give it the same aliases,
 * or `@banso/domain` would not resolve inside the bundle.
 */
export function workflowBundleOptions(): Pick<
  BundleOptions,
  'workflowsPath' | 'webpackConfigHook' | 'preloadModules'
> {
  const root = repoRoot();
  return {
    workflowsPath: workflowsPath(),
    // The worker runs every case in one reused V8 context, where each workflow evaluates its own
    // copy of every module it loads unless it is preloaded: these are loaded once at start-up and
    // shared by every case. The domain comes through shared-domain.ts, which keeps the SDK's
    // deep freeze of shared modules off its zod schemas.
    preloadModules: ['zod', 'luxon', '@holiday-jp/holiday_jp', sharedDomainPath()],
    webpackConfigHook: (config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: {
          ...(config.resolve?.alias as Record<string, string | false>),
          '@banso/domain$': join(root, 'libs/domain/src/index.ts'),
        },
      },
    }),
  };
}

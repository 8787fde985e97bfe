// Preload for the compiled apps (`node -r ./scripts/register-paths.cjs dist/apps/api/src/main.js`):
// tsc keeps `@banso/*` imports as written, so Node needs the aliases mapped onto dist/. They are read
// from tsconfig.base.json (each `.ts` target becomes `.js`) so the two never drift apart.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { register } = require('tsconfig-paths');

const repoRoot = join(__dirname, '..');
const { compilerOptions } = JSON.parse(readFileSync(join(repoRoot, 'tsconfig.base.json'), 'utf8'));

const paths = Object.fromEntries(
  Object.entries(compilerOptions.paths ?? {}).map(([alias, targets]) => [
    alias,
    targets.map((target) => target.replace(/\.ts$/, '.js')),
  ]),
);

register({ baseUrl: join(repoRoot, 'dist'), paths, addMatchAll: false });

/**
 * Loaded once per worker, before any case (apps/worker/src/workflow-bundle.ts, preloadModules):
 * the domain's modules are evaluated once and shared by every case the worker runs, instead of
 * once each time a case enters the worker's cache (measured with BENCH_PROFILE: 20 of the
 * workflow thread's 59 CPU seconds went to building the domain's zod schemas again and again, and
 * most of its garbage collection to collecting them).
 *
 * The SDK deep-freezes what is shared, and a frozen zod schema cannot be parsed with: zod builds
 * its members on first use, rewrites a schema's parse on its first run and resets its patterns'
 * lastIndex on each. So the exports objects of the domain's modules and of zod's are frozen here,
 * shallowly: the SDK's freeze stops at an object already frozen, the schemas and patterns behind
 * the exports stay as zod needs them, and no case can reassign an export another case sees.
 *
 * Sharing is sound because the domain is pure: constants and functions, no state a case could
 * change for another (libs/domain has no I/O and no module-level variables).
 */
import '@banso/domain';

/** Webpack's own module table and require, in the bundle that this module is only ever part of. */
declare const __webpack_modules__: Record<string, unknown>;
declare const __webpack_require__: (id: string) => object;

/** The domain's modules and zod's (the ones it imports: the bundle has no other copy of zod). */
const SHARED_AS_IS = /^\.\/(libs\/domain\/src\/.*\.ts|node_modules\/zod\/.*)$/;

for (const id of Object.keys(__webpack_modules__)) {
  if (SHARED_AS_IS.test(id)) Object.freeze(__webpack_require__(id));
}

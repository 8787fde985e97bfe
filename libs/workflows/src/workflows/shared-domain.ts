/**
 * Loaded once per worker, before any case (apps/worker/src/workflow-bundle.ts, preloadModules):
 * the domain's modules are evaluated once and shared by every case the worker runs, instead of
 * once each time a case enters the worker's cache (measured with BENCH_PROFILE: 20 of the
 * workflow thread's 59 CPU seconds went to building the domain's zod schemas again and again, and
 * most of its garbage collection to collecting them).
 *
 * The SDK deep-freezes what is shared, and a frozen zod schema cannot be parsed with: zod builds
 * its members on first use, rewrites a schema's parse on its first run and resets its patterns'
 * lastIndex on each. So the domain's and zod's modules are frozen here first, the way each can
 * bear: the SDK's freeze stops at an object already frozen.
 * - The domain's constants (its initial state, default policy, command declarations, labels) are
 *   frozen all the way down, but for the zod schemas and patterns among them: no case can change
 *   what another case reads.
 * - zod's modules only at their exports: its schemas and patterns stay as zod needs them.
 *
 * Sharing is sound because the domain is pure: constants and functions, no state a case could
 * change for another (libs/domain has no I/O and no module-level variables).
 */
import '@banso/domain';

/** Webpack's own module table and require, in the bundle that this module is only ever part of. */
declare const __webpack_modules__: Record<string, unknown>;
declare const __webpack_require__: (id: string) => Record<PropertyKey, unknown>;

const DOMAIN_MODULE = /(^|\/)libs\/domain\/src\/.+\.ts$/;
const ZOD_MODULE = /(^|\/)node_modules\/zod\//;

const frozen = { domain: 0, zod: 0 };
for (const id of Object.keys(__webpack_modules__)) {
  if (DOMAIN_MODULE.test(id)) {
    const exports = __webpack_require__(id);
    // Exports are getters: read each to reach what it exports.
    for (const key of Reflect.ownKeys(exports)) freezeConstant(exports[key]);
    Object.freeze(exports);
    frozen.domain++;
  } else if (ZOD_MODULE.test(id)) {
    Object.freeze(__webpack_require__(id));
    frozen.zod++;
  }
}
// Matching nothing would leave the schemas to the SDK's deep freeze, and every command's parse
// would fail at run time: fail the worker's start instead.
if (frozen.domain === 0 || frozen.zod === 0) {
  throw new Error(
    `shared-domain: no ${frozen.domain === 0 ? 'domain' : 'zod'} module among the bundle's ` +
      'module ids; the bundle is not laid out as this module expects',
  );
}

/** Freezes a constant and what it holds, but for zod schemas and patterns (zod changes those). */
function freezeConstant(value: unknown, seen = new WeakSet<object>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
  if (seen.has(value) || Object.isFrozen(value)) return;
  seen.add(value);
  if ('_zod' in value || value instanceof RegExp) return;
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor) freezeConstant(descriptor.value, seen);
  }
  Object.freeze(value);
}

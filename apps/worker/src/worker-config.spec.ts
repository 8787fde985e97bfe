import { cachedCasesFor, loadWorkerConfig } from './worker-config';

describe('the worker configuration', () => {
  it('sizes the case cache to the heap, never below ten cases', () => {
    expect(cachedCasesFor(256)).toBe(384);
    expect(cachedCasesFor(4096)).toBe(15744);
    expect(cachedCasesFor(100)).toBe(10);
  });

  it('takes a cache size that is set, and refuses one that is not a count', () => {
    const env = { DATABASE_URL: 'postgres://u:p@localhost:5432/banso' };
    expect(
      loadWorkerConfig({ ...env, WORKER_MAX_CACHED_WORKFLOWS: '40' }).WORKER_MAX_CACHED_WORKFLOWS,
    ).toBe(40);
    expect(loadWorkerConfig(env).WORKER_MAX_CACHED_WORKFLOWS).toBeUndefined();
    expect(() => loadWorkerConfig({ ...env, WORKER_MAX_CACHED_WORKFLOWS: 'many' })).toThrow(
      /WORKER_MAX_CACHED_WORKFLOWS/,
    );
  });
});

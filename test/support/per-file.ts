/**
 * A resource started once before a test file's tests and stopped after them. The returned object
 * stands for it (each property is read from the started instance), so specs use it as the resource.
 */
export function perTestFile<T extends object>(
  start: () => Promise<T>,
  stop: (resource: T) => Promise<void>,
): T {
  let resource: T | undefined;
  beforeAll(async () => {
    resource = await start();
  });
  afterAll(async () => {
    if (resource) await stop(resource);
  });
  return new Proxy({} as T, {
    get(_, property) {
      if (!resource) throw new Error('used before beforeAll started it');
      const value: unknown = Reflect.get(resource, property, resource);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(resource)
        : value;
    },
  });
}

import type { Request } from 'express';

/** Where the application keeps its table of paths and methods (express app.locals). */
const LOCALS_KEY = 'bansoRouteMethods';

export interface RouteMethods {
  pattern: RegExp;
  methods: string[];
  /** The methods whose operation takes a request body. */
  withBody: string[];
}

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The methods each documented path takes, matched as Express matches routes (case-insensitive, a
 * trailing slash allowed, a parameter is one non-empty segment). GET brings HEAD, as in Express.
 */
export function routeMethods(
  paths: Record<string, object>,
  extra: Record<string, string[]> = {},
): RouteMethods[] {
  const table = Object.entries(paths).map(([path, item]) => {
    const operations = Object.entries(item).filter(([m]) => OPERATION_METHODS.includes(m));
    return {
      path,
      methods: operations.map(([m]) => m.toUpperCase()),
      withBody: operations
        .filter(([, op]) => (op as { requestBody?: unknown }).requestBody !== undefined)
        .map(([m]) => m.toUpperCase()),
    };
  });
  for (const [path, methods] of Object.entries(extra)) table.push({ path, methods, withBody: [] });
  return table.map(({ path, methods, withBody }) => {
    const source = path
      .split(/(\{[^}]+\})/)
      .map((part) =>
        /^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    const withHead =
      methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'] : methods;
    return { pattern: new RegExp(`^${source}/?$`, 'i'), methods: withHead, withBody };
  });
}

export function registerRouteMethods(locals: Record<string, unknown>, table: RouteMethods[]): void {
  locals[LOCALS_KEY] = table;
}

/**
 * The methods the request's path takes, when it is a known path; undefined for an unknown one.
 * Read by the exception filter to tell a 405 from a 404.
 */
function tableOf(request: Request): RouteMethods[] | undefined {
  return (request.app?.locals as Record<string, unknown> | undefined)?.[LOCALS_KEY] as
    RouteMethods[] | undefined;
}

export function allowedMethods(request: Request): string[] | undefined {
  const table = tableOf(request);
  if (!table) return undefined;
  const methods = new Set<string>();
  for (const { pattern, methods: m } of table) {
    if (pattern.test(request.path)) m.forEach((x) => methods.add(x));
  }
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];
  return methods.size > 0 ? order.filter((m) => methods.has(m)) : undefined;
}

/**
 * Whether the request's operation takes a body. A body sent to one that takes none (a GET, the
 * revocation's DELETE, an unknown path) is not read: it can neither be refused nor be too large.
 */
export function takesBody(request: Request): boolean {
  const method = request.method.toUpperCase();
  return (tableOf(request) ?? []).some(
    ({ pattern, withBody }) => withBody.includes(method) && pattern.test(request.path),
  );
}

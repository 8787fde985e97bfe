import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Printable ASCII without spaces, as a proxy or a client would send it. */
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * The caller's request id, if it is one to keep: a malformed or repeated header is replaced by a
 * generated id rather than refused, since it only names the request.
 */
export function requestIdOf(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : undefined;
}

/**
 * Names the request once, before anything can refuse it (the body parser's 400 and 413 too): the
 * caller's X-Request-Id or a new one, as `req.id` (which the logger then takes) and in the
 * answer's X-Request-Id header.
 */
export function assignRequestId(
  req: IncomingMessage & { id?: unknown },
  res: ServerResponse,
): string {
  if (typeof req.id === 'string') return req.id;
  const id = requestIdOf(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

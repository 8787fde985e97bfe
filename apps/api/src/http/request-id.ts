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

import { createHash } from 'node:crypto';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** Opaque: the next page, read from the index after this page's last row; null on the last page. */
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** 1-based page and a page size within 1–100; the API validates, this only keeps queries bounded. */
export function paging(
  page?: number,
  pageSize?: number,
): { page: number; pageSize: number; offset: number } {
  const p = Math.max(1, Math.floor(page ?? 1));
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize ?? DEFAULT_PAGE_SIZE)));
  return { page: p, pageSize: size, offset: (p - 1) * size };
}

/** A sort key's values: strings (dates, instants, names, ids) or numbers. */
export type KeyValue = string | number;

/**
 * Where the next page starts: after the row whose sort key is `after`, as page `page` of the list
 * `list` (a fingerprint of its filters and order, so a cursor is never read against another list).
 */
export interface Cursor {
  list: string;
  page: number;
  after: KeyValue[];
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.list, cursor.page, cursor.after])).toString(
    'base64url',
  );
}

const NOT_A_CURSOR = 'not a cursor this API gave: pass nextCursor as it came';

/** The cursor a string holds, or why it holds none. */
export function decodeCursor(text: string): Cursor | { invalid: string } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { invalid: NOT_A_CURSOR };
  }
  if (!Array.isArray(value) || value.length !== 3) return { invalid: NOT_A_CURSOR };
  const [list, page, after] = value as unknown[];
  if (
    typeof list === 'string' &&
    typeof page === 'number' &&
    Number.isInteger(page) &&
    page >= 2 &&
    Array.isArray(after) &&
    after.every((v): v is KeyValue => typeof v === 'string' || typeof v === 'number')
  ) {
    return { list, page, after };
  }
  return { invalid: NOT_A_CURSOR };
}

/** A short fingerprint of what makes a list the list it is (its filters and order). */
export function listFingerprint(parts: Record<string, unknown>): string {
  const defined = Object.keys(parts)
    .filter((k) => parts[k] !== undefined)
    .sort()
    .map((k) => [k, parts[k]]);
  return createHash('sha256').update(JSON.stringify(defined)).digest('base64url').slice(0, 12);
}

/**
 * The cursor for the page after `rows` (fetched one beyond the page size to know there is one),
 * or null when this page is the last.
 */
export function nextCursorOf<R>(
  rows: readonly R[],
  pageSize: number,
  list: string,
  page: number,
  keyOf: (row: R) => KeyValue[],
): string | null {
  const last = rows[pageSize - 1];
  if (rows.length <= pageSize || last === undefined) return null;
  return encodeCursor({ list, page: page + 1, after: keyOf(last) });
}

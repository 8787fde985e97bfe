import { decodeCursor, encodeCursor, listFingerprint, nextCursorOf, paging } from './paging';

describe('page cursors', () => {
  it('give back what they were made of', () => {
    const cursor = { list: 'abc', page: 3, after: ['2026-04-01T00:00:00.000Z', 'case-1'] };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    ['not base64 JSON', 'not a cursor!'],
    ['another shape', Buffer.from(JSON.stringify({ list: 'abc' })).toString('base64url')],
    ['page 1 (no cursor points there)', encodeCursor({ list: 'abc', page: 1, after: ['x'] })],
    ['an object in the key', Buffer.from(JSON.stringify(['abc', 2, [{}]])).toString('base64url')],
  ])('refuse %s', (_name, text) => {
    expect(decodeCursor(text)).toEqual({ invalid: expect.stringMatching(/not a cursor/) });
  });

  it('fingerprint a list by what is given, in any order', () => {
    expect(listFingerprint({ a: 1, b: 'x', c: undefined })).toBe(listFingerprint({ b: 'x', a: 1 }));
    expect(listFingerprint({ a: 1 })).not.toBe(listFingerprint({ a: 2 }));
  });

  it('point after the last row of a full page, and nowhere after the last page', () => {
    const rows = [{ k: 1 }, { k: 2 }, { k: 3 }];
    const next = nextCursorOf(rows, 2, 'l', 4, (r) => [r.k]);
    expect(decodeCursor(next as string)).toEqual({ list: 'l', page: 5, after: [2] });
    expect(nextCursorOf(rows, 3, 'l', 4, (r) => [r.k])).toBeNull();
  });

  it('keep numbered pages bounded', () => {
    expect(paging(3, 500)).toEqual({ page: 3, pageSize: 100, offset: 200 });
    expect(paging()).toEqual({ page: 1, pageSize: 20, offset: 0 });
  });
});

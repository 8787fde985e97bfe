import { inboxCursorProblem } from '@banso/persistence';
import { realisticHistory } from '@banso/testing/persistence/case-history';
import { appendBatches, useTestDatabase } from './test-database';

const A = 'org-kanazawa-cci';
const B = 'org-iwaki';

describe('NotificationRepository', () => {
  const db = useTestDatabase();
  const mine = realisticHistory('nr-a');
  const theirs = realisticHistory('nr-b', { organisationId: B });

  beforeAll(async () => {
    await appendBatches(db.events, mine.batches);
    await appendBatches(db.events, theirs.batches);
  });

  it("lists an officer's inbox newest first, all unread at first", async () => {
    const page = await db.inbox.listFor(A, { role: 'officer', id: 'officer-sato' });
    expect(page).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect(page.items.map((n) => [n.kind, n.subject, n.read])).toEqual([
      ['reminder', 'followUp', false],
      ['reminder', 'followUp', false],
    ]);
    // Both reminders went out at the same instant: the later event comes first.
    expect(page.items.map((n) => n.seq)).toEqual(
      [...page.items.map((n) => n.seq)].sort((a, b) => b - a),
    );
    expect(page.items[0]).toMatchObject({
      caseId: 'nr-a',
      organisationId: A,
      recipient: { role: 'officer', id: 'officer-sato' },
      dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      createdAt: '2026-09-01T00:30:00.000Z',
      readAt: null,
      readBy: null,
    });
  });

  it("lists the managers' shared inbox of the organisation only", async () => {
    const page = await db.inbox.listFor(A, { role: 'manager' });
    expect(page.items.map((n) => [n.caseId, n.kind])).toEqual([
      ['nr-a', 'escalation'],
      ['nr-a', 'dispatchRequested'],
    ]);
    expect(page.items[0]?.recipient).toEqual({ role: 'manager', organisationId: A });
    expect((await db.inbox.listFor(B, { role: 'manager' })).items.map((n) => n.caseId)).toEqual([
      'nr-b',
      'nr-b',
    ]);
  });

  it('tells a newly assigned officer', async () => {
    const page = await db.inbox.listFor(A, { role: 'officer', id: 'officer-kato' });
    expect(page.items.map((n) => [n.kind, n.message])).toEqual([
      ['assigned', '支援案件の担当になりました'],
    ]);
  });

  it('marks read idempotently, keeping the first read', async () => {
    const [first] = (await db.inbox.listFor(A, { role: 'manager' })).items;
    expect(await db.inbox.markRead(A, [first!.id], 'manager-suzuki')).toEqual({ marked: 1 });
    expect(await db.inbox.markRead(A, [first!.id], 'manager-tanaka')).toEqual({ marked: 0 });
    const [read] = (await db.inbox.listFor(A, { role: 'manager' })).items;
    expect(read).toMatchObject({ id: first!.id, read: true, readBy: 'manager-suzuki' });
    expect(read?.readAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('lists only unread notifications when asked', async () => {
    const unread = await db.inbox.listFor(A, { role: 'manager' }, { unreadOnly: true });
    expect(unread.total).toBe(1);
    expect(unread.items.map((n) => n.kind)).toEqual(['dispatchRequested']);
  });

  it("does not mark another organisation's notifications, nor unknown ids", async () => {
    const theirIds = (await db.inbox.listFor(B, { role: 'manager' })).items.map((n) => n.id);
    expect(await db.inbox.markRead(A, [...theirIds, 'no-such-id'], 'manager-suzuki')).toEqual({
      marked: 0,
    });
    expect((await db.inbox.listFor(B, { role: 'manager' }, { unreadOnly: true })).total).toBe(2);
    expect(await db.inbox.markRead(A, [], 'manager-suzuki')).toEqual({ marked: 0 });
  });

  it('pages the inbox', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) =>
        db.inbox.listFor(A, { role: 'officer', id: 'officer-sato' }, { page, pageSize: 1 }),
      ),
    );
    expect(pages.map((p) => p.items.length)).toEqual([1, 1, 0]);
    expect(new Set(pages.flatMap((p) => p.items.map((n) => n.id))).size).toBe(2);
    expect(pages.map((p) => p.total)).toEqual([2, 2, 2]);
  });

  it('reads the inbox page after page by cursor, as a whole page shows it', async () => {
    for (const owner of [{ role: 'officer', id: 'officer-sato' }, { role: 'manager' }] as const) {
      const whole = await db.inbox.listFor(A, owner, { pageSize: 100 });
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 1; ; page++) {
        const next = await db.inbox.listFor(A, owner, { pageSize: 1, cursor });
        expect([next.page, next.total]).toEqual([page, whole.total]);
        seen.push(...next.items.map((n) => n.id));
        if (!next.nextCursor) break;
        cursor = next.nextCursor;
      }
      expect(seen).toEqual(whole.items.map((n) => n.id));
    }
  });

  it('reads a cursor only against the inbox list it came from', async () => {
    const sato = { role: 'officer', id: 'officer-sato' } as const;
    const first = await db.inbox.listFor(A, sato, { pageSize: 1 });
    const cursor = first.nextCursor as string;
    expect(inboxCursorProblem(A, sato, {}, cursor)).toBeUndefined();
    expect(inboxCursorProblem(A, sato, { unreadOnly: true }, cursor)).toMatch(/another inbox/);
    expect(inboxCursorProblem(A, { role: 'manager' }, {}, cursor)).toMatch(/another inbox/);
    await expect(db.inbox.listFor(B, sato, { cursor })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });
});

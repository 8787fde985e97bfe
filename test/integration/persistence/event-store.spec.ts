import { type CaseEvent, type Notification, notificationsOf } from '@banso/domain';
import { isPersistenceError, type PersistenceErrorCode } from '@banso/persistence';
import { openedCase, realisticHistory, toFollowUp } from '@banso/testing/persistence/case-history';
import { appendBatches, appendTo, tableRows, useTestDatabase } from './test-database';

describe('PostgresEventStore', () => {
  const db = useTestDatabase();

  const rejectsWith = async (append: Promise<unknown>, code: PersistenceErrorCode) => {
    const error = await append.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isPersistenceError(error, code)).toBe(true);
    return error as Error;
  };

  it('stores events that read back deep-equal to those appended, `at` and all', async () => {
    const { events } = toFollowUp(openedCase('es-roundtrip'), '2026-04-10');
    expect(await appendTo(db, 'es-roundtrip', events)).toEqual({ appended: events.length });
    const read = await db.cases.eventsOf('org-kanazawa-cci', 'es-roundtrip');
    // Across PostgreSQL an event is JSON: undefined fields (an approval without a note) are absent.
    expect(read).toStrictEqual(JSON.parse(JSON.stringify(events)));
    expect(read[0]?.at).toBe('2026-04-01T10:00:00+09:00');
  });

  it('is idempotent: the same append twice writes once', async () => {
    const { events } = openedCase('es-twice');
    expect(await appendTo(db, 'es-twice', events)).toEqual({ appended: 1 });
    expect(await appendTo(db, 'es-twice', events)).toEqual({ appended: 0 });
    expect(await db.cases.countEvents('es-twice')).toBe(1);
  });

  it('appends only the new tail of a batch that overlaps the log', async () => {
    const { events } = toFollowUp(openedCase('es-overlap'), '2026-04-10');
    await appendTo(db, 'es-overlap', events.slice(0, 2));
    expect(await appendTo(db, 'es-overlap', events)).toEqual({ appended: events.length - 2 });
    expect((await db.cases.eventsOf('org-kanazawa-cci', 'es-overlap')).map((e) => e.seq)).toEqual(
      events.map((e) => e.seq),
    );
  });

  it('refuses a different event at a seq already stored, and changes nothing', async () => {
    const { events } = toFollowUp(openedCase('es-conflict'), '2026-04-10');
    await appendTo(db, 'es-conflict', events);
    const before = await tableRows(db.ds, 'case_events', 'id');
    const forged: CaseEvent = { ...events[1]!, at: '2026-04-11T10:00:00+09:00' };
    const error = await rejectsWith(appendTo(db, 'es-conflict', [forged]), 'EVENT_CONFLICT');
    expect(error.message).toMatch(/seq 2 already holds a different event/);
    // A batch mixing a good new event with a forged old one is refused whole.
    const next: CaseEvent = { ...events[events.length - 1]!, seq: events.length + 1 };
    await rejectsWith(appendTo(db, 'es-conflict', [forged, next]), 'EVENT_CONFLICT');
    expect(await tableRows(db.ds, 'case_events', 'id')).toEqual(before);
  });

  it('accepts a stored event re-sent with its keys in another order', async () => {
    const [opened] = openedCase('es-keys').events;
    await appendTo(db, 'es-keys', [opened!]);
    const reordered = Object.fromEntries(Object.entries(opened!).reverse()) as CaseEvent;
    expect(await appendTo(db, 'es-keys', [reordered])).toEqual({ appended: 0 });
  });

  it('refuses a gap in the sequence, writing nothing of the batch', async () => {
    const { events } = toFollowUp(openedCase('es-gap'), '2026-04-10');
    const error = await rejectsWith(appendTo(db, 'es-gap', [events[0]!, events[2]!]), 'EVENT_GAP');
    expect(error.message).toMatch(/expected seq 2, got 3/);
    await rejectsWith(appendTo(db, 'es-gap', [events[1]!]), 'EVENT_GAP');
    expect(await db.cases.countEvents('es-gap')).toBe(0);
    expect(await db.cases.getSummary('org-kanazawa-cci', 'es-gap')).toBeNull();
  });

  it('refuses events of another case or another organisation', async () => {
    const { events } = toFollowUp(openedCase('es-owner'), '2026-04-10');
    await rejectsWith(appendTo(db, 'es-other', events), 'EVENT_MISMATCH');
    await appendTo(db, 'es-owner', events.slice(0, 1));
    const stolen = events.slice(1).map((e): CaseEvent => ({ ...e, organisationId: 'org-other' }));
    await rejectsWith(appendTo(db, 'es-owner', stolen), 'EVENT_MISMATCH');
    const mixed = toFollowUp(openedCase('es-mixed'), '2026-04-10').events;
    mixed[1] = { ...mixed[1]!, organisationId: 'org-other' };
    await rejectsWith(appendTo(db, 'es-mixed', mixed), 'EVENT_MISMATCH');
    expect(await db.cases.countEvents('es-mixed')).toBe(0);
  });

  it('serialises concurrent appends of the same events: exactly one copy', async () => {
    const { events } = realisticHistory('es-race');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        db.events.append({ organisationId: 'org-kanazawa-cci', caseId: 'es-race', events }),
      ),
    );
    // Each call answers what the log holds: the same events, whichever wrote them.
    for (const result of results) {
      expect(result.events).toEqual(JSON.parse(JSON.stringify(events)));
    }
    expect(await db.cases.countEvents('es-race')).toBe(events.length);
    expect((await db.cases.getSummary('org-kanazawa-cci', 'es-race'))?.version).toBe(events.length);
  });

  it('serialises concurrent appends of successive commands on one case', async () => {
    const h = realisticHistory('es-steps');
    const [first, ...rest] = h.batches;
    await appendTo(db, 'es-steps', first!);
    // Each retry of the whole remaining history races the others; all must end in one clean log.
    await Promise.all(rest.map((_, i) => appendTo(db, 'es-steps', rest.slice(0, i + 1).flat())));
    expect((await db.cases.eventsOf('org-kanazawa-cci', 'es-steps')).map((e) => e.seq)).toEqual(
      h.events.map((e) => e.seq),
    );
  });

  it('gives the same read models whether a history is appended per command or at once', async () => {
    const perCommand = realisticHistory('es-same');
    await appendBatches(db.events, perCommand.batches);
    const atOnce = (await db.cases.getSummary('org-kanazawa-cci', 'es-same'))!;
    const other = realisticHistory('es-same-2');
    await appendTo(db, 'es-same-2', other.events);
    expect({
      ...(await db.cases.getSummary('org-kanazawa-cci', 'es-same-2')),
      caseId: 'es-same',
    }).toEqual(atOnce);
  });

  describe('PostgresNotifier', () => {
    it('finds the notifications the append already wrote: nothing new to deliver', async () => {
      const { events } = realisticHistory('nt-owner');
      await appendTo(db, 'nt-owner', events);
      const notifications = events.flatMap(notificationsOf);
      expect(notifications.length).toBeGreaterThan(0);
      expect(await db.notifier.deliver(notifications)).toEqual({ delivered: 0 });
    });

    it('stores a notification once however often it is delivered', async () => {
      const notification: Notification = {
        id: 'nt-direct:9:officer-sato',
        caseId: 'nt-direct',
        organisationId: 'org-kanazawa-cci',
        seq: 9,
        kind: 'reminder',
        recipient: { role: 'officer', id: 'officer-sato' },
        subject: 'followUp',
        dueDate: '2026-07-10',
        message: 'フォローアップの期限が近づいています',
        at: '2026-07-03T09:00:00+09:00',
      };
      expect(await db.notifier.deliver([notification, notification])).toEqual({ delivered: 1 });
      expect(await db.notifier.deliver([notification])).toEqual({ delivered: 0 });
    });
  });
});

import { DEFAULT_POLICY } from '@banso/domain';
import { rebuildReadModels } from '@banso/persistence';
import pino from 'pino';
import { main as rebuildCli } from '../../../libs/persistence/src/cli/rebuild-read-models';
import { openedCase, realisticHistory, toFollowUp } from '@banso/testing/persistence/case-history';
import { appendBatches, tableRows, useTestDatabase } from './test-database';

describe('rebuildReadModels', () => {
  const db = useTestDatabase();
  const histories = [
    realisticHistory('rb-1'),
    realisticHistory('rb-2', { organisationId: 'org-iwaki', kind: 'founder' }),
    toFollowUp(openedCase('rb-3'), '2026-04-10'),
    openedCase('rb-4'),
  ];
  const eventCount = histories.reduce((n, h) => n + h.events.length, 0);

  const snapshot = async () => ({
    summaries: await tableRows(db.ds, 'case_summaries', 'case_id'),
    notifications: await tableRows(db.ds, 'notifications', 'id'),
    reads: await tableRows(db.ds, 'notification_reads', 'notification_id'),
    organisations: await tableRows(db.ds, 'organisations', 'id'),
    events: await tableRows(db.ds, 'case_events', 'id'),
  });

  beforeAll(async () => {
    for (const h of histories) await appendBatches(db.events, h.batches);
    await db.organisations.create({
      id: 'org-iwaki',
      name: 'いわき商工会議所',
      policy: DEFAULT_POLICY,
      by: 'admin',
    });
    const inbox = await db.inbox.listFor('org-kanazawa-cci', { role: 'manager' });
    await db.inbox.markRead(
      'org-kanazawa-cci',
      inbox.items.slice(0, 1).map((n) => n.id),
      'manager-suzuki',
    );
  });

  it('replays the log into exactly the rows the live projection wrote, keeping reads and organisations', async () => {
    const before = await snapshot();
    expect(before.summaries).toHaveLength(4);
    expect(before.reads).toHaveLength(1);
    expect(await rebuildReadModels(db.ds)).toEqual({ cases: 4, events: eventCount });
    expect(await snapshot()).toEqual(before);
    const read = await db.inbox.listFor('org-kanazawa-cci', { role: 'manager' });
    expect(read.items.filter((n) => n.read)).toHaveLength(1);
  });

  it('restores read models that were lost', async () => {
    const before = await snapshot();
    await db.ds.query('DELETE FROM notifications');
    await db.ds.query('DELETE FROM case_summaries');
    await rebuildReadModels(db.ds);
    expect(await snapshot()).toEqual(before);
  });

  it('repairs a summary that went wrong', async () => {
    const before = await snapshot();
    await db.ds.query(
      `UPDATE case_summaries SET stage = 'analysis', overdue = true WHERE case_id = 'rb-1'`,
    );
    await rebuildReadModels(db.ds);
    expect(await snapshot()).toEqual(before);
  });

  it('takes turns with appends running at the same time', async () => {
    const late = realisticHistory('rb-5');
    const [, result] = await Promise.all([
      appendBatches(db.events, late.batches),
      rebuildReadModels(db.ds),
    ]);
    expect(result.events).toBeGreaterThanOrEqual(eventCount);
    const live = await snapshot();
    await rebuildReadModels(db.ds);
    expect(await snapshot()).toEqual(live);
    expect((await db.cases.getSummary('org-kanazawa-cci', 'rb-5'))?.stage).toBe('closed');
  });

  it('runs from the command line entry: migrations, then the rebuild', async () => {
    const before = await snapshot();
    const silent = pino({ level: 'silent' });
    expect(await rebuildCli(db.url, silent)).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect(await rebuildCli(undefined, silent)).toBe(2);
  });
});

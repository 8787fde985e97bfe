import { rebuildReadModels } from '@banso/persistence';
import { useE2eStack } from './support/stack';
import { casePath, openCase, today, toFollowUp } from './support/case-api';

const stack = useE2eStack();

async function readModels() {
  return {
    summaries: await stack.dataSource.query('SELECT * FROM case_summaries ORDER BY case_id'),
    notifications: await stack.dataSource.query('SELECT * FROM notifications ORDER BY id'),
    reads: await stack.dataSource.query(
      'SELECT * FROM notification_reads ORDER BY notification_id',
    ),
  };
}

describe('rebuilding the read models from the event log', () => {
  it('gives the same rows as the live projection', async () => {
    const a = await openCase(stack, 'founder', 'rebuild-a');
    const b = await openCase(stack, 'standard', 'rebuild-b');
    await openCase(stack, 'succession', 'rebuild-c');
    await toFollowUp(stack, a);
    await toFollowUp(stack, b);
    await stack.http('POST', `${casePath(a)}/follow-ups`, {
      visitedOn: today(),
      method: 'visit',
      actuals: { 'monthly-sales': 6_000 },
    });
    await stack.http(
      'POST',
      `${casePath(b)}/reassign`,
      { officerId: 'officer-ito' },
      stack.as('manager-suzuki'),
    );
    await stack.http(
      'POST',
      `${casePath(b)}/close`,
      { reason: 'withdrawn' },
      stack.as('manager-suzuki'),
    );
    const manager = stack.as('manager-suzuki');
    const inbox = await stack.http(
      'GET',
      '/organisations/kanazawa-cci/notifications?managers=true',
      undefined,
      manager,
    );
    await stack.http(
      'POST',
      '/organisations/kanazawa-cci/notifications/read',
      { ids: [inbox.body.items[0].id] },
      manager,
    );

    const live = await readModels();
    expect(live.summaries).toHaveLength(3);
    expect(live.notifications.length).toBeGreaterThanOrEqual(2);
    expect(live.reads).toHaveLength(1);

    const result = await rebuildReadModels(stack.dataSource);
    expect(result.cases).toBe(3);
    expect(await readModels()).toEqual(live);
  });
});

import { checkDatabase, createDataSource } from '@banso/persistence';
import { useTestDatabase } from './test-database';

describe('checkDatabase', () => {
  const db = useTestDatabase({ migrate: false });

  it('answers ok with the round trip time', async () => {
    const health = await checkDatabase(db.ds);
    expect(health).toEqual({ ok: true, latencyMs: expect.any(Number) });
  });

  it('leaves no statement timeout behind on the pooled connection', async () => {
    await checkDatabase(db.ds, 50);
    const [row] = await db.ds.query<Array<{ statement_timeout: string }>>('SHOW statement_timeout');
    expect(row?.statement_timeout).toBe('0');
  });

  it('answers not ok, without throwing, when the data source is not connected', async () => {
    const idle = createDataSource(db.url);
    expect(await checkDatabase(idle)).toEqual({
      ok: false,
      error: expect.stringMatching(/not initialised/),
    });
  });

  it('answers not ok within its timeout when no connection is free', async () => {
    // Hold every connection of the pool (pg's default is 10) in an open transaction.
    const held = Array.from({ length: 10 }, () => db.ds.createQueryRunner());
    for (const runner of held) {
      await runner.connect();
      await runner.startTransaction();
    }
    const started = Date.now();
    const health = await checkDatabase(db.ds, 200);
    expect(health).toEqual({ ok: false, error: 'no answer within 200 ms' });
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const runner of held) {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(await checkDatabase(db.ds)).toMatchObject({ ok: true });
  });
});

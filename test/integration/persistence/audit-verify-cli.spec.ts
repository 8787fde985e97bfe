import pino from 'pino';
import { type AuditOutput, main } from '../../../libs/persistence/src/cli/audit-verify';
import { storeCase, tamper } from './audit-support';
import { useTestDatabase } from './test-database';

describe('the audit-verify command', () => {
  const db = useTestDatabase();
  const silent = pino({ level: 'silent' });

  /** Runs the command as its entry point does, keeping what it prints. */
  async function run(argv: string[], url: string | undefined = db.url) {
    // '' stands for an unset DATABASE_URL (an undefined argument would take the default).
    const lines: string[] = [];
    const errors: string[] = [];
    const output: AuditOutput = { line: (t) => lines.push(t), error: (t) => errors.push(t) };
    const code = await main(argv, url, output, silent);
    return { code, lines, errors };
  }

  let brokenEvents = 0;
  beforeAll(async () => {
    await storeCase(db.events, 'cli-ok');
    brokenEvents = (await storeCase(db.events, 'cli-broken')).events.length - 1;
    await storeCase(db.events, 'iwaki-ok', 'org-iwaki');
    await tamper(
      db.ds,
      `DELETE FROM case_events
       WHERE organisation_id = 'org-kanazawa-cci' AND case_id = 'cli-broken' AND seq = 5`,
    );
  });

  it('names each broken case and exits 1', async () => {
    expect(await run([])).toEqual({
      code: 1,
      lines: [
        `BROKEN organisation org-kanazawa-cci case cli-broken: first broken seq 5 (${brokenEvents} events)`,
        '3 cases checked, 1 broken',
      ],
      errors: [],
    });
  });

  it('checks one organisation when asked, and exits 0 when all of it verifies', async () => {
    expect(await run(['--organisation', 'org-iwaki'])).toEqual({
      code: 0,
      lines: ['1 cases checked, 0 broken'],
      errors: [],
    });
    expect((await run(['--organisation=org-kanazawa-cci'])).code).toBe(1);
    expect(await run(['--organisation', 'org-nobody'])).toMatchObject({
      code: 0,
      lines: ['0 cases checked, 0 broken'],
    });
  });

  it('exits 2 on bad arguments or without DATABASE_URL, checking nothing', async () => {
    const bad = await run(['--org', 'x']);
    expect(bad).toMatchObject({ code: 2, lines: [] });
    expect(bad.errors.join('\n')).toMatch(/unknown argument --org[\s\S]*usage: audit-verify/);
    expect(await run(['--organisation'])).toMatchObject({ code: 2, lines: [] });
    expect(await run([], '')).toMatchObject({ code: 2, lines: [] });
  });
});

import { parseAuditArgs } from './audit-verify';

describe('parseAuditArgs', () => {
  it('reads no organisation as every organisation', () => {
    expect(parseAuditArgs([])).toEqual({ ok: true });
  });

  it('reads --organisation <id> and --organisation=<id>', () => {
    expect(parseAuditArgs(['--organisation', 'org-a'])).toEqual({
      ok: true,
      organisationId: 'org-a',
    });
    expect(parseAuditArgs(['--organisation=org-a'])).toEqual({ ok: true, organisationId: 'org-a' });
  });

  it('refuses anything else', () => {
    expect(parseAuditArgs(['org-a'])).toEqual({ ok: false, reason: 'unknown argument org-a' });
    expect(parseAuditArgs(['--organisation'])).toMatchObject({ ok: false });
    expect(parseAuditArgs(['--organisation='])).toMatchObject({ ok: false });
    expect(parseAuditArgs(['--organisation', '--organisation', 'x'])).toMatchObject({ ok: false });
    expect(parseAuditArgs(['--organisation', 'a', '--organisation', 'b'])).toEqual({
      ok: false,
      reason: '--organisation given twice',
    });
  });
});

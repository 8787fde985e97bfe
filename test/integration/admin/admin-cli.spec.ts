import { UserRepository } from '@banso/persistence';
import { adminMain } from '../../../apps/api/src/cli/admin';
import { parseApiKey, verifySecret } from '../../../apps/api/src/auth/api-key-token';
import { useTestDatabase } from '../persistence/test-database';

const db = useTestDatabase();

/** Runs `npm run admin -- <argv>` in process, catching what it writes. */
async function admin(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err.push(String(chunk));
    return true;
  });
  const before = process.env.DATABASE_URL;
  process.env.DATABASE_URL = db.url;
  try {
    const code = await adminMain(argv);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    process.env.DATABASE_URL = before;
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

describe('npm run admin', () => {
  it('creates an organisation, its first administrator and a key that signs in, and revokes it', async () => {
    const org = await admin('create-organisation', 'iwaki-cci', 'いわき商工会議所');
    expect(org.code).toBe(0);
    expect(JSON.parse(org.out)).toMatchObject({ id: 'iwaki-cci', policyVersion: 1 });
    // Run again, the same answer: a retry is safe.
    expect((await admin('create-organisation', 'iwaki-cci', 'いわき商工会議所')).code).toBe(0);

    const user = await admin('create-user', 'iwaki-cci', 'admin-endo', 'administrator', '遠藤 一');
    expect([user.code, JSON.parse(user.out).role]).toEqual([0, 'administrator']);

    const issued = await admin('issue-key', 'iwaki-cci', 'admin-endo', '--label', 'first admin');
    expect(issued.code).toBe(0);
    const { key, id, label } = JSON.parse(issued.out) as { key: string; id: string; label: string };
    expect(label).toBe('first admin');
    // Only the key's hash is stored, and it accepts the key.
    const parsed = parseApiKey(key);
    const stored = await new UserRepository(db.ds).credential(id);
    expect(stored?.hash).not.toContain(parsed?.secret);
    expect(await verifySecret(stored!.hash, parsed!.secret)).toBe(true);

    const revoked = await admin('revoke-key', 'iwaki-cci', 'admin-endo', id);
    expect(JSON.parse(revoked.out).revokedAt).toEqual(expect.any(String));
    const keys = await admin('list-keys', 'iwaki-cci', 'admin-endo');
    expect(JSON.parse(keys.out).items).toHaveLength(1);
  });

  it('refuses bad input with what is wrong and changes nothing', async () => {
    const role = await admin('create-user', 'iwaki-cci', 'someone', 'owner', '誰か');
    expect(role.code).toBe(1);
    expect(role.err).toMatch(/VALIDATION_FAILED[\s\S]*role/);
    const nowhere = await admin('create-user', 'no-such-org', 'someone', 'officer', '誰か');
    expect([nowhere.code, nowhere.err]).toEqual([
      1,
      expect.stringContaining('ORGANISATION_NOT_FOUND'),
    ]);
    const clash = await admin('create-user', 'iwaki-cci', 'admin-endo', 'officer', '遠藤 一');
    expect([clash.code, clash.err]).toEqual([1, expect.stringContaining('USER_EXISTS')]);
    const unknown = await admin('make-coffee');
    expect([unknown.code, unknown.err]).toEqual([
      2,
      expect.stringContaining('usage: npm run admin'),
    ]);
    const users = await admin('list-users', 'iwaki-cci');
    expect(JSON.parse(users.out).items.map((u: { id: string }) => u.id)).toEqual(['admin-endo']);
  });
});

import { DEFAULT_POLICY, makePolicy } from '@banso/domain';
import { isPersistenceError } from '@banso/persistence';
import { useTestDatabase } from './test-database';

describe('OrganisationRepository', () => {
  const db = useTestDatabase();

  it('creates an organisation with its policy as version 1', async () => {
    const created = await db.organisations.create({
      id: 'kanazawa-cci',
      name: '金沢商工会議所',
      policy: { ...DEFAULT_POLICY, version: 7 },
      by: 'admin',
    });
    expect(created).toEqual({
      id: 'kanazawa-cci',
      name: '金沢商工会議所',
      createdAt: expect.stringMatching(/Z$/),
      policy: { ...DEFAULT_POLICY, version: 1 },
      policyVersion: 1,
    });
    expect(await db.organisations.get('kanazawa-cci')).toEqual(created);
  });

  it("refuses an id that is taken, with the code 'ORGANISATION_EXISTS'", async () => {
    const error = await db.organisations
      .create({ id: 'kanazawa-cci', name: '別の組織', policy: DEFAULT_POLICY, by: 'admin' })
      .catch((e: unknown) => e);
    expect(isPersistenceError(error, 'ORGANISATION_EXISTS')).toBe(true);
    expect((await db.organisations.get('kanazawa-cci'))?.name).toBe('金沢商工会議所');
  });

  it('answers null for an unknown organisation', async () => {
    expect(await db.organisations.get('nowhere')).toBeNull();
    expect(await db.organisations.policyVersions('nowhere')).toEqual([]);
  });

  it('publishes policies as contiguous versions; get returns the latest', async () => {
    const quarterly = makePolicy({ cadenceMonths: { standard: 6, founder: 1, succession: 3 } });
    expect(await db.organisations.publishPolicy('kanazawa-cci', quarterly, 'manager-suzuki')).toBe(
      2,
    );
    expect(await db.organisations.get('kanazawa-cci')).toMatchObject({
      policyVersion: 2,
      policy: { ...quarterly, version: 2 },
    });
  });

  it('keeps versions contiguous when managers publish at the same moment', async () => {
    const versions = await Promise.all(
      [10, 11, 12, 13].map((days) =>
        db.organisations.publishPolicy(
          'kanazawa-cci',
          makePolicy({ reminderLeadDays: days }),
          'manager-suzuki',
        ),
      ),
    );
    expect([...versions].sort()).toEqual([3, 4, 5, 6]);
    const history = await db.organisations.policyVersions('kanazawa-cci');
    expect(history.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(history.every((v) => v.policy.version === v.version)).toBe(true);
    expect(history[0]).toMatchObject({
      publishedBy: 'admin',
      publishedAt: expect.stringMatching(/Z$/),
    });
  });

  it("refuses to publish for an unknown organisation, with the code 'ORGANISATION_NOT_FOUND'", async () => {
    const error = await db.organisations
      .publishPolicy('nowhere', DEFAULT_POLICY, 'x')
      .catch((e: unknown) => e);
    expect(isPersistenceError(error, 'ORGANISATION_NOT_FOUND')).toBe(true);
  });
});

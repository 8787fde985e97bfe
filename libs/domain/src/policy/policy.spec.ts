import { ZodError } from 'zod';
import {
  CASE_KINDS,
  DEFAULT_POLICY,
  driftResponseOf,
  makePolicy,
  type Policy,
  policyOverridesSchema,
  policySchema,
} from './policy';

function issuesOf(overrides: Partial<Policy>): { path: PropertyKey[]; message: string }[] {
  const result = policySchema.safeParse({ ...DEFAULT_POLICY, ...overrides });
  if (result.success) throw new Error('expected the policy to be rejected');
  return result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe('DEFAULT_POLICY', () => {
  it('follows the chambers: standard and succession quarterly, founders monthly', () => {
    expect(DEFAULT_POLICY.cadenceMonths).toEqual({ standard: 3, founder: 1, succession: 3 });
  });

  it('works in Tokyo time, in fiscal years from April, on business days', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      timeZone: 'Asia/Tokyo',
      fiscalYearStartMonth: 4,
      notifyHour: 9,
      businessDaysOnly: true,
      yearEndClosure: true,
    });
  });

  it('is a valid policy, and makePolicy without overrides returns it', () => {
    expect(policySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(makePolicy()).toEqual(DEFAULT_POLICY);
  });

  it('lists the three case kinds', () => {
    expect(CASE_KINDS).toEqual(['standard', 'founder', 'succession']);
  });
});

describe('makePolicy', () => {
  it('overrides fields, e.g. a chamber that follows up every six months', () => {
    const semiannual = makePolicy({
      cadenceMonths: { standard: 6, founder: 1, succession: 3 },
      version: 2,
    });
    expect(semiannual).toEqual({
      ...DEFAULT_POLICY,
      version: 2,
      cadenceMonths: { standard: 6, founder: 1, succession: 3 },
    });
  });

  it('does not change the defaults it starts from', () => {
    makePolicy({ reminderLeadDays: 3 });
    expect(DEFAULT_POLICY.reminderLeadDays).toBe(7);
  });

  it('throws a ZodError for a bad override', () => {
    expect(() => makePolicy({ driftThreshold: 0 })).toThrow(ZodError);
  });
});

describe('policySchema rejections', () => {
  it('a reminder lead as long as the shortest (monthly) cadence, once per kind', () => {
    // The drifting cadence is monthly for every kind by default, so each kind objects.
    expect(issuesOf({ reminderLeadDays: 28 })).toEqual(
      CASE_KINDS.map((kind) => ({
        path: ['reminderLeadDays'],
        message: `must be shorter than the ${kind} cadence of 1 month(s)`,
      })),
    );
  });

  it('a reminder lead longer than the monthly founder cadence only, when drifting cases are followed quarterly', () => {
    const quarterly = { standard: 3, founder: 3, succession: 3 };
    expect(issuesOf({ reminderLeadDays: 30, driftingCadenceMonths: quarterly })).toEqual([
      {
        path: ['reminderLeadDays'],
        message: 'must be shorter than the founder cadence of 1 month(s)',
      },
    ]);
  });

  it('accepts a reminder lead of 27 days with a monthly cadence', () => {
    expect(policySchema.safeParse({ ...DEFAULT_POLICY, reminderLeadDays: 27 }).success).toBe(true);
  });

  it('an overdue grace as long as the monthly cadence', () => {
    expect(issuesOf({ overdueGraceDays: 28 })).toEqual(
      CASE_KINDS.map((kind) => ({
        path: ['overdueGraceDays'],
        message: `must be shorter than the ${kind} cadence of 1 month(s)`,
      })),
    );
  });

  it('a zero cadence, which also leaves no room for the reminder and the grace', () => {
    expect(issuesOf({ cadenceMonths: { standard: 0, founder: 1, succession: 3 } })).toEqual([
      { path: ['cadenceMonths', 'standard'], message: expect.stringContaining('>=1') as string },
      {
        path: ['reminderLeadDays'],
        message: 'must be shorter than the standard cadence of 0 month(s)',
      },
      {
        path: ['overdueGraceDays'],
        message: 'must be shorter than the standard cadence of 0 month(s)',
      },
    ]);
  });

  it.each<[string, Partial<Policy>, PropertyKey[]]>([
    [
      'a fractional cadence',
      { relaxedCadenceMonths: { standard: 6, founder: 1.5, succession: 6 } },
      ['relaxedCadenceMonths', 'founder'],
    ],
    ['a zero drift threshold', { driftThreshold: 0 }, ['driftThreshold']],
    ['a drift threshold over 100 %', { driftThreshold: 1.5 }, ['driftThreshold']],
    [
      'a dispatch that never comes',
      { dispatchAfterDriftingFollowUps: 0 },
      ['dispatchAfterDriftingFollowUps'],
    ],
    ['an hour of 24', { notifyHour: 24 }, ['notifyHour']],
    ['a fiscal year starting in month 13', { fiscalYearStartMonth: 13 }, ['fiscalYearStartMonth']],
    ['version 0', { version: 0 }, ['version']],
    ['an empty time zone', { timeZone: '' }, ['timeZone']],
  ])('%s', (_label, overrides, path) => {
    expect(issuesOf(overrides).map((i) => i.path)).toEqual([path]);
  });

  // BUG (policy/policy.ts, `timeZone: z.string().min(1)`): any non-empty string passes, so a
  // misspelt zone is accepted here and later makes `decide` throw a RangeError from
  // `localDate` (calendar/dates.ts) instead of refusing the command. Expected to fail until the
  // schema checks the zone is a valid IANA zone.
  it('a time zone that does not exist', () => {
    expect(() => makePolicy({ timeZone: 'Asia/Tokio' })).toThrow(ZodError);
  });
});

describe('policy overrides', () => {
  it('carry only what their sender gave, so publishing one field resets no other', () => {
    expect(policyOverridesSchema.parse({ notifyHour: 8 })).toEqual({ notifyHour: 8 });
    const iwaki = makePolicy({ followUpMethods: ['visit', 'desk'], driftResponse: 'dispatch' });
    const published = makePolicy({ ...iwaki, ...policyOverridesSchema.parse({ notifyHour: 8 }) });
    expect(published).toMatchObject({
      notifyHour: 8,
      followUpMethods: ['visit', 'desk'],
      driftResponse: 'dispatch',
    });
  });

  it('new organisations propose a dispatch on drift; policies from before dispatched at once', () => {
    expect(driftResponseOf(DEFAULT_POLICY)).toBe('propose');
    const { driftResponse: _left, ...before } = DEFAULT_POLICY;
    expect(driftResponseOf(before)).toBe('dispatch');
  });
});

import { DEFAULT_POLICY } from '../policy/policy';
import type { Command } from './commands';
import {
  ANALYSIS,
  analysed,
  APPROVED_AT,
  approved,
  command,
  DISPATCH_DONE,
  drafted,
  errorOf,
  given,
  jst,
  MANAGER,
  OFFICER,
  opened,
  openCaseData,
  samplePlan,
  invalidPaths,
  raw,
  underRules,
} from './given.spec-helper';

underRules(1);
const plan = samplePlan();
const [sales, costRatio] = plan.kpis as [(typeof plan.kpis)[0], (typeof plan.kpis)[0]];

describe('openCase', () => {
  const data = openCaseData();

  it.each<[string, unknown, string[]]>([
    ['a missing firm name', { ...data, firm: { representative: '山田 太郎' } }, ['data.firm.name']],
    ['a blank firm name', { ...data, firm: { name: '   ' } }, ['data.firm.name']],
    ['an unknown case kind', { ...data, kind: 'franchise' }, ['data.kind']],
    ['a missing organisation', { ...data, organisationId: undefined }, ['data.organisationId']],
    [
      'an invalid policy',
      { ...data, policy: { ...DEFAULT_POLICY, driftThreshold: 0 } },
      ['data.policy.driftThreshold'],
    ],
    [
      'a policy without its cadence',
      { ...data, policy: { ...DEFAULT_POLICY, cadenceMonths: undefined } },
      ['data.policy.cadenceMonths'],
    ],
  ])('refuses %s', (_label, bad, paths) => {
    expect(invalidPaths([], raw('openCase', bad))).toEqual(paths);
  });

  it('explains a corporate number that is not 13 digits', () => {
    const bad = { ...data, firm: { name: '金沢和菓子', corporateNumber: '123456789012' } };
    expect(errorOf(given([]).when(raw('openCase', bad), jst('2026-04-01')))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'data.firm.corporateNumber: a corporate number has 13 digits',
      issues: [{ path: 'data.firm.corporateNumber', message: 'a corporate number has 13 digits' }],
    });
  });

  it('checks the data before the stage', () => {
    expect(invalidPaths(opened(), raw('openCase', { ...data, firm: {} }))).toEqual([
      'data.firm.name',
    ]);
  });
});

describe('recordAnalysis', () => {
  const previous = (fiscalYearEnd: string) => ({
    ...ANALYSIS,
    financials: {
      ...ANALYSIS.financials,
      previous: { fiscalYearEnd, sales: 1, operatingProfit: 0 },
    },
  });

  it.each(['2026-03-31', '2027-03-31'])(
    'refuses a previous year ending on %s, not before the current one',
    (end) => {
      expect(
        errorOf(given(opened()).when(command('recordAnalysis', previous(end)), jst('2026-04-06'))),
      ).toEqual({
        code: 'INVALID_COMMAND',
        message:
          "data.financials.previous.fiscalYearEnd: must be before the current year's end (2026-03-31)",
        issues: [
          {
            path: 'data.financials.previous.fiscalYearEnd',
            message: "must be before the current year's end (2026-03-31)",
          },
        ],
      });
    },
  );

  it.each<[string, unknown, string[]]>([
    ['no key issues', { ...ANALYSIS, keyIssues: [] }, ['data.keyIssues']],
    [
      'negative sales',
      { ...ANALYSIS, financials: { current: { ...ANALYSIS.financials.current, sales: -1 } } },
      ['data.financials.current.sales'],
    ],
    [
      'a blank strength',
      { ...ANALYSIS, findings: { ...ANALYSIS.findings, strengths: [' '] } },
      ['data.findings.strengths.0'],
    ],
  ])('refuses %s', (_label, bad, paths) => {
    expect(invalidPaths(opened(), raw('recordAnalysis', bad))).toEqual(paths);
  });
});

describe('draftPlan and revisePlan', () => {
  it('refuses KPI targets that do not end at the plan end, with the full path', () => {
    const bad = {
      ...plan,
      kpis: [
        sales,
        {
          ...costRatio,
          targets: [
            { month: 6, value: 67 },
            { month: 9, value: 64 },
          ],
        },
      ],
    };
    expect(
      errorOf(given(analysed()).when(command('draftPlan', { plan: bad }), jst('2026-04-08'))),
    ).toEqual({
      code: 'VALIDATION_FAILED',
      message:
        "data.plan.kpis.1.targets.1.month: the last target must be at the plan's end, month 12",
      issues: [
        {
          path: 'data.plan.kpis.1.targets.1.month',
          message: "the last target must be at the plan's end, month 12",
        },
      ],
    });
  });

  it.each<[string, unknown, string[]]>([
    [
      'target months that do not increase',
      {
        ...plan,
        kpis: [
          {
            ...sales,
            targets: [
              { month: 12, value: 1 },
              { month: 12, value: 2 },
            ],
          },
        ],
      },
      ['data.plan.kpis.0.targets.1.month'],
    ],
    ['no KPIs', { ...plan, kpis: [] }, ['data.plan.kpis']],
    [
      'a duplicate KPI id',
      { ...plan, kpis: [sales, { ...costRatio, id: 'sales' }] },
      ['data.plan.kpis.1.id'],
    ],
  ])('draftPlan refuses %s', (_label, bad, paths) => {
    expect(invalidPaths(analysed(), raw('draftPlan', { plan: bad }))).toEqual(paths);
  });

  it('revisePlan refuses a revision without a reason', () => {
    expect(invalidPaths(approved(), raw('revisePlan', { plan }))).toEqual(['data.reason']);
  });
});

describe('approvePlan', () => {
  it('refuses a blank note', () => {
    expect(invalidPaths(analysed(), command('approvePlan', { note: '   ' }, MANAGER))).toEqual([
      'data.note',
    ]);
  });
});

describe('a plan whose period has ended', () => {
  const approve = command('approvePlan', {}, MANAGER);
  const revise = (months: number) =>
    command('revisePlan', { plan: samplePlan(months), reason: '計画期間の見直し' });
  // Twelve months from 2025-04-10 end on 2026-04-10, the approval day.
  const startingOn = (startDate: string) => drafted({ plan: { ...plan, startDate } });

  it('approvePlan refuses a plan ending on the day of approval', () => {
    expect(errorOf(given(startingOn('2025-04-10')).when(approve, APPROVED_AT))).toEqual({
      code: 'INVALID_COMMAND',
      message:
        'data.plan.months: the plan period ends on 2026-04-10; ' +
        'a plan approved on 2026-04-10 must end after that date',
      issues: [
        {
          path: 'data.plan.months',
          message:
            'the plan period ends on 2026-04-10; a plan approved on 2026-04-10 must end after that date',
        },
      ],
    });
  });

  it('approvePlan refuses a plan that ended before the approval, and accepts one ending after', () => {
    expect(invalidPaths(startingOn('2024-01-01'), approve, APPROVED_AT, 'INVALID_COMMAND')).toEqual(
      ['data.plan.months'],
    );
    expect(given(startingOn('2025-04-11')).when(approve, APPROVED_AT).ok).toBe(true);
  });

  it.each<[string, number, string]>([
    // Four months from 2026-04-01 end on 2026-08-01; two months on 2026-06-01.
    ['on the day of revision', 4, '2026-08-01'],
    ['before the revision', 2, '2026-07-01'],
  ])('revisePlan refuses a plan ending %s', (_label, months, today) => {
    expect(invalidPaths(approved(), revise(months), jst(today), 'INVALID_COMMAND')).toEqual([
      'data.plan.months',
    ]);
  });

  it('revisePlan accepts a plan ending the day after the revision', () => {
    expect(given(approved()).when(revise(4), jst('2026-07-31')).ok).toBe(true);
  });
});

describe('the other commands', () => {
  it.each<[string, Command, string[]]>([
    [
      'completeExpertDispatch without a summary',
      raw('completeExpertDispatch', { ...DISPATCH_DONE, summary: '' }),
      ['data.summary'],
    ],
    [
      'completeExpertDispatch without a programme',
      raw('completeExpertDispatch', { ...DISPATCH_DONE, expert: { name: '鈴木' } }),
      ['data.expert.programme'],
    ],
    ['reassignOfficer to nobody', raw('reassignOfficer', { officerId: ' ' }), ['data.officerId']],
    ['closeCase for an unknown reason', raw('closeCase', { reason: 'bankrupt' }), ['data.reason']],
    ['advanceClock without data', raw('advanceClock', null), ['data']],
  ])('refuses %s', (_label, cmd, paths) => {
    expect(invalidPaths(approved(), cmd)).toEqual(paths);
  });

  it('refuses to reassign a case to its own officer', () => {
    expect(
      errorOf(
        given(approved()).when(
          command('reassignOfficer', { officerId: OFFICER.id }, MANAGER),
          jst('2026-05-01'),
        ),
      ),
    ).toEqual({
      code: 'INVALID_COMMAND',
      message: 'data.officerId: the case is already assigned to officer-sato',
      issues: [{ path: 'data.officerId', message: 'the case is already assigned to officer-sato' }],
    });
  });
});

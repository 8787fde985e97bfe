import { ANALYSIS, planData } from '@banso/testing/fixtures';
import { casePath, openCase, ORG, today, toFollowUp } from './support/case-api';
import { useE2eStack } from './support/stack';

const stack = useE2eStack();
const REPORTS = `/organisations/${ORG}/reports/fiscal-years`;

interface Row {
  key: string;
  kind: string | null;
  label: string;
  actual?: number;
  target?: number | null;
  ratio?: number | null;
  forecast?: number;
}

const manager = () => stack.as('manager-suzuki');
const row = (rows: Row[], key: string, kind: string | null = null) =>
  rows.find((r) => r.key === key && r.kind === kind) as Row;

/** A standard case entered with its past: planned at the end of 2024年度, first visited in 2025年度. */
async function enterMarchPlan(): Promise<string> {
  const opened = await stack.http(
    'POST',
    `/organisations/${ORG}/cases`,
    {
      firm: { name: '株式会社三月' },
      kind: 'standard',
      officerId: 'officer-sato',
      openedOn: '2025-01-10',
    },
    { 'idempotency-key': 'reports-march-plan' },
  );
  expect(opened.status).toBe(201);
  const path = casePath(opened.body.caseId);
  const steps: Array<[string, object, Record<string, string>?]> = [
    ['analysis', { ...ANALYSIS, analysedOn: '2025-01-20' }],
    ['plan/draft', { ...planData('2025-04-01', 36), draftedOn: '2025-02-14' }],
    ['plan/approve', { approvedOn: '2025-03-31' }, manager()],
    // The first quarter's visit falls in the next fiscal year; then two more in it.
    [
      'follow-ups',
      { visitedOn: '2025-06-20', method: 'visit', actuals: { 'monthly-sales': 10_100 } },
    ],
    [
      'follow-ups',
      { visitedOn: '2025-09-22', method: 'visit', actuals: { 'monthly-sales': 10_200 } },
    ],
    [
      'follow-ups',
      { visitedOn: '2025-12-22', method: 'desk', actuals: { 'monthly-sales': 10_300 } },
    ],
  ];
  for (const [step, body, headers] of steps) {
    const res = await stack.http('POST', `${path}/${step}`, body, headers);
    if (res.status !== 200) throw new Error(`${step}: ${JSON.stringify(res.body)}`);
  }
  return opened.body.caseId;
}

beforeAll(async () => {
  await enterMarchPlan();
  // Three cases in follow-up from today: quarterly, monthly (a founder), and half-yearly.
  const quarterly = await openCase(stack, 'standard', 'reports-quarterly');
  await toFollowUp(stack, quarterly);
  const monthly = await openCase(stack, 'founder', 'reports-monthly');
  await toFollowUp(stack, monthly);
  const halfYearly = await openCase(stack, 'succession', 'reports-half-yearly');
  await stack.http('POST', `${casePath(halfYearly)}/analysis`, ANALYSIS);
  await stack.http(
    'POST',
    `${casePath(halfYearly)}/plan/draft`,
    planData(today(), 36, 'succession'),
  );
  await stack.http('POST', `${casePath(halfYearly)}/plan/approve`, {}, manager());
  const cadence = await stack.http('POST', `${casePath(halfYearly)}/cadence`, {
    months: 6,
    reason: '承継準備が順調なため半期ごと',
  });
  expect(cadence.status).toBe(200);
});

describe('the fiscal-year report', () => {
  it('counts by the dates things happened: a plan approved in March is followed up in both years, its visits in the second', async () => {
    const fy2024 = await stack.http('GET', `${REPORTS}/2024`, undefined, manager());
    expect(fy2024.status).toBe(200);
    expect(fy2024.body).toMatchObject({
      fiscalYear: 2024,
      label: '2024年度（令和6年度）',
      from: '2024-04-01',
      to: '2025-03-31',
    });
    const a = fy2024.body.rows as Row[];
    expect(row(a, 'analyses').actual).toBe(1);
    expect(row(a, 'plansDrafted').actual).toBe(1);
    expect(row(a, 'plansDrafted', 'standard').actual).toBe(1);
    expect(row(a, 'plansDrafted', 'founder').actual).toBe(0);
    expect(row(a, 'followedUpBusinesses').actual).toBe(1);
    expect(row(a, 'followUpVisits').actual).toBe(0);

    const b = (await stack.http('GET', `${REPORTS}/2025`, undefined, manager())).body.rows as Row[];
    expect(row(b, 'analyses').actual).toBe(0);
    expect(row(b, 'plansDrafted').actual).toBe(0);
    expect(row(b, 'followedUpBusinesses').actual).toBe(1);
    expect(row(b, 'followUpVisits').actual).toBe(3);
    expect(row(b, 'followUpVisits', 'standard').actual).toBe(3);
    // Every row has its all-kinds line and one per kind, in the plans' order.
    expect(b.map((r) => `${r.key}/${r.kind ?? 'all'}`).slice(0, 4)).toEqual([
      'analyses/all',
      'analyses/standard',
      'analyses/founder',
      'analyses/succession',
    ]);
    expect(b).toHaveLength(24);
  });

  it('shows the targets entered for the year, with the ratio; a PUT sent twice ends the same', async () => {
    const targets = {
      targets: [
        { key: 'followUpVisits', kind: null, target: 4 },
        { key: 'plansDrafted', kind: 'founder', target: 2 },
      ],
    };
    for (let i = 0; i < 2; i++) {
      const put = await stack.http('PUT', `${REPORTS}/2025/targets`, targets, manager());
      expect(put.status).toBe(200);
      expect(put.body.targets).toHaveLength(2);
    }
    const rows = (await stack.http('GET', `${REPORTS}/2025`, undefined, manager())).body
      .rows as Row[];
    expect(row(rows, 'followUpVisits')).toMatchObject({ actual: 3, target: 4, ratio: 0.75 });
    expect(row(rows, 'plansDrafted', 'founder')).toMatchObject({ actual: 0, target: 2, ratio: 0 });
    expect(row(rows, 'analyses')).toMatchObject({ target: null, ratio: null });
    const twice = await stack.http(
      'PUT',
      `${REPORTS}/2025/targets`,
      { targets: [targets.targets[0], targets.targets[0]] },
      manager(),
    );
    expect([twice.status, twice.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('exports as CSV that Excel opens as it is: UTF-8 with a BOM, CRLF', async () => {
    const res = await fetch(`${stack.baseUrl}${REPORTS}/2025?format=csv`, { headers: manager() });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF年度,項目,実績,目標,達成率,key,kind\r\n')).toBe(true);
    expect(text).toContain(
      '2025年度（令和7年度）,フォローアップ延べ回数,3,4,75.0%,followUpVisits,all\r\n',
    );
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(25);
  });

  it('is the same whenever it is computed: a function of the log', async () => {
    const first = await stack.http('GET', `${REPORTS}/2025`, undefined, manager());
    const again = await stack.http('GET', `${REPORTS}/2025`, undefined, manager());
    expect(again.body).toEqual(first.body);
  });
});

describe('the forecast', () => {
  it("of next fiscal year: each open case's own cadence (quarterly, monthly 12, half-yearly 2)", async () => {
    const next = Number(today().slice(0, 4)) + (today().slice(5) >= '04-01' ? 1 : 0);
    const res = await stack.http('GET', `${REPORTS}/${next}/forecast`, undefined, manager());
    expect(res.status).toBe(200);
    const rows = res.body.rows as Row[];
    expect(row(rows, 'followUpVisits', 'founder').forecast).toBe(12);
    expect(row(rows, 'followUpVisits', 'succession').forecast).toBe(2);
    // Today's quarterly case: 25 May, Aug, Nov, Feb. The March plan's case counts its quarters
    // from the plan's start, 1 April 2025: due 1 April, 1 July, 1 October, 4 January (1 January
    // moved past 年末年始) and the plan's last day, 31 March 2028.
    expect(row(rows, 'followUpVisits', 'standard').forecast).toBe(4 + 5);
    expect(row(rows, 'followUpVisits').forecast).toBe(23);
    expect(row(rows, 'followedUpBusinesses').forecast).toBe(4);
    const csv = await fetch(`${stack.baseUrl}${REPORTS}/${next}/forecast?format=csv`, {
      headers: manager(),
    });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFF年度,項目,見込み,key,kind\r\n')).toBe(true);
  });

  it('of a year that has ended is refused: its figures are the report', async () => {
    const res = await stack.http('GET', `${REPORTS}/2024/forecast`, undefined, manager());
    expect([res.status, res.body.error.code]).toEqual([400, 'FISCAL_YEAR_ENDED']);
  });
});

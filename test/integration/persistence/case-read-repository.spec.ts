import { caseCursorProblem, type CaseListFilter } from '@banso/persistence';
import { ANALYSIS } from '@banso/testing/fixtures';
import {
  type CaseHistory,
  jst,
  openedCase,
  type OpenOptions,
  toFollowUp,
} from '@banso/testing/persistence/case-history';
import { appendBatches, useTestDatabase } from './test-database';

const A = 'org-a';
const B = 'org-b';

const open = (caseId: string, firmName: string, openedOn: string, o: OpenOptions = {}) =>
  openedCase(caseId, { organisationId: A, firmName, openedAt: jst(openedOn), ...o });

/** Eight cases across stages, kinds, officers and two fiscal years; one in another organisation. */
function seed(): CaseHistory[] {
  const analysisMarch = open('a-1', 'Daikoku Foods', '2026-03-31');
  const analysisApril = open('a-2', 'Asahi Bakery', '2026-04-01', {
    kind: 'founder',
    officerId: 'officer-ito',
  });
  const planning = open('a-3', 'Daikoku Foods', '2026-04-02', { kind: 'succession' });
  planning.run('recordAnalysis', ANALYSIS, jst('2026-04-03'));
  const onTrack = toFollowUp(open('a-4', 'Chiyoda Tools', '2026-04-03'), '2026-04-03');
  const drifting = toFollowUp(
    // This case's organisation has drift bring in an expert at once.
    open('a-5', 'Edo Crafts', '2026-04-04', {
      officerId: 'officer-ito',
      policy: { driftResponse: 'dispatch' },
    }),
    '2026-04-10',
  );
  drifting.run(
    'recordFollowUp',
    { visitedOn: '2026-07-08', method: 'visit', actuals: { 'monthly-sales': 8_000 } },
    jst('2026-07-08'),
  );
  const overdue = toFollowUp(open('a-6', 'Fuji Metal', '2026-04-05'), '2026-04-20');
  overdue.run('advanceClock', {}, jst('2026-08-31'));
  const closed = open('a-7', 'Ginza Sweets', '2026-04-06');
  closed.run('closeCase', { reason: 'withdrawn' }, jst('2026-04-07'));
  const elsewhere = toFollowUp(
    openedCase('b-1', { organisationId: B, openedAt: jst('2026-04-07') }),
    '2026-04-08',
  );
  return [analysisMarch, analysisApril, planning, onTrack, drifting, overdue, closed, elsewhere];
}

describe('CaseReadRepository', () => {
  const db = useTestDatabase();
  const histories = seed();

  beforeAll(async () => {
    for (const h of histories) await appendBatches(db.events, h.batches);
  });

  const ids = async (filter: Omit<CaseListFilter, 'organisationId'>, organisationId = A) =>
    (await db.cases.listCases({ organisationId, ...filter })).items.map((c) => c.caseId);

  it("lists only the organisation's cases, newest opened first by default", async () => {
    const page = await db.cases.listCases({ organisationId: A });
    expect(page).toMatchObject({ total: 7, page: 1, pageSize: 20 });
    expect(page.items.map((c) => c.caseId)).toEqual([
      'a-7',
      'a-6',
      'a-5',
      'a-4',
      'a-3',
      'a-2',
      'a-1',
    ]);
    expect(await ids({}, B)).toEqual(['b-1']);
  });

  it.each<[string, Omit<CaseListFilter, 'organisationId'>, string[]]>([
    ['stage', { stage: 'analysis' }, ['a-2', 'a-1']],
    ['stage follow-up', { stage: 'followUp' }, ['a-6', 'a-5', 'a-4']],
    ['kind', { kind: 'founder' }, ['a-2']],
    ['officer', { officerId: 'officer-ito' }, ['a-5', 'a-2']],
    ['overdue', { overdue: true }, ['a-6']],
    ['not overdue', { overdue: false }, ['a-7', 'a-5', 'a-4', 'a-3', 'a-2', 'a-1']],
    // The analysis opened on 31 March was due on 30 April; the one opened a day later on 1 May.
    [
      'overdue on 1 May, an analysis past its deadline',
      { overdue: true, today: '2026-05-01' },
      ['a-6', 'a-1'],
    ],
    [
      'overdue in September, the plan past its deadline too',
      { overdue: true, today: '2026-09-01' },
      ['a-6', 'a-3', 'a-2', 'a-1'],
    ],
    ['not overdue in September', { overdue: false, today: '2026-09-01' }, ['a-7', 'a-5', 'a-4']],
    ['drifting', { drifting: true }, ['a-5']],
    ['open dispatch', { openDispatch: true }, ['a-5']],
    ['no open dispatch', { openDispatch: false }, ['a-7', 'a-6', 'a-4', 'a-3', 'a-2', 'a-1']],
    ['fiscal year 2025 (opened 31 March)', { fiscalYear: 2025 }, ['a-1']],
    ['fiscal year 2026', { fiscalYear: 2026 }, ['a-7', 'a-6', 'a-5', 'a-4', 'a-3', 'a-2']],
    [
      'stage and officer together',
      { stage: 'followUp', officerId: 'officer-sato' },
      ['a-6', 'a-4'],
    ],
  ])('filters by %s', async (_name, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });

  it('sorts by the next follow-up due date, cases without one last in both directions, ties by case id the same way', async () => {
    const due = Object.fromEntries(
      (await db.cases.listCases({ organisationId: A })).items.map((c) => [
        c.caseId,
        c.nextFollowUpDue,
      ]),
    );
    expect(due).toMatchObject({ 'a-1': null, 'a-2': null, 'a-3': null, 'a-7': null });
    const dated = ['a-4', 'a-5', 'a-6'].sort((x, y) =>
      String(due[x]).localeCompare(String(due[y])),
    );
    const undated = ['a-1', 'a-2', 'a-3', 'a-7'];
    expect(await ids({ sort: 'nextFollowUpDue', order: 'asc' })).toEqual([...dated, ...undated]);
    expect(await ids({ sort: 'nextFollowUpDue', order: 'desc' })).toEqual([
      ...dated.reverse(),
      ...undated.reverse(),
    ]);
  });

  it('sorts by firm name, breaking ties on the case id in the same direction', async () => {
    expect(await ids({ sort: 'firmName', order: 'asc' })).toEqual([
      'a-2',
      'a-4',
      'a-1',
      'a-3',
      'a-5',
      'a-6',
      'a-7',
    ]);
    expect(await ids({ sort: 'firmName', order: 'desc' })).toEqual([
      'a-7',
      'a-6',
      'a-5',
      'a-3',
      'a-1',
      'a-4',
      'a-2',
    ]);
  });

  it('sorts by last activity and by opening, either way', async () => {
    expect(await ids({ sort: 'updatedAt', order: 'desc' })).toEqual([
      'a-6',
      'a-5',
      'a-7',
      'a-4',
      'a-3',
      'a-2',
      'a-1',
    ]);
    expect(await ids({ sort: 'openedAt', order: 'asc' })).toEqual([
      'a-1',
      'a-2',
      'a-3',
      'a-4',
      'a-5',
      'a-6',
      'a-7',
    ]);
  });

  it('pages without overlap or gaps, and bounds the page size', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((page) =>
        db.cases.listCases({
          organisationId: A,
          sort: 'firmName',
          order: 'asc',
          page,
          pageSize: 3,
        }),
      ),
    );
    expect(pages.map((p) => p.items.map((c) => c.caseId))).toEqual([
      ['a-2', 'a-4', 'a-1'],
      ['a-3', 'a-5', 'a-6'],
      ['a-7'],
    ]);
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
    const beyond = await db.cases.listCases({ organisationId: A, page: 9, pageSize: 3 });
    expect(beyond).toMatchObject({ items: [], total: 7, page: 9, pageSize: 3 });
    expect(await db.cases.listCases({ organisationId: A, pageSize: 1_000 })).toMatchObject({
      pageSize: 100,
    });
  });

  it.each<[CaseListFilter['sort'], CaseListFilter['order'], Partial<CaseListFilter>]>([
    ['openedAt', 'desc', {}],
    ['openedAt', 'asc', {}],
    ['updatedAt', 'desc', {}],
    ['updatedAt', 'asc', {}],
    ['firmName', 'asc', {}],
    ['firmName', 'desc', {}],
    ['nextFollowUpDue', 'asc', {}],
    ['nextFollowUpDue', 'desc', {}],
    ['nextFollowUpDue', 'asc', { stage: 'followUp' }],
    ['openedAt', 'desc', { overdue: false }],
  ])(
    'reads page after page by cursor, sorted by %s %s, as the whole list runs',
    async (sort, order, filter) => {
      const list = { organisationId: A, sort, order, ...filter };
      const whole = await db.cases.listCases({ ...list, pageSize: 100 });
      const seen: string[] = [];
      const pages: number[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await db.cases.listCases({ ...list, pageSize: 2, cursor });
        expect(page.total).toBe(whole.total);
        seen.push(...page.items.map((c) => c.caseId));
        pages.push(page.page);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(whole.items.map((c) => c.caseId));
      expect(pages).toEqual(pages.map((_, i) => i + 1));
      expect(whole.nextCursor).toBeNull();
    },
  );

  it('reads a cursor only against the list it came from', async () => {
    const first = await db.cases.listCases({ organisationId: A, stage: 'followUp', pageSize: 1 });
    const cursor = first.nextCursor as string;
    expect(caseCursorProblem({ organisationId: A, stage: 'followUp' }, cursor)).toBeUndefined();
    // Another filter, another order, another organisation: another list.
    for (const other of [
      { organisationId: A },
      { organisationId: A, stage: 'followUp' as const, order: 'asc' as const },
      { organisationId: B, stage: 'followUp' as const },
    ]) {
      expect(caseCursorProblem(other, cursor)).toMatch(/another list/);
      await expect(db.cases.listCases({ ...other, cursor })).rejects.toMatchObject({
        code: 'INVALID_CURSOR',
      });
    }
    expect(caseCursorProblem({ organisationId: A }, 'not-a-cursor')).toMatch(/not a cursor/);
  });

  it('returns plain JSON summaries: dates as dates, instants as ISO strings', async () => {
    const summary = await db.cases.getSummary(A, 'a-1');
    expect(summary).toMatchObject({
      openedOn: '2026-03-31',
      openedAt: '2026-03-31T01:00:00.000Z',
      fiscalYear: 2025,
    });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });

  it('keeps summaries and histories within their organisation', async () => {
    expect(await db.cases.getSummary(B, 'a-1')).toBeNull();
    expect(await db.cases.eventsOf(B, 'a-1')).toEqual([]);
    expect(await db.cases.eventsOf(A, 'a-5')).toHaveLength(histories[4]!.events.length);
  });

  it('counts events, of one case or of all', async () => {
    expect(await db.cases.countEvents('a-7')).toBe(2);
    expect(await db.cases.countEvents()).toBe(histories.reduce((n, h) => n + h.events.length, 0));
  });
});

import { addDays } from '@banso/domain';
import { casePath, openCase, ORG, today, toFollowUp } from './support/case-api';
import { useE2eStack } from './support/stack';

const stack = useE2eStack();

interface WorkList {
  key: string;
  count: number;
  query: Record<string, string>;
}

async function workLists(as: string) {
  const res = await stack.http('GET', `/organisations/${ORG}/work-lists`, undefined, stack.as(as));
  expect(res.status).toBe(200);
  return res.body as {
    today: string;
    lists: WorkList[];
    perOfficer: Array<{
      officerId: string;
      name: string | null;
      open: number;
      counts: Record<string, number>;
    }>;
  };
}

/** Every case a list's query opens, page by page. */
async function listed(as: string, query: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const q = new URLSearchParams({ ...query, page: String(page), pageSize: '100' });
    const res = await stack.http(
      'GET',
      `/organisations/${ORG}/cases?${q.toString()}`,
      undefined,
      stack.as(as),
    );
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((c: { caseId: string }) => c.caseId));
    if (ids.length >= res.body.total) return ids;
  }
}

beforeAll(async () => {
  // An analysis past its deadline: opened two months ago, nothing since.
  const late = await stack.http(
    'POST',
    `/organisations/${ORG}/cases`,
    {
      firm: { name: '株式会社遅延' },
      kind: 'standard',
      officerId: 'officer-sato',
      openedOn: addDays(today(), -60),
    },
    { 'idempotency-key': 'work-lists-late' },
  );
  expect(late.status).toBe(201);
  // A drifting case whose drift proposed a dispatch; another with a dispatch open.
  const drifting = await openCase(stack, 'standard', 'work-lists-drifting');
  await toFollowUp(stack, drifting);
  const visit = { method: 'visit', actuals: { 'monthly-sales': 5_000 } };
  expect((await stack.http('POST', `${casePath(drifting)}/follow-ups`, visit)).status).toBe(200);
  const dispatched = await openCase(stack, 'founder', 'work-lists-dispatched');
  await stack.http('POST', `${casePath(dispatched)}/dispatch`, {
    programme: 'yorozuSupportCentre',
    reason: '創業資金の相談',
  });
  // Officer Ito's case, to tell officers apart.
  const moved = await openCase(stack, 'succession', 'work-lists-ito');
  await stack.http(
    'POST',
    `${casePath(moved)}/reassign`,
    { officerId: 'officer-ito' },
    stack.as('manager-suzuki'),
  );
});

describe('work lists', () => {
  it("count exactly the cases each list's query opens, for a manager and for an officer", async () => {
    for (const as of ['manager-suzuki', 'officer-sato', 'officer-ito']) {
      const { lists } = await workLists(as);
      expect(lists.map((l) => l.key)).toEqual([
        'followUpsOverdue',
        'followUpsDueThisMonth',
        'drifting',
        'dispatchesProposed',
        'dispatchesOpen',
        'analysesOverdue',
        'plansOverdue',
        'needsAttention',
      ]);
      for (const list of lists) {
        expect({ as, key: list.key, count: (await listed(as, list.query)).length }).toEqual({
          as,
          key: list.key,
          count: list.count,
        });
      }
    }
  });

  it('show the drifting case, its proposal, the open dispatch and the late analysis', async () => {
    const counts = Object.fromEntries(
      (await workLists('manager-suzuki')).lists.map((l) => [l.key, l.count]),
    );
    expect(counts).toMatchObject({
      drifting: 1,
      dispatchesProposed: 1,
      dispatchesOpen: 1,
      analysesOverdue: 1,
      needsAttention: 0,
    });
  });

  it("give each officer's load, named from the users; an officer sees only their own", async () => {
    const { perOfficer } = await workLists('manager-suzuki');
    expect(perOfficer.map((o) => o.officerId)).toEqual(['officer-ito', 'officer-sato']);
    expect(perOfficer[0]).toMatchObject({ name: '伊藤 二郎', open: 1 });
    expect(perOfficer[1]).toMatchObject({ name: '佐藤 一郎', open: 3, counts: { drifting: 1 } });
    const own = await workLists('officer-ito');
    expect(own.perOfficer.map((o) => o.officerId)).toEqual(['officer-ito']);
    expect(own.lists.find((l) => l.key === 'drifting')?.count).toBe(0);
  });
});

import { addDays, addMonths, fiscalYearContaining, localDate, toInstant } from '@banso/domain';
import { createDataSource, OrganisationRepository } from '@banso/persistence';
import type { DataSource } from 'typeorm';
import {
  type FigureRow,
  formatLatency,
  type LatencySummary,
  type Progress,
  type SuiteResult,
  summarise,
} from '../figures';
import type { BenchOrganisation, BenchStack } from '../stack/bench-stack';
import { seedReadCases } from './reads-seed';

const ORGANISATION = 'bench-reads';
/** Officers beside the stack's own: a chamber's cases spread over a team. */
const MORE_OFFICERS = 17;
const WARM_UP = 5;
/** A read slower than this is sampled fewer times (at least MIN_SAMPLES): its p99 is far off anyway. */
const ROW_BUDGET_MS = 45_000;
const MIN_SAMPLES = 3;
const TARGET_MS = 100;

/** One read, as a person sends it: who, and the path under the organisation. */
interface Read {
  name: string;
  as: 'manager' | 'officer';
  /** A path under /organisations/{id}/, or a function of the sample's index. */
  path: string | ((i: number) => string);
}

/**
 * The reads with `cases` cases in the organisation's read models (issue 12): the case list with
 * each filter, sort and the next page by cursor, one case, its events, the work lists, the inbox,
 * the fiscal-year report and the forecast, each `samples` times in a row over HTTP after a warm-up;
 * target p99 under 100 ms each. The cases are written straight into the log and its projections
 * (reads-seed.ts) once per database: a second run finds them and measures at once.
 */
export async function measureReads(
  stack: BenchStack,
  options: { cases: number; samples?: number; progress: Progress },
): Promise<SuiteResult> {
  const { cases, progress } = options;
  const samples = options.samples ?? 200;
  const org = await stack.createOrganisation(ORGANISATION);
  const officers = [...org.officers, ...(await moreOfficers(stack, org))];
  const ds = await createDataSource(stack.databaseUrl, { poolSize: 2 }).initialize();
  let seeding: Record<string, unknown>;
  let targets: Targets;
  try {
    seeding = await seed(ds, org, officers, cases, progress);
    targets = await targetsOf(ds, org.id);
  } finally {
    await ds.destroy();
  }
  const live = await openLiveCase(stack, org);
  const reads = readsOf(targets, live, org);
  progress(`reads: ${reads.length} reads, ${samples} samples each …`);

  const rows: FigureRow[] = [];
  const raw: Record<string, LatencySummary> = {};
  for (const read of reads) {
    const summary = await measure(stack, org, read, samples, progress);
    raw[read.name] = summary;
    progress(`reads: ${read.name}: ${formatLatency(summary, false)} (${summary.count} samples)`);
    rows.push({
      section: 'reads',
      name: `${read.name} (${cases.toLocaleString('en')} cases)`,
      value: formatLatency(summary, false),
      check: {
        target: `p99 < ${TARGET_MS} ms`,
        met: summary.errors === 0 && summary.p99 < TARGET_MS,
      },
    });
  }
  return { rows, raw: { cases, samples, seeding, targets, latencies: raw } };
}

async function moreOfficers(stack: BenchStack, org: BenchOrganisation): Promise<string[]> {
  const ids = Array.from(
    { length: MORE_OFFICERS },
    (_, i) => `officer-reads-${String(i + 4).padStart(2, '0')}`,
  );
  for (const [i, id] of ids.entries()) {
    const res = await fetch(`${stack.apiUrl}/organisations/${org.id}/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id, name: `経営指導員 ${i + 4}`, role: 'officer' }),
    });
    if (![200, 201, 409].includes(res.status)) {
      throw new Error(`creating ${id}: ${res.status} ${await res.text()}`);
    }
  }
  return ids;
}

async function seed(
  ds: DataSource,
  org: BenchOrganisation,
  officers: string[],
  cases: number,
  progress: Progress,
): Promise<Record<string, unknown>> {
  const [{ n }] = await ds.query<[{ n: number }]>(
    'SELECT count(*)::integer AS n FROM case_summaries WHERE organisation_id = $1',
    [org.id],
  );
  if (n >= cases) {
    progress(`reads: ${n} cases already in ${org.id}; not seeding`);
    return { seeded: 0, found: n };
  }
  const organisation = await new OrganisationRepository(ds).get(org.id);
  if (!organisation) throw new Error(`no organisation ${org.id}`);
  const today = localDate(toInstant(Date.now()), organisation.policy.timeZone);
  progress(`reads: seeding ${cases - n} cases into ${org.id} …`);
  const started = performance.now();
  const written = await seedReadCases(
    ds,
    {
      organisationId: org.id,
      officers,
      managerId: org.managers[0] ?? 'manager',
      policy: organisation.policy,
      today,
      cases,
      progress,
    },
    n,
  );
  // What autovacuum would do soon after such a load: the planner's statistics and visibility map,
  // of every table the load wrote (the log's and every read model's, later ones included).
  await ds.query(`VACUUM (ANALYZE)`);
  const ms = Math.round(performance.now() - started);
  progress(`reads: seeded ${written.cases} cases, ${written.events} events in ${ms} ms`);
  return { seeded: written.cases, events: written.events, ms };
}

/** What the reads point at: cases of each kind of history, an officer, today's month. */
interface Targets {
  today: string;
  fiscalYear: number;
  closedCases: string[];
  longCases: string[];
}

async function targetsOf(ds: DataSource, organisationId: string): Promise<Targets> {
  const ids = async (sql: string) =>
    (await ds.query<Array<{ case_id: string }>>(sql, [organisationId])).map((r) => r.case_id);
  const closedCases = await ids(
    `SELECT case_id FROM case_summaries WHERE organisation_id = $1 AND stage = 'closed'
     ORDER BY case_id LIMIT 50`,
  );
  const longCases = await ids(
    `SELECT case_id FROM case_summaries WHERE organisation_id = $1 ORDER BY version DESC, case_id
     LIMIT 50`,
  );
  const today = localDate(toInstant(Date.now()), 'Asia/Tokyo');
  return { today, fiscalYear: fiscalYearContaining(today), closedCases, longCases };
}

/** A case opened through the API, so its live state comes from its workflow. */
async function openLiveCase(stack: BenchStack, org: BenchOrganisation): Promise<string> {
  const manager = org.managers[0] ?? '';
  const res = await fetch(`${stack.apiUrl}/organisations/${org.id}/cases`, {
    method: 'POST',
    headers: {
      ...org.as(manager),
      'content-type': 'application/json',
      'idempotency-key': 'bench-reads-live-case',
    },
    body: JSON.stringify({
      firm: { name: '株式会社ライブ計測' },
      kind: 'standard',
      officerId: org.officers[0],
    }),
  });
  const body = (await res.json()) as { caseId?: string };
  if (res.status >= 300 || !body.caseId) {
    throw new Error(`opening the live case: ${res.status} ${JSON.stringify(body)}`);
  }
  return body.caseId;
}

function readsOf(t: Targets, liveCase: string, org: BenchOrganisation): Read[] {
  const monthStart = `${t.today.slice(0, 8)}01`;
  const monthEnd = addDays(addMonths(monthStart, 1), -1);
  const officer = org.officers[0] ?? '';
  const list = (name: string, query: string, as: Read['as'] = 'manager'): Read => ({
    name: `case list${name ? `, ${name}` : ''}`,
    as,
    path: `cases${query ? `?${query}` : ''}`,
  });
  const pick =
    (ids: string[], suffix = '') =>
    (i: number) =>
      `cases/${ids[i % ids.length] ?? ''}${suffix}`;
  return [
    list('', ''),
    ...['analysis', 'planning', 'followUp', 'closed'].map((s) => list(`stage=${s}`, `stage=${s}`)),
    ...['standard', 'founder', 'succession'].map((k) => list(`kind=${k}`, `kind=${k}`)),
    list('officerId', `officerId=${officer}`),
    list('overdue', 'overdue=true'),
    list('not overdue', 'overdue=false'),
    list('drifting', 'drifting=true'),
    list('openDispatch', 'openDispatch=true'),
    list('dispatchProposed', 'dispatchProposed=true'),
    list('needsAttention', 'needsAttention=true'),
    list('fiscalYear', `fiscalYear=${t.fiscalYear}`),
    list('due this month', `stage=followUp&dueFrom=${monthStart}&dueTo=${monthEnd}`),
    list('by due date', 'stage=followUp&sort=nextFollowUpDue&order=asc'),
    list('by due date, desc', 'sort=nextFollowUpDue&order=desc'),
    list('by firm name', 'sort=firmName&order=asc'),
    list('by last change', 'sort=updatedAt'),
    list('oldest first', 'sort=openedAt&order=asc'),
    list('100 a page', 'pageSize=100'),
    list('page 2,000 (offset)', 'page=2000'),
    { name: 'case list, next page by cursor', as: 'manager', path: 'cases#cursor' },
    {
      name: 'case list by due date, next page by cursor',
      as: 'manager',
      path: 'cases?stage=followUp&sort=nextFollowUpDue&order=asc#cursor',
    },
    list('as an officer', '', 'officer'),
    list('as an officer, overdue', 'overdue=true', 'officer'),
    { name: 'one case (closed: folded from the log)', as: 'manager', path: pick(t.closedCases) },
    { name: 'one case (open: live from its workflow)', as: 'manager', path: `cases/${liveCase}` },
    { name: "a case's events", as: 'manager', path: pick(t.longCases, '/events') },
    { name: 'work lists', as: 'manager', path: 'work-lists' },
    { name: 'work lists as an officer', as: 'officer', path: 'work-lists' },
    { name: "managers' notifications", as: 'manager', path: 'notifications' },
    { name: "an officer's notifications", as: 'officer', path: 'notifications' },
    { name: "an officer's unread notifications", as: 'officer', path: 'notifications?unread=true' },
    {
      name: `fiscal-year report ${t.fiscalYear}`,
      as: 'manager',
      path: `reports/fiscal-years/${t.fiscalYear}`,
    },
    {
      name: `fiscal-year report ${t.fiscalYear - 1}`,
      as: 'manager',
      path: `reports/fiscal-years/${t.fiscalYear - 1}`,
    },
    {
      name: `forecast ${t.fiscalYear}`,
      as: 'manager',
      path: `reports/fiscal-years/${t.fiscalYear}/forecast`,
    },
  ];
}

/**
 * `samples` requests in a row after a warm-up, within ROW_BUDGET_MS. A `#cursor` path asks for
 * the first page and then measures the next page by its cursor, with each sample's own first page.
 */
async function measure(
  stack: BenchStack,
  org: BenchOrganisation,
  read: Read,
  samples: number,
  progress: Progress,
): Promise<LatencySummary> {
  const user = read.as === 'manager' ? org.managers[0] : org.officers[0];
  const headers = org.as(user ?? '');
  const base = `${stack.apiUrl}/organisations/${org.id}/`;
  const get = async (path: string) => {
    const res = await fetch(base + path, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text;
  };
  const pathOf = (i: number) => (typeof read.path === 'string' ? read.path : read.path(i));
  const cursorOf = async (path: string) => {
    const first = JSON.parse(await get(path)) as { nextCursor?: string | null };
    if (!first.nextCursor) throw new Error(`GET ${path}: no nextCursor to follow`);
    const joiner = path.includes('?') ? '&' : '?';
    return `${path}${joiner}cursor=${encodeURIComponent(first.nextCursor)}`;
  };
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const once = async (i: number, measured: boolean) => {
    let path = pathOf(i);
    try {
      if (path.endsWith('#cursor')) path = await cursorOf(path.slice(0, -'#cursor'.length));
      const t0 = performance.now();
      await get(path);
      if (measured) latencies.push(performance.now() - t0);
    } catch (err) {
      if (measured) errors++;
      firstError ??= err instanceof Error ? err.message : String(err);
    }
  };
  const started = performance.now();
  // The warm-up stops early for a read of seconds: its p99 is far off the target anyway.
  for (let i = 0; i < WARM_UP && performance.now() - started < ROW_BUDGET_MS / 10; i++) {
    await once(i, false);
  }
  const sampling = performance.now();
  for (let i = 0; i < samples; i++) {
    if (i >= MIN_SAMPLES && performance.now() - sampling > ROW_BUDGET_MS) break;
    await once(WARM_UP + i, true);
  }
  if (firstError) progress(`reads: ${read.name}: ${firstError.slice(0, 300)}`);
  return summarise(latencies, errors, performance.now() - sampling);
}

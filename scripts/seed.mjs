#!/usr/bin/env node
// `npm run seed`: fills a running Banso (BANSO_API_URL, default http://127.0.0.1:3000) over its
// HTTP API with 金沢商工会議所 and a dozen cases at every stage (scripts/seed/kanazawa.mjs).
//
// It signs in as the platform administrator (BANSO_ADMIN_API_KEY, or the key `npm start` keeps in
// .banso/admin-api-key) to create the organisation and its people, issues each person a key for
// this run, works the cases as them, and revokes the keys at the end.
//
// Safe to run again: the organisation and the people are answered as created, cases open with a
// fixed Idempotency-Key, each step is skipped when the case's live state shows it done, and each
// step carries its own key, so a retry is answered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASES, MANAGER, ORGANISATION, PEOPLE } from './seed/kanazawa.mjs';

const API = (process.env.BANSO_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const ORG = ORGANISATION.id;
const MAN_YEN = 10_000;

const todayIn = (timeZone) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const TODAY = todayIn('Asia/Tokyo');
/** Plans start on the first of this month: a date in the past, as the engine requires. */
const PLAN_START = `${TODAY.slice(0, 8)}01`;

/** The platform administrator's key: from the environment, or where `npm start` keeps it. */
function adminKey() {
  if (process.env.BANSO_ADMIN_API_KEY) return process.env.BANSO_ADMIN_API_KEY;
  const file = join(import.meta.dirname, '..', '.banso', 'admin-api-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(
      `no platform administrator key: set BANSO_ADMIN_API_KEY to the key the API runs with (or run \`npm start\`, which keeps one in ${file})`,
    );
  }
}

/** Each person's key for this run, by user id; `platform` is the platform administrator's. */
const KEYS = new Map();

class ApiFailure extends Error {
  constructor(status, error) {
    super(`${status} ${error?.code ?? ''}: ${error?.message ?? 'no message'}`);
    this.status = status;
    this.code = error?.code;
    this.error = error;
  }
}

/** One HTTP call; retries while the API or Temporal is still warming up (503, refused). */
async function call(method, path, { body, as, idempotencyKey } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const key = KEYS.get(as);
  if (!key) throw new Error(`no key for ${as}`);
  headers.authorization = `Bearer ${key}`;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  for (let attempt = 1; ; attempt++) {
    let res;
    try {
      res = await fetch(`${API}${path}`, { method, headers, body: JSON.stringify(body) });
    } catch (err) {
      if (attempt < 5) {
        await new Promise((r) => setTimeout(r, 1_000));
        continue;
      }
      throw new Error(
        `cannot reach ${API} (${err.cause?.code ?? err.message}); is \`npm start\` running?`,
      );
    }
    const json = await res.json().catch(() => ({}));
    if (res.ok) return json;
    if (res.status === 503 && attempt < 5) {
      await new Promise((r) => setTimeout(r, 2_000));
      continue;
    }
    throw new ApiFailure(res.status, json.error);
  }
}

/** A year's statements from 万円 figures; the balance-sheet details follow from sales. */
function financials(fin, employees) {
  const yen = (man) => Math.round(man * MAN_YEN);
  const monthDay = fin.yearEnd ?? '03-31';
  let year = Number(TODAY.slice(0, 4));
  if (`${year}-${monthDay}` >= TODAY) year -= 1;
  const current = {
    fiscalYearEnd: `${year}-${monthDay}`,
    sales: yen(fin.sales),
    operatingProfit: yen(fin.op),
    depreciation: yen(fin.sales * 0.02),
    interestBearingDebt: yen(fin.debt),
    cashAndDeposits: yen(fin.cash),
    receivables: yen(fin.sales / 12),
    inventory: yen(fin.sales * 0.05),
    payables: yen(fin.sales / 15),
    totalAssets: yen(fin.assets),
    netAssets: yen(fin.net),
    employees,
  };
  if (!fin.prev) return { current };
  const [sales, op] = fin.prev;
  return {
    current,
    previous: {
      fiscalYearEnd: `${year - 1}-${monthDay}`,
      sales: yen(sales),
      operatingProfit: yen(op),
    },
  };
}

function analysisOf(c) {
  const [strength, weakness, opportunity, threat] = c.swot;
  return {
    financials: financials(c.fin, c.firm.employees),
    findings: {
      strengths: [strength],
      weaknesses: [weakness],
      opportunities: [opportunity],
      threats: [threat],
    },
    keyIssues: c.keyIssues,
  };
}

const planOf = (c) => ({ plan: { ...c.plan, startDate: PLAN_START, months: 36 } });

/** Actuals a little ahead of plan (a tenth of the three-year gain), except the drifting ones. */
function followUpOf(c) {
  const round = (n) => Math.round(n * 10) / 10;
  const actuals = Object.fromEntries(
    c.plan.kpis.map((k) => {
      const end = k.targets.at(-1).value;
      return [k.id, c.followUp.drifting?.[k.id] ?? round(k.baseline + (end - k.baseline) * 0.1)];
    }),
  );
  return { visitedOn: TODAY, method: c.followUp.method, actuals, notes: c.followUp.notes };
}

const STAGE_ORDER = ['analysis', 'planning', 'followUp', 'closed'];
const reached = (c, stage) => STAGE_ORDER.indexOf(c.stage) >= STAGE_ORDER.indexOf(stage);
const after = (s, stage) => STAGE_ORDER.indexOf(s.status) > STAGE_ORDER.indexOf(stage);

/** The steps that take a case to its seeded stage, each with how to tell it is already done. */
function stepsFor(c) {
  const officer = c.officerId;
  const manager = MANAGER;
  const steps = [];
  if (reached(c, 'planning')) {
    steps.push(['analysis', 'analysis', officer, analysisOf(c), (s) => after(s, 'analysis')]);
    steps.push([
      'plan/draft',
      'plan drafted',
      officer,
      planOf(c),
      (s) => !!s.plan || after(s, 'planning'),
    ]);
  }
  if (reached(c, 'followUp')) {
    steps.push([
      'plan/approve',
      'plan approved',
      manager,
      { note: '内容を確認し承認' },
      (s) => after(s, 'planning'),
    ]);
  }
  if (c.followUp) {
    steps.push([
      'follow-ups',
      'follow-up',
      officer,
      followUpOf(c),
      (s) => s.followUps > 0 || s.status === 'closed',
    ]);
  }
  if (c.dispatch) {
    // The drifting follow-up proposed a dispatch (the default policy leaves it to judgement):
    // a manager confirms it in the programme named, and the officer records its completion.
    const { programmeCode, ...completion } = c.dispatch;
    steps.push([
      'dispatch/proposal/confirm',
      'dispatch confirmed',
      manager,
      { programme: programmeCode, note: '乖離が大きく専門家の支援を依頼' },
      (s) => s.dispatchesRequested > 0 || s.status === 'closed',
    ]);
    const done = (s) => s.dispatchesCompleted > 0 || s.status === 'closed';
    steps.push(['dispatch/complete', 'dispatch completed', officer, completion, done]);
  }
  // Closing a case is a manager's decision.
  if (c.close) steps.push(['close', 'closed', manager, c.close, (s) => s.status === 'closed']);
  return steps;
}

async function seedCase(c) {
  const opened = await call('POST', `/organisations/${ORG}/cases`, {
    as: c.officerId,
    idempotencyKey: `seed-${ORG}-${c.key}`,
    body: { firm: c.firm, kind: c.kind, officerId: c.officerId },
  });
  const { caseId } = opened;
  // The open answers the case as it was opened; where it stands now is its live state.
  let { state } = await call('GET', `/organisations/${ORG}/cases/${caseId}`, { as: MANAGER });
  const did = [];
  for (const [path, label, as, body, isDone] of stepsFor(c)) {
    if (isDone(state)) continue;
    try {
      ({ state } = await call('POST', `/organisations/${ORG}/cases/${caseId}/${path}`, {
        as,
        body,
        // A step retried after a lost answer is answered, not done twice.
        idempotencyKey: `seed-${ORG}-${c.key}-${path.replace('/', '-')}-${TODAY}`,
      }));
      did.push(label);
    } catch (err) {
      // Already past this step (a run interrupted before its answer came back): move on.
      if (err.code === 'WRONG_STAGE' || err.code === 'NO_OPEN_DISPATCH') continue;
      throw new Error(`${c.firm.name} (${caseId}), ${label}: ${err.message}`);
    }
  }
  return { c, caseId, state, did };
}

/** Column width as a terminal shows it: CJK characters take two cells. */
const cells = (text) =>
  [...String(text)].reduce((n, ch) => n + (/[^\u0000-\u2e7f]/.test(ch) ? 2 : 1), 0);
const pad = (text, width) => `${text}${' '.repeat(Math.max(0, width - cells(text)))}`;

function printTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => cells(r[i]))));
  const line = (r) => r.map((v, i) => pad(v, widths[i])).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) console.log(line(r));
}

/** The organisation and its people, and a key for each person for this run. */
async function signInPeople() {
  KEYS.set('platform', adminKey());
  try {
    await call('POST', '/organisations', {
      as: 'platform',
      body: { id: ORG, name: ORGANISATION.name },
    });
    console.log(`organisation ${ORG} (${ORGANISATION.name}) with the default policy is ready`);
  } catch (err) {
    if (err.code !== 'ORGANISATION_EXISTS') throw err;
    console.log(`organisation ${ORG} exists already, with a policy of its own`);
  }
  for (const person of PEOPLE) {
    await call('POST', `/organisations/${ORG}/users`, { as: 'platform', body: person });
    const issued = await call('POST', `/organisations/${ORG}/users/${person.id}/api-keys`, {
      as: 'platform',
      body: { label: `npm run seed ${new Date().toISOString()}` },
    });
    KEYS.set(person.id, issued.key);
    ISSUED.push([person.id, issued.id]);
  }
  console.log(`${PEOPLE.length} people, each with a key for this run`);
}

/** The keys this run issued: revoked when it ends, so none outlives the seed. */
const ISSUED = [];
async function revokeKeys() {
  for (const [userId, keyId] of ISSUED.splice(0)) {
    await call('DELETE', `/organisations/${ORG}/users/${userId}/api-keys/${keyId}`, {
      as: 'platform',
    });
  }
}

async function main() {
  console.log(`Seeding ${API} as of ${TODAY} (Asia/Tokyo) …`);
  try {
    await signInPeople();
    await seedCases();
  } finally {
    await revokeKeys();
  }
}

async function seedCases() {
  const results = [];
  for (const c of CASES) results.push(await seedCase(c)); // in order: a readable log, no races
  const rows = [
    ['firm', 'kind', 'stage', 'follow-ups', 'drifting', 'dispatch', 'new steps', 'case id'],
  ];
  for (const { c, caseId, state, did } of results) {
    const dispatch = state.openDispatch
      ? 'requested'
      : state.dispatchesCompleted
        ? 'completed'
        : '';
    const stage = state.status === 'closed' ? `closed (${state.closed?.reason})` : state.status;
    const drifting = state.drifting ? 'yes' : '';
    rows.push([
      c.firm.name,
      c.kind,
      stage,
      state.followUps ?? 0,
      drifting,
      dispatch,
      did.length ? `+${did.length}` : '-',
      caseId,
    ]);
  }
  console.log('');
  printTable(rows);
  const counts = [];
  for (const stage of STAGE_ORDER) {
    const { total } = await call('GET', `/organisations/${ORG}/cases?stage=${stage}&pageSize=1`, {
      as: MANAGER,
    });
    counts.push(`${stage} ${total}`);
  }
  console.log(`\nread model for ${ORG}: ${counts.join(', ')}`);
  console.log(
    `try, with a manager's key: curl -s -H "Authorization: Bearer $KEY" '${API}/organisations/${ORG}/cases?drifting=true'`,
  );
}

main().catch((err) => {
  console.error(`seed failed: ${err.message}`);
  process.exit(1);
});

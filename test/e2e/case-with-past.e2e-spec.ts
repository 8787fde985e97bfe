import {
  addDays,
  type CaseEvent,
  COMMANDS,
  instantMillis,
  type OpenedCase,
  toInstant,
} from '@banso/domain';
import {
  type CaseWithPast,
  dated,
  essentials,
  founderCase,
  simulateLive,
  standardCase,
  tenthOfMonth,
} from '@banso/testing/scenarios/case-with-past';
import { casePath, createOrganisation, ORG, today } from './support/case-api';
import { useE2eStack } from './support/stack';

const stack = useE2eStack();

const as = (actor: { role: string; id: string }) => stack.as(actor.id);

/** Opens the case on the date it opened and sends each step with its date, as an import would. */
async function enterOverHttp(scenario: CaseWithPast, key: string): Promise<string> {
  const opened = await stack.http(
    'POST',
    `/organisations/${ORG}/cases`,
    {
      firm: { name: `株式会社${key}`, industry: '小売業', employees: 5 },
      kind: scenario.kind,
      officerId: 'officer-sato',
      openedOn: scenario.openedOn,
    },
    { 'idempotency-key': `${key}-open` },
  );
  expect(opened.status).toBe(201);
  const caseId = (opened.body as { caseId: string }).caseId;
  for (const [i, step] of scenario.steps.entries()) {
    const route = COMMANDS[step.type].http.path;
    const res = await stack.http('POST', `${casePath(caseId)}/${route}`, dated(step), {
      ...as(step.actor),
      'idempotency-key': `${key}-${i}`,
    });
    if (res.status !== 200)
      throw new Error(`${step.type} on ${step.on}: ${JSON.stringify(res.body)}`);
  }
  return caseId;
}

describe('cases entered with their past over HTTP', () => {
  beforeAll(() => createOrganisation(stack));

  it.each([
    ['a standard case opened 27 months ago', () => standardCase(tenthOfMonth(today(), -27))],
    ['a founder case opened two years ago', () => founderCase(tenthOfMonth(today(), -24))],
  ])('%s reaches the state, due date and counts it would have run live', async (label, make) => {
    const scenario = make();
    const started = Date.now();
    const key = label.includes('founder') ? 'past-founder' : 'past-standard';
    const caseId = await enterOverHttp(scenario, key);

    const live = await stack.http('GET', casePath(caseId));
    expect(live.status).toBe(200);
    const state = (live.body as { state: OpenedCase }).state;
    const history = await stack.http('GET', `${casePath(caseId)}/events`);
    const events = (history.body as { events: CaseEvent[] }).events;
    const opening = events[0];
    if (opening?.type !== 'CaseOpened') throw new Error('the history starts with its opening');

    const expected = simulateLive(
      scenario,
      { ...opening.data, organisationId: ORG },
      toInstant(Date.now()),
    );
    expect(essentials(state)).toEqual(essentials(expected));
    expect(state).toMatchObject({ openedOn: scenario.openedOn, missedFollowUps: 1 });
    // No burst of old notices: nothing was reminded or escalated while the past was entered.
    expect(
      events.filter((e) => e.type === 'ReminderSent' || e.type === 'EscalationRaised'),
    ).toEqual([]);
    // Each step keeps the date it happened beside the instant it was recorded, today.
    const visits = events.flatMap((e) => (e.type === 'FollowUpRecorded' ? [e] : []));
    expect(visits.map((e) => e.data.visitedOn)).toEqual(
      scenario.steps.filter((s) => s.type === 'recordFollowUp').map((s) => s.on),
    );
    expect(visits.every((e) => instantMillis(e.at) >= started - 1_000)).toBe(true);

    // The summary lists it by its own dates.
    const summary = await stack.http('GET', `/organisations/${ORG}/cases?kind=${scenario.kind}`);
    const row = (summary.body as { items: Array<Record<string, unknown>> }).items.find(
      (r) => r.caseId === caseId,
    );
    expect(row).toMatchObject({
      openedOn: scenario.openedOn,
      nextFollowUpDue: state.schedule?.dueDate,
      followUps: state.followUps,
    });
  });

  it('keeps an analysis past its deadline flagged in the lists, and tells no one of a past deadline', async () => {
    const openedOn = addDays(today(), -45);
    const opened = await stack.http(
      'POST',
      `/organisations/${ORG}/cases`,
      {
        firm: { name: '株式会社遅延分析', industry: '製造業' },
        kind: 'standard',
        officerId: 'officer-sato',
        openedOn,
      },
      { 'idempotency-key': 'past-late-analysis' },
    );
    expect(opened.status).toBe(201);
    const caseId = (opened.body as { caseId: string }).caseId;
    const listed = await stack.http(
      'GET',
      `/organisations/${ORG}/cases?overdue=true&stage=analysis`,
    );
    const row = (listed.body as { items: Array<Record<string, unknown>> }).items.find(
      (r) => r.caseId === caseId,
    );
    expect(row).toMatchObject({ overdue: true, openedOn });
    expect(String(row?.deadlineOn) < today()).toBe(true);
    const events = await stack.http('GET', `${casePath(caseId)}/events`);
    expect((events.body as { events: CaseEvent[] }).events.map((e) => e.type)).toEqual([
      'CaseOpened',
    ]);
  });
});

import { atLocalHour, instantMillis, type OpenedCase } from '@banso/domain';
import {
  type CaseWithPast,
  dated,
  essentials,
  founderCase,
  standardCase,
  tenthOfMonth,
} from '@banso/testing/scenarios/case-with-past';
import { ofType, todayIn, TZ, view } from '@banso/testing/workflows/case-steps';
import { useWorkflowHarness } from '@banso/testing/workflows/harness';

const h = useWorkflowHarness();

async function sleepUntil(date: string, hour: number): Promise<void> {
  const target = instantMillis(atLocalHour(date, hour, TZ));
  const now = await h.now();
  if (target > now) await h.env.sleep(target - now);
}

/** Each step taken on its day at 10:00, undated as an officer at work would send it. */
async function runLive(scenario: CaseWithPast) {
  await sleepUntil(scenario.openedOn, 10);
  const opened = await h.openCase(scenario.kind);
  for (const step of scenario.steps) {
    await sleepUntil(step.on, 10);
    await h.command(opened.handle, step.type, step.data, step.actor);
  }
  return opened;
}

/** Every step entered today, each with the date it happened. */
async function enter(scenario: CaseWithPast) {
  const opened = await h.openCase(scenario.kind, undefined, { openedOn: scenario.openedOn });
  for (const step of scenario.steps) {
    await h.command(opened.handle, step.type, dated(step), step.actor);
  }
  return opened;
}

describe.each([
  ['a standard case over 26 months', standardCase],
  ['a founder case over two years', founderCase],
])('%s, run live and then entered with its past', (_label, scenarioFrom) => {
  it('ends in the same state, due date and counts, and entering it sends no old notices', async () => {
    const scenario = scenarioFrom(tenthOfMonth(await todayIn(h), 1));
    const live = await runLive(scenario);
    const liveView = await view(h, live.caseId, live.handle);

    const entered = await enter(scenario);
    const enteredView = await view(h, entered.caseId, entered.handle);

    const liveState = liveView.state as OpenedCase;
    const enteredState = enteredView.state as OpenedCase;
    expect(essentials(enteredState)).toEqual(essentials(liveState));
    expect(liveState.missedFollowUps).toBe(1);
    expect(liveState.dispatchesCompleted).toBe(1);
    // Live, the officer was reminded of each period and the missed one was escalated; entered
    // afterwards, nobody is told of periods that were over.
    expect(ofType(liveView.events, 'ReminderSent').length).toBeGreaterThan(5);
    expect(ofType(liveView.events, 'EscalationRaised')).toHaveLength(1);
    expect(ofType(enteredView.events, 'ReminderSent')).toHaveLength(0);
    expect(ofType(enteredView.events, 'EscalationRaised')).toHaveLength(0);
    // Every entered event is dated when it happened and recorded today.
    const recordedOn = await todayIn(h);
    expect(enteredView.events.every((e) => e.at.slice(0, 10) <= recordedOn)).toBe(true);
    expect(ofType(enteredView.events, 'FollowUpRecorded').map((e) => e.data.visitedOn)).toEqual(
      ofType(liveView.events, 'FollowUpRecorded').map((e) => e.data.visitedOn),
    );

    // A day on, the clocks of both still agree: the entered case owes nothing it should not.
    await h.env.sleep('1 day');
    const [liveLater, enteredLater] = await Promise.all([
      view(h, live.caseId, live.handle),
      view(h, entered.caseId, entered.handle),
    ]);
    expect(essentials(enteredLater.state as OpenedCase)).toEqual(
      essentials(liveLater.state as OpenedCase),
    );
  });
});

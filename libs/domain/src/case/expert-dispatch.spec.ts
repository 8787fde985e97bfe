import { makePolicy } from '../policy/policy';
import type { CaseEvent } from './events';
import {
  approved,
  command,
  errorOf,
  eventsOf,
  given,
  jst,
  MANAGER,
  opened,
  run,
  stateOf,
  visit,
} from './given.spec-helper';
import { notificationsOf } from './notifications';

// Rules 2: expert dispatch (専門家派遣) at any stage, and drift that proposes one.

const BEHIND = { sales: 9_000, 'cost-ratio': 75 };
const types = (events: CaseEvent[]) => events.map((e) => e.type);
const proposed = () => run(approved(), visit('2026-07-07', BEHIND));

describe('drift under a policy that leaves it to judgement (the default)', () => {
  it('proposes a dispatch, tells the managers, and follows the case closely meanwhile', () => {
    const events = eventsOf(given(approved()).when(...visit('2026-07-07', BEHIND)));
    expect(types(events)).toEqual([
      'FollowUpRecorded',
      'ExpertDispatchProposed',
      'FollowUpScheduled',
    ]);
    expect(events[1]).toMatchObject({
      data: { proposalId: 'case-001-proposal-1', proposedOn: '2026-07-07', driftingFollowUps: 1 },
    });
    expect(events[2]).toMatchObject({ data: { mode: 'drifting', cadenceMonths: 1 } });
    expect(notificationsOf(events[1]!)).toEqual([
      expect.objectContaining({
        kind: 'dispatchProposed',
        recipient: expect.objectContaining({ role: 'manager' }),
      }),
    ]);
    const state = stateOf([...approved(), ...events]);
    expect(state.openProposal).toMatchObject({ proposalId: 'case-001-proposal-1' });
    expect(state.openDispatch).toBeUndefined();
  });

  it('a confirmed proposal becomes a dispatch in the programme named', () => {
    const confirm = command(
      'confirmDispatchProposal',
      { programme: 'genkiAssistShort', note: '販路開拓の専門家を依頼', confirmedOn: '2026-07-09' },
      MANAGER,
    );
    const [requested] = eventsOf(given(proposed()).when(confirm, jst('2026-07-10')));
    expect(requested).toMatchObject({
      type: 'ExpertDispatchRequested',
      data: {
        dispatchId: 'case-001-dispatch-1',
        requestedOn: '2026-07-09',
        programme: 'genkiAssistShort',
        proposalId: 'case-001-proposal-1',
        driftingKpis: ['sales'],
      },
    });
    const state = stateOf([...proposed(), requested!]);
    expect(state.openProposal).toBeUndefined();
    expect(state.openDispatch).toMatchObject({ programme: 'genkiAssistShort', visits: 0 });
  });

  it('a declined proposal keeps its reason, and the next drift may propose again', () => {
    const declined = run(proposed(), [
      command('declineDispatchProposal', { reason: '社長が自力で対応すると判断' }),
      jst('2026-07-08'),
    ]);
    expect(declined[declined.length - 1]).toMatchObject({
      type: 'ExpertDispatchProposalDeclined',
      data: { proposalId: 'case-001-proposal-1', reason: '社長が自力で対応すると判断' },
    });
    const again = eventsOf(given(declined).when(...visit('2026-08-07', BEHIND)));
    expect(types(again)).toContain('ExpertDispatchProposed');
  });

  it('refuses to decide on a proposal there is not', () => {
    expect(
      errorOf(
        given(approved()).when(
          command('declineDispatchProposal', { reason: '不要' }),
          jst('2026-07-08'),
        ),
      ),
    ).toMatchObject({ code: 'INVALID_COMMAND', issues: [{ path: 'data.reason' }] });
  });

  it('dispatches at once where the policy says so', () => {
    const events = eventsOf(
      given(approved({ policy: makePolicy({ driftResponse: 'dispatch' }) })).when(
        ...visit('2026-07-07', BEHIND),
      ),
    );
    expect(events[1]).toMatchObject({
      type: 'ExpertDispatchRequested',
      data: { programme: 'expertDispatchScheme' },
    });
  });
});

describe('a dispatch an officer asks for', () => {
  const request = command('requestExpertDispatch', {
    programme: 'jfcFinancingReferral',
    reason: '設備資金の融資相談',
    requestedOn: '2026-04-03',
  });

  it('may be asked for during the analysis, naming the programme, and its expert visits counted', () => {
    const history = run(
      opened(),
      [request, jst('2026-04-03')],
      [
        command('recordExpertVisit', { expert: { name: '公庫 融資課' }, visitedOn: '2026-04-05' }),
        jst('2026-04-05'),
      ],
    );
    expect(stateOf(history)).toMatchObject({
      status: 'analysis',
      openDispatch: { programme: 'jfcFinancingReferral', visits: 1 },
      expertVisits: 1,
      dispatchesRequested: 1,
    });
  });

  it('is one at a time', () => {
    const history = run(opened(), [request, jst('2026-04-03')]);
    expect(errorOf(given(history).when(request, jst('2026-04-04')))).toMatchObject({
      code: 'INVALID_COMMAND',
      issues: [{ path: 'data.programme' }],
    });
  });

  it('may be cancelled with a reason', () => {
    const history = run(
      opened(),
      [request, jst('2026-04-03')],
      [command('cancelExpertDispatch', { reason: '事業者の意向で中止' }), jst('2026-04-04')],
    );
    expect(history[history.length - 1]).toMatchObject({
      type: 'ExpertDispatchEnded',
      data: { outcome: 'cancelled', reason: '事業者の意向で中止', endedOn: '2026-04-04' },
    });
    expect(stateOf(history).openDispatch).toBeUndefined();
  });

  it('ends when the case closes', () => {
    const history = run(opened(), [request, jst('2026-04-03')]);
    const events = eventsOf(
      given(history).when(command('closeCase', { reason: 'withdrawn' }), jst('2026-04-20')),
    );
    expect(events).toMatchObject([
      {
        type: 'ExpertDispatchEnded',
        data: { dispatchId: 'case-001-dispatch-1', outcome: 'caseClosed', endedOn: '2026-04-20' },
      },
      { type: 'CaseClosed' },
    ]);
  });
});

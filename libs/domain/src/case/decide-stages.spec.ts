import type { CaseStatus } from './state';
import type { Command, CommandType } from './commands';
import type { CaseEvent } from './events';
import {
  ANALYSIS,
  analysed,
  approved,
  closed,
  command,
  DISPATCH_DONE,
  drafted,
  errorOf,
  eventsOf,
  followUp,
  given,
  jst,
  MANAGER,
  opened,
  openCaseData,
  run,
  samplePlan,
  SYSTEM,
} from './given.spec-helper';

const NOW = jst('2026-05-20');

/** A command of each type whose data is valid, so only the stage can refuse it. */
const VALID: Record<CommandType, Command> = {
  openCase: command('openCase', openCaseData()),
  recordAnalysis: command('recordAnalysis', ANALYSIS),
  draftPlan: command('draftPlan', { plan: samplePlan() }),
  approvePlan: command('approvePlan', {}, MANAGER),
  recordFollowUp: followUp('2026-05-20'),
  recordContact: command('recordContact', { method: 'phone' }),
  recordStatements: command('recordStatements', { financials: ANALYSIS.financials }),
  setCadence: command('setCadence', { months: 2, reason: '臨機応変に' }),
  requestExpertDispatch: command('requestExpertDispatch', {
    programme: 'yorozuSupportCentre',
    reason: '販路開拓の専門家が必要',
  }),
  confirmDispatchProposal: command('confirmDispatchProposal', { programme: 'genkiAssistShort' }),
  declineDispatchProposal: command('declineDispatchProposal', { reason: '自社で対応可能' }),
  recordExpertVisit: command('recordExpertVisit', { expert: { name: '診断士 田中' } }),
  cancelExpertDispatch: command('cancelExpertDispatch', { reason: '事業者の都合' }),
  completeExpertDispatch: command('completeExpertDispatch', DISPATCH_DONE),
  revisePlan: command('revisePlan', { plan: samplePlan(), reason: '目標の見直し' }),
  reassignOfficer: command('reassignOfficer', { officerId: 'officer-suzuki' }, MANAGER),
  closeCase: command('closeCase', { reason: 'withdrawn' }, MANAGER),
  advanceClock: command('advanceClock', {}, SYSTEM),
};

/** Where each command is allowed, as the domain promises it. */
const ALLOWED: Record<Exclude<CommandType, 'openCase'>, CaseStatus[]> = {
  recordAnalysis: ['analysis'],
  draftPlan: ['planning'],
  approvePlan: ['planning'],
  recordFollowUp: ['followUp'],
  recordContact: ['analysis', 'planning', 'followUp'],
  recordStatements: ['analysis', 'planning', 'followUp'],
  setCadence: ['planning', 'followUp'],
  requestExpertDispatch: ['analysis', 'planning', 'followUp'],
  confirmDispatchProposal: ['followUp'],
  declineDispatchProposal: ['followUp'],
  recordExpertVisit: ['analysis', 'planning', 'followUp'],
  cancelExpertDispatch: ['analysis', 'planning', 'followUp'],
  completeExpertDispatch: ['analysis', 'planning', 'followUp'],
  revisePlan: ['followUp'],
  reassignOfficer: ['analysis', 'planning', 'followUp'],
  closeCase: ['analysis', 'planning', 'followUp'],
  advanceClock: ['analysis', 'planning', 'followUp', 'closed'],
};

const HISTORIES: Record<Exclude<CaseStatus, 'new'>, () => CaseEvent[]> = {
  analysis: opened,
  planning: drafted,
  followUp: approved,
  closed,
};

const STAGED = Object.keys(ALLOWED) as Exclude<CommandType, 'openCase'>[];

describe('before the case is opened', () => {
  it.each(STAGED)('%s is refused in stage new', (type) => {
    expect(errorOf(given([]).when(VALID[type], NOW))).toEqual({
      code: 'WRONG_STAGE',
      message: 'case case-001 has not been opened',
      stage: 'new',
      allowed: [],
    });
  });
});

describe('commands in the wrong stage', () => {
  const wrong = (Object.keys(HISTORIES) as Exclude<CaseStatus, 'new'>[]).flatMap((stage) =>
    STAGED.filter((type) => !ALLOWED[type].includes(stage)).map((type) => [type, stage] as const),
  );

  it('covers every stage at least once', () => {
    expect(new Set(wrong.map(([, stage]) => stage))).toEqual(
      new Set(['analysis', 'planning', 'followUp', 'closed']),
    );
    expect(wrong).toHaveLength(31);
  });

  it.each(wrong)('%s is refused while the case is in %s', (type, stage) => {
    const error = errorOf(given(HISTORIES[stage]()).when(VALID[type], NOW));
    expect(error).toEqual({
      code: 'WRONG_STAGE',
      message: expect.any(String) as string,
      stage,
      allowed: ALLOWED[type],
    });
    expect(error.message).toContain(`${type} is not allowed while the case is `);
  });

  it('names the stages in the message', () => {
    expect(errorOf(given(opened()).when(VALID.approvePlan, NOW)).message).toBe(
      'approvePlan is not allowed while the case is analysis (経営状況の分析); ' +
        'it is allowed in: plan drafting (事業計画策定)',
    );
    expect(errorOf(given(closed()).when(VALID.closeCase, NOW)).message).toBe(
      'closeCase is not allowed while the case is closed; ' +
        'it is allowed in: analysis (経営状況の分析), plan drafting (事業計画策定), follow-up (実施支援)',
    );
  });
});

/** Commands about an open dispatch or proposal: the case's own refusals below cover them. */
const NEEDS_A_DISPATCH = new Set<CommandType>([
  'completeExpertDispatch',
  'recordExpertVisit',
  'cancelExpertDispatch',
  'confirmDispatchProposal',
  'declineDispatchProposal',
]);

describe('commands in the right stage', () => {
  const right = (Object.keys(HISTORIES) as Exclude<CaseStatus, 'new'>[]).flatMap((stage) =>
    STAGED.filter((type) => ALLOWED[type].includes(stage) && !NEEDS_A_DISPATCH.has(type)).map(
      (type) => [type, stage] as const,
    ),
  );

  it.each(right)('%s is accepted while the case is in %s', (type, stage) => {
    const history =
      stage === 'planning' && type !== 'approvePlan' ? analysed() : HISTORIES[stage]();
    const decision = given(history).when(VALID[type], NOW);
    expect(decision.ok).toBe(true);
  });

  it('advancing the clock of a closed case gives no events', () => {
    expect(eventsOf(given(closed()).when(VALID.advanceClock, jst('2027-06-01')))).toEqual([]);
  });
});

describe('a command for another case', () => {
  const elsewhere = (type: Exclude<CommandType, 'openCase'>): Command => ({
    ...VALID[type],
    caseId: 'case-002',
  });
  const WRONG_CASE = {
    code: 'INVALID_COMMAND',
    message: 'caseId: this is case case-001, not case-002',
    issues: [{ path: 'caseId', message: 'this is case case-001, not case-002' }],
  };

  it.each(STAGED)('%s is refused in a stage where it is allowed', (type) => {
    const stage = ALLOWED[type][0] as Exclude<CaseStatus, 'new'>;
    expect(given(HISTORIES[stage]()).when(elsewhere(type), NOW)).toEqual({
      ok: false,
      error: WRONG_CASE,
    });
  });

  it.each(STAGED)('%s is refused for the case id before the stage is checked', (type) => {
    expect(errorOf(given(closed()).when(elsewhere(type), NOW))).toEqual(WRONG_CASE);
  });
});

describe('refusals of the case itself', () => {
  it('opens a case only once', () => {
    expect(errorOf(given(opened()).when(VALID.openCase, NOW))).toEqual({
      code: 'CASE_ALREADY_OPEN',
      message: 'case case-001 is already open',
    });
    expect(errorOf(given(closed()).when(VALID.openCase, NOW)).code).toBe('CASE_ALREADY_OPEN');
  });

  it('approves only a drafted plan', () => {
    expect(errorOf(given(analysed()).when(VALID.approvePlan, NOW))).toEqual({
      code: 'PLAN_NOT_DRAFTED',
      message: 'draft a plan before approving it',
    });
  });

  it('completes only an open dispatch', () => {
    expect(errorOf(given(approved()).when(VALID.completeExpertDispatch, NOW))).toEqual({
      code: 'NO_OPEN_DISPATCH',
      message: 'there is no open expert dispatch',
    });
  });

  it('completes a dispatch only once', () => {
    const drifting = run(
      approved(),
      [VALID.requestExpertDispatch, jst('2026-07-01', '16:00')],
      [VALID.completeExpertDispatch, jst('2026-07-20')],
    );
    expect(
      errorOf(given(drifting).when(VALID.completeExpertDispatch, jst('2026-07-21'))).code,
    ).toBe('NO_OPEN_DISPATCH');
  });
});

import { addDays, DEFAULT_POLICY, fold } from '@banso/domain';
import { CASE_ID, caseTemplate, OFFICER_ID, SCENARIO_WEIGHTS, SCENARIOS } from './reads-histories';
import { variants } from './reads-seed';

const TODAY = '2026-11-25';

describe('the read suite’s case histories', () => {
  it('share the cases among the scenarios by weight, every case once', () => {
    const all = variants(10_000, TODAY);
    expect(all[0]?.from).toBe(0);
    expect(all.at(-1)?.to).toBe(10_000);
    all.slice(1).forEach((v, i) => expect(v.from).toBe(all[i]?.to));
    const total = Object.values(SCENARIO_WEIGHTS).reduce((a, b) => a + b, 0);
    for (const scenario of SCENARIOS) {
      const cases = all
        .filter((v) => v.scenario === scenario)
        .reduce((n, v) => n + v.to - v.from, 0);
      expect(cases / 10_000).toBeCloseTo(SCENARIO_WEIGHTS[scenario] / total, 2);
    }
  });

  it.each(SCENARIOS)(
    'decides a %s case through the domain, with its clock run to today',
    (scenario) => {
      const template = caseTemplate({
        scenario,
        openedOn: addDays(TODAY, -400),
        today: TODAY,
        organisationId: 'org-bench',
        policy: DEFAULT_POLICY,
        managerId: 'manager-bench',
      });
      const [opened] = template.events;
      expect(opened).toMatchObject({
        type: 'CaseOpened',
        caseId: CASE_ID,
        data: { officerId: OFFICER_ID },
      });
      expect(template.events.map((e) => e.seq)).toEqual(template.events.map((_, i) => i + 1));
      const state = fold(template.events);
      expect(state.status).not.toBe('new');
      // Every command of a person is in the ledger, over the seqs its events took.
      for (const entry of template.ledger) {
        const caused = template.events.filter((e) => e.commandId === entry.commandId);
        expect(caused.map((e) => e.seq)).toEqual(
          Array.from({ length: entry.lastSeq - entry.firstSeq + 1 }, (_, i) => entry.firstSeq + i),
        );
      }
    },
  );
});

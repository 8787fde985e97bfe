// Case histories for the persistence tests, built by running the domain's `decide` from the start,
// so every test stores events the real workflow could have produced.
import {
  type Actor,
  type CaseEvent,
  type CaseKind,
  type CaseState,
  type Command,
  type CommandData,
  type CommandType,
  decide,
  evolve,
  INITIAL_STATE,
  type IsoDateTime,
  type Policy,
  SYSTEM_ACTOR,
} from '@banso/domain';
import { ANALYSIS, MANAGER, OFFICER, openData, planData } from '@banso/testing/fixtures';

/** A local instant in Asia/Tokyo. */
export const jst = (date: string, time = '10:00'): IsoDateTime => `${date}T${time}:00+09:00`;

export class CaseHistory {
  readonly events: CaseEvent[] = [];
  /** The events of each command in turn: what the workflow appends in one call. */
  readonly batches: CaseEvent[][] = [];
  state: CaseState = INITIAL_STATE;

  constructor(readonly caseId: string) {}

  /** Decides a command at `now`, keeps its events and returns them; throws on a domain refusal. */
  run<T extends CommandType>(
    type: T,
    data: CommandData<T>,
    now: IsoDateTime,
    actor: Actor = OFFICER,
  ): CaseEvent[] {
    const commandId = `${this.caseId}:${this.batches.length + 1}`;
    const command = { type, caseId: this.caseId, commandId, actor, data } as Command;
    const decision = decide(this.state, command, now);
    if (!decision.ok) throw new Error(`${type} refused: ${decision.error.message}`);
    this.events.push(...decision.events);
    if (decision.events.length > 0) this.batches.push(decision.events);
    this.state = decision.events.reduce(evolve, this.state);
    return decision.events;
  }
}

export interface OpenOptions {
  organisationId?: string;
  kind?: CaseKind;
  firmName?: string;
  officerId?: string;
  policy?: Partial<Policy>;
  openedAt?: IsoDateTime;
}

export function openedCase(caseId: string, o: OpenOptions = {}): CaseHistory {
  const h = new CaseHistory(caseId);
  const data = openData(o.kind ?? 'standard', o.policy);
  h.run(
    'openCase',
    {
      ...data,
      organisationId: o.organisationId ?? data.organisationId,
      officerId: o.officerId ?? data.officerId,
      firm: { ...data.firm, name: o.firmName ?? data.firm.name },
    },
    o.openedAt ?? jst('2026-04-01'),
  );
  return h;
}

/** Analysis, a twelve-month plan starting on `day` and its approval, all on `day`. */
export function toFollowUp(h: CaseHistory, day: string): CaseHistory {
  h.run('recordAnalysis', ANALYSIS, jst(day, '10:00'));
  h.run('draftPlan', planData(day, 12), jst(day, '11:00'));
  h.run('approvePlan', { note: '社長と合意' }, jst(day, '12:00'), MANAGER);
  return h;
}

/**
 * The whole life of a standard case: opened 2026-04-01, plan approved 2026-04-10, a drifting
 * follow-up that brings in an expert, the dispatch completed, a missed follow-up (reminder and
 * escalation), a reassignment, and the close.
 */
export function realisticHistory(caseId: string, o: OpenOptions = {}): CaseHistory {
  // This organisation has drift bring in an expert at once, rather than propose one.
  const h = openedCase(caseId, { ...o, policy: { driftResponse: 'dispatch', ...o.policy } });
  toFollowUp(h, '2026-04-10');
  h.run(
    'recordFollowUp',
    {
      visitedOn: '2026-07-08',
      method: 'visit',
      actuals: { 'monthly-sales': 8_000 },
      notes: '売上が計画を下回る',
    },
    jst('2026-07-08', '16:00'),
  );
  h.run(
    'completeExpertDispatch',
    {
      expert: { name: '中小企業診断士 鈴木', programme: 'よろず支援拠点' },
      summary: '販路の見直しを助言',
    },
    jst('2026-07-22'),
  );
  h.run('advanceClock', {}, jst('2026-09-01', '09:30'), SYSTEM_ACTOR);
  h.run(
    'reassignOfficer',
    { officerId: 'officer-kato', reason: '担当替え' },
    jst('2026-09-02'),
    MANAGER,
  );
  h.run('closeCase', { reason: 'selfSustaining', note: '自走化' }, jst('2026-09-30'), MANAGER);
  return h;
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandType, EventType } from '@banso/domain';
import { ANALYSIS, planData } from '@banso/testing/fixtures';
import { casePath, ORG, today } from '../../e2e/support/case-api';
import { type Answer, errorCode, request } from './http';
import type { Product } from './product';

/** One command of a walk: sent with its own key until it is answered with success. */
export interface Step {
  command: CommandType;
  path: string;
  body: unknown;
  /** Opening and the officer's work as officer-sato; approval and closing as manager-suzuki. */
  as: 'officer' | 'manager';
  /** The Idempotency-Key, and so the command id its events carry in the log. */
  key: string;
  /** The events the command writes, in order: the log of a walked case is exactly these. */
  events: EventType[];
}

/** A client's case, walked from its opening to the stage it must end in. */
export interface Walk {
  caseId: string;
  stage: 'planning' | 'followUp' | 'closed';
  steps: Step[];
}

/**
 * `count` cases, a third left in planning, a third in follow-up and a third closed: two to six
 * commands each, every one with a key fixed in advance as a client that retries would keep it.
 */
export function planWalks(prefix: string, count: number): Walk[] {
  return Array.from({ length: count }, (_, i) => {
    const caseId = `${prefix}-${String(i).padStart(3, '0')}`;
    const path = casePath(caseId);
    const step = (
      command: CommandType,
      route: string,
      body: unknown,
      as: Step['as'],
      events: EventType[],
    ): Step => ({ command, path: route, body, as, key: `${caseId}/${command}`, events });
    const kind = i % 2 === 0 ? 'standard' : 'founder';
    const steps = [
      step(
        'openCase',
        `/organisations/${ORG}/cases`,
        {
          caseId,
          firm: { name: `株式会社${caseId}`, industry: '製造業', employees: 12 },
          kind,
          officerId: 'officer-sato',
        },
        'officer',
        ['CaseOpened'],
      ),
      step('recordAnalysis', `${path}/analysis`, ANALYSIS, 'officer', ['AnalysisRecorded']),
      step('draftPlan', `${path}/plan/draft`, planData(today(), 36), 'officer', ['PlanDrafted']),
      step('approvePlan', `${path}/plan/approve`, { note: '事業者と合意' }, 'manager', [
        'PlanApproved',
        'FollowUpScheduled',
      ]),
      step(
        'recordFollowUp',
        `${path}/follow-ups`,
        { visitedOn: today(), method: 'visit', actuals: { 'monthly-sales': 10_000 } },
        'officer',
        ['FollowUpRecorded', 'FollowUpScheduled'],
      ),
      step('closeCase', `${path}/close`, { reason: 'selfSustaining' }, 'manager', ['CaseClosed']),
    ];
    const stage = (['planning', 'followUp', 'closed'] as const)[i % 3] ?? 'closed';
    const length = { planning: 2, followUp: 4, closed: 6 }[stage];
    return { caseId, stage, steps: steps.slice(0, length) };
  });
}

export interface LoadReport {
  /** Commands answered with success. */
  done: number;
  /** Sends that had to be repeated, by what answered them: `503 COMMAND_PENDING`, `network` … */
  retriedFor: Record<string, number>;
  /** Anything a client could not take for the command's success, nor retry: empty when all went well. */
  failures: string[];
}

/** Clients walking their cases at once, with a hook to strike while they are under way. */
export interface Load {
  /** Resolves once `n` commands have been answered with success. */
  afterCommands(n: number): Promise<void>;
  /** Commands sent and not yet answered for good, right now. */
  inFlight(): number;
  /** Seconds since the load began, as the failures' traces count them. */
  elapsed(): string;
  /** Every walk ended: all its commands done, or one failed, or the deadline passed. */
  finished: Promise<LoadReport>;
}

/**
 * One client per walk, all at once. A client sends each command until it succeeds, always with the
 * same key and body, whatever went wrong: no answer at all (refused, reset, timed out), a 5xx (the
 * API's 503s say to send it again with the key) or a 429. Any other answer is a failure, and so is
 * a 500 CASE_NEEDS_ATTENTION: it says that nothing will change until people have looked at the case.
 */
export function driveWalks(product: Product, walks: Walk[], deadlineMs = 150_000): Load {
  const started = Date.now();
  const deadline = started + deadlineMs;
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const report: LoadReport = { done: 0, retriedFor: {}, failures: [] };
  let inFlight = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];

  /** Sends until success; `trace` gets each answer with its time, the evidence of a failure. */
  const send = async (step: Step, trace: Trace): Promise<void> => {
    const key = step.as === 'officer' ? product.keys.officer : product.keys.manager;
    const wanted = step.command === 'openCase' ? 201 : 200;
    for (let attempt = 0; ; attempt++) {
      let answer: Answer | undefined;
      let reason: string;
      const sent = at();
      try {
        answer = await request(`${product.apiUrl}${step.path}`, 'POST', {
          key,
          body: step.body,
          idempotencyKey: step.key,
        });
        reason = `${answer.status} ${errorCode(answer.body) ?? ''}`.trim();
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        reason = `network ${cause?.code ?? (error as Error).name}`;
      }
      trace.add(step.command, reason, sent, at());
      if (answer?.status === wanted) return;
      const retryable =
        !answer ||
        answer.status === 429 ||
        (answer.status >= 500 && errorCode(answer.body) !== 'CASE_NEEDS_ATTENTION');
      if (!retryable) throw new Error(JSON.stringify(answer?.body));
      if (Date.now() > deadline) throw new Error('no success before the deadline');
      report.retriedFor[reason] = (report.retriedFor[reason] ?? 0) + 1;
      // Backing off as a polite client would: 250 ms doubling to 2 s, jittered.
      await sleep(Math.min(2_000, 250 * 2 ** attempt) * (0.5 + Math.random()));
    }
  };

  const walk = async (w: Walk): Promise<void> => {
    const trace = new Trace();
    for (const step of w.steps) {
      inFlight++;
      try {
        await send(step, trace);
      } catch (error) {
        report.failures.push(
          `${w.caseId}: ${(error as Error).message}; its requests: ${trace.toString()}`,
        );
        return;
      } finally {
        inFlight--;
      }
      report.done++;
      for (const waiter of waiters.filter((x) => report.done >= x.n)) waiter.resolve();
    }
  };

  const finished = Promise.all(walks.map(walk)).then(() => {
    // Nobody waits forever for a count the walks never reached.
    for (const waiter of waiters) waiter.resolve();
    return report;
  });
  return {
    afterCommands: (n) =>
      report.done >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    inFlight: () => inFlight,
    elapsed: at,
    finished,
  };
}

/** A client's requests and their answers, a run of the same answer to the same command as one. */
class Trace {
  private readonly entries: Array<{ what: string; times: number; from: string; to: string }> = [];

  add(command: string, answer: string, sent: string, answered: string): void {
    const what = `${command} ${answer}`;
    const last = this.entries[this.entries.length - 1];
    if (last?.what === what) {
      last.times++;
      last.to = answered;
    } else {
      this.entries.push({ what, times: 1, from: sent, to: answered });
    }
  }

  toString(): string {
    return this.entries
      .map((e) => `${e.what}${e.times > 1 ? ` ×${e.times}` : ''} (${e.from} → ${e.to})`)
      .join('; ');
  }
}

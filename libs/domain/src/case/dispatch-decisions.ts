import type { IsoDate } from '../calendar/dates';
import type { KpiResult } from '../plan/drift';
import { driftResponseOf } from '../policy/policy';
import type { CommandData } from './commands';
import { type DomainError, invalid } from './errors';
import type { NewEvent } from './events';
import { rulesOf } from './rules';
import type { CaseIn, OpenedCase } from './state';

// Expert dispatch (専門家派遣) and financing referrals: asked for at any stage, proposed by drift
// where the policy leaves it to judgement, visited, completed, cancelled, ended with the case.

type Open = Exclude<OpenedCase, CaseIn<'closed'>>;

const noOpenDispatch = (): DomainError => ({
  code: 'NO_OPEN_DISPATCH',
  message: 'there is no open expert dispatch',
});

const nextDispatchId = (s: OpenedCase) => `${s.caseId}-dispatch-${s.dispatchesRequested + 1}`;

export function requestDispatch(
  s: Open,
  data: CommandData<'requestExpertDispatch'>,
  on: IsoDate,
): NewEvent[] | DomainError {
  if (s.openDispatch) {
    return invalid([
      {
        path: 'data.programme',
        message: `dispatch ${s.openDispatch.dispatchId} is open: complete or cancel it first`,
      },
    ]);
  }
  const proposal = s.openProposal;
  return [
    {
      type: 'ExpertDispatchRequested',
      data: {
        dispatchId: nextDispatchId(s),
        requestedOn: on,
        driftingKpis: proposal?.driftingKpis ?? [],
        driftingFollowUps: proposal ? s.driftingStreak : 0,
        programme: data.programme,
        reason: data.reason,
        ...(proposal ? { proposalId: proposal.proposalId } : {}),
      },
    },
  ];
}

export function confirmProposal(
  s: CaseIn<'followUp'>,
  data: CommandData<'confirmDispatchProposal'>,
  on: IsoDate,
): NewEvent[] | DomainError {
  const proposal = s.openProposal;
  if (!proposal) return noProposal('data.programme');
  return requestDispatch(
    s,
    { programme: data.programme, reason: data.note ?? '乖離による専門家派遣の提案を承認' },
    on,
  );
}

export function declineProposal(
  s: CaseIn<'followUp'>,
  data: CommandData<'declineDispatchProposal'>,
  on: IsoDate,
): NewEvent[] | DomainError {
  const proposal = s.openProposal;
  if (!proposal) return noProposal('data.reason');
  return [
    {
      type: 'ExpertDispatchProposalDeclined',
      data: { proposalId: proposal.proposalId, reason: data.reason, declinedOn: on },
    },
  ];
}

function noProposal(path: string): DomainError {
  return invalid([{ path, message: 'there is no open dispatch proposal to decide on' }]);
}

export function recordExpertVisit(
  s: Open,
  data: CommandData<'recordExpertVisit'>,
  on: IsoDate,
): NewEvent[] | DomainError {
  if (!s.openDispatch) return noOpenDispatch();
  return [
    {
      type: 'ExpertVisitRecorded',
      data: {
        dispatchId: s.openDispatch.dispatchId,
        visitedOn: on,
        expert: data.expert,
        notes: data.notes,
      },
    },
  ];
}

export function completeDispatch(
  s: Open,
  data: CommandData<'completeExpertDispatch'>,
  on: IsoDate,
): NewEvent[] | DomainError {
  if (!s.openDispatch) return noOpenDispatch();
  const { completedOn: _given, ...done } = data;
  return [
    {
      type: 'ExpertDispatchCompleted',
      data: { ...done, dispatchId: s.openDispatch.dispatchId, completedOn: on },
    },
  ];
}

export function cancelDispatch(
  s: Open,
  data: CommandData<'cancelExpertDispatch'>,
  on: IsoDate,
): NewEvent[] | DomainError {
  if (!s.openDispatch) return noOpenDispatch();
  return [
    {
      type: 'ExpertDispatchEnded',
      data: {
        dispatchId: s.openDispatch.dispatchId,
        endedOn: on,
        outcome: 'cancelled',
        reason: data.reason,
      },
    },
  ];
}

/** Rules 2: a case that closes ends its open dispatch first (it cannot outlive the case). */
export function endingWithCase(s: OpenedCase, on: IsoDate): NewEvent[] {
  if (rulesOf(s) === 1 || !s.openDispatch) return [];
  return [
    {
      type: 'ExpertDispatchEnded',
      data: { dispatchId: s.openDispatch.dispatchId, endedOn: on, outcome: 'caseClosed' },
    },
  ];
}

/**
 * Rules 2: drift that has lasted the policy's number of follow-ups brings in an expert, at once
 * or as a proposal for the officer or a manager to decide, as the policy says.
 */
export function dispatchIfDrifting(
  s: CaseIn<'followUp'>,
  results: KpiResult[],
  on: IsoDate,
): NewEvent[] {
  const drifting = results.filter((r) => r.drifting);
  if (drifting.length === 0 || s.openDispatch || s.openProposal) return [];
  if (s.driftingStreak < s.policy.dispatchAfterDriftingFollowUps) return [];
  const driftingKpis = drifting.map((r) => r.kpiId);
  if (driftResponseOf(s.policy) === 'propose') {
    return [
      {
        type: 'ExpertDispatchProposed',
        data: {
          proposalId: `${s.caseId}-proposal-${(s.dispatchProposals ?? 0) + 1}`,
          proposedOn: on,
          driftingKpis,
          driftingFollowUps: s.driftingStreak,
        },
      },
    ];
  }
  return [
    {
      type: 'ExpertDispatchRequested',
      data: {
        dispatchId: nextDispatchId(s),
        requestedOn: on,
        driftingKpis,
        driftingFollowUps: s.driftingStreak,
        programme: 'expertDispatchScheme',
        reason: '計画と実績の乖離',
      },
    },
  ];
}

import type { CaseEvent } from '@banso/domain';
import { realisticHistory } from '@banso/testing/persistence/case-history';
import { chainEvents, eventHash, GENESIS_HASH } from './event-hash';
import { type ChainRow, type LedgerRange, verifyCaseChain } from './verify-case-chain';

/** The rows the event store writes for a history, and the ledger of the commands that wrote them. */
function storedCase(caseId: string): { rows: ChainRow[]; ledger: LedgerRange[] } {
  const history = realisticHistory(caseId);
  const rows = chainEvents(history.events, GENESIS_HASH).map(({ event, hash, prevHash }) => ({
    seq: event.seq,
    type: event.type,
    caseId: event.caseId,
    organisationId: event.organisationId,
    hash,
    prevHash,
    event,
  }));
  const ledger = history.batches.map((batch) => ({
    firstSeq: batch[0]!.seq,
    lastSeq: batch[batch.length - 1]!.seq,
  }));
  return { rows, ledger };
}

const broken = (seq: number) => ({ verified: false, firstBrokenSeq: seq });

describe('verifyCaseChain', () => {
  const { rows, ledger } = storedCase('verify-case');
  const followUpSeq = rows.find((r) => r.type === 'FollowUpRecorded')!.seq;
  const last = rows.length;
  const replace = (seq: number, row: Partial<ChainRow>) =>
    rows.map((r) => (r.seq === seq ? { ...r, ...row } : r));

  it('verifies the log as the event store writes it', () => {
    expect(rows.length).toBeGreaterThan(5);
    expect(verifyCaseChain(rows, ledger)).toEqual({ verified: true, firstBrokenSeq: null });
  });

  it('verifies an empty log that no command names, and breaks at 1 one that a command names', () => {
    expect(verifyCaseChain([], [])).toEqual({ verified: true, firstBrokenSeq: null });
    expect(verifyCaseChain([], ledger)).toEqual(broken(1));
  });

  it('finds an event whose json was changed', () => {
    const row = rows[followUpSeq - 1]!;
    const event = { ...row.event, data: { ...row.event.data, visitedOn: '2026-07-01' } };
    expect(verifyCaseChain(replace(followUpSeq, { event: event as CaseEvent }), ledger)).toEqual(
      broken(followUpSeq),
    );
  });

  it('finds a column that no longer says what the event says', () => {
    expect(verifyCaseChain(replace(2, { type: 'CaseClosed' }), ledger)).toEqual(broken(2));
    expect(verifyCaseChain(replace(3, { caseId: 'other' }), ledger)).toEqual(broken(3));
    expect(verifyCaseChain(replace(4, { organisationId: 'other' }), ledger)).toEqual(broken(4));
  });

  it('finds event json that is not an event at all', () => {
    expect(verifyCaseChain(replace(2, { event: null as unknown as CaseEvent }), ledger)).toEqual(
      broken(2),
    );
  });

  it('finds a deleted event in the middle, at the missing seq', () => {
    expect(
      verifyCaseChain(
        rows.filter((r) => r.seq !== 3),
        ledger,
      ),
    ).toEqual(broken(3));
  });

  it('finds a deleted first event', () => {
    expect(verifyCaseChain(rows.slice(1), ledger)).toEqual(broken(1));
  });

  it('finds deleted last events through the command ledger', () => {
    expect(verifyCaseChain(rows.slice(0, -1), ledger)).toEqual(broken(last));
    expect(verifyCaseChain(rows.slice(0, -2), ledger)).toEqual(broken(last - 1));
    // Without a witness a shorter chain is still a perfect chain: what the ledger is for.
    expect(verifyCaseChain(rows.slice(0, -1), [])).toEqual({
      verified: true,
      firstBrokenSeq: null,
    });
  });

  it('finds an inserted event whose hash was made up', () => {
    const forged = { ...rows[last - 1]!, seq: last + 1, prevHash: rows[last - 1]!.hash };
    forged.event = { ...forged.event, seq: last + 1 };
    forged.hash = 'f'.repeat(64);
    expect(verifyCaseChain([...rows, forged], ledger)).toEqual(broken(last + 1));
  });

  it('finds two events whose seqs were swapped, at the first of them', () => {
    const swapped = [rows[0]!, { ...rows[2]!, seq: 2 }, { ...rows[1]!, seq: 3 }, ...rows.slice(3)];
    expect(verifyCaseChain(swapped, ledger)).toEqual(broken(2));
  });

  it('finds a link pointing elsewhere, even when its own hash was recomputed', () => {
    const prevHash = '0'.repeat(64);
    const row = rows[3]!;
    const relinked = replace(4, { prevHash, hash: eventHash(row.event, prevHash) });
    expect(verifyCaseChain(relinked, ledger)).toEqual(broken(4));
  });

  it('finds a first event that does not start from GENESIS_HASH', () => {
    const prevHash = '0'.repeat(64);
    const relinked = replace(1, { prevHash, hash: eventHash(rows[0]!.event, prevHash) });
    expect(verifyCaseChain(relinked, ledger)).toEqual(broken(1));
  });

  it('finds rows of another case mixed in', () => {
    const [other] = storedCase('other-case').rows;
    expect(verifyCaseChain([other!, ...rows.slice(1)], ledger).verified).toBe(false);
    const stray = {
      ...rows[1]!,
      caseId: 'other-case',
      event: { ...rows[1]!.event, caseId: 'other-case' },
    };
    expect(verifyCaseChain([rows[0]!, stray, ...rows.slice(2)], ledger)).toEqual(broken(2));
  });
});

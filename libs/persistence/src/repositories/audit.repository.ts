import type { CaseEvent } from '@banso/domain';
import type { DataSource } from 'typeorm';
import {
  type ChainRow,
  type ChainVerdict,
  type LedgerRange,
  verifyCaseChain,
} from '../audit/verify-case-chain';

/** An event as the log holds it, with its link of the case's hash chain. */
export type AuditedEvent = CaseEvent & { hash: string; prevHash: string };

export interface CaseAudit extends ChainVerdict {
  events: AuditedEvent[];
}

/** One case's verdict, without its events: what a sweep over many cases reports. */
export interface CaseVerification extends ChainVerdict {
  organisationId: string;
  caseId: string;
  /** How many events the log holds for the case. */
  events: number;
}

interface EventRow {
  organisation_id: string;
  case_id: string;
  seq: number;
  type: string;
  hash: string;
  prev_hash: string;
  event: CaseEvent;
}

interface CaseKey {
  organisation_id: string;
  case_id: string;
}

const EVENT_COLUMNS = 'organisation_id, case_id, seq, type, hash, prev_hash, event';

// Cases verified per page: their events are read in one query, so a page stays well bounded.
const CASES_PER_PAGE = 50;

/**
 * Checks the log against its hash chain and the command ledger (audit/verify-case-chain). The
 * ledger is always read before the events: an append commits both together, so the events read
 * later hold every seq the ledger named, and an append running meanwhile raises no false alarm.
 */
export class AuditRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly casesPerPage = CASES_PER_PAGE,
  ) {}

  /** The case's events with their links and the verdict; null when the log knows no such case. */
  async auditOf(organisationId: string, caseId: string): Promise<CaseAudit | null> {
    const ledger = await this.ds.query<Array<{ first_seq: number; last_seq: number }>>(
      `SELECT first_seq, last_seq FROM case_commands WHERE organisation_id = $1 AND case_id = $2`,
      [organisationId, caseId],
    );
    const rows = await this.ds.query<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM case_events
       WHERE organisation_id = $1 AND case_id = $2 ORDER BY seq`,
      [organisationId, caseId],
    );
    // A case whose every event was deleted is still known by its commands: broken, not absent.
    if (rows.length === 0 && ledger.length === 0) return null;
    const verdict = verifyCaseChain(
      rows.map(toChainRow),
      ledger.map((r) => ({ firstSeq: r.first_seq, lastSeq: r.last_seq })),
    );
    return {
      ...verdict,
      events: rows.map((r) => ({ ...r.event, hash: r.hash, prevHash: r.prev_hash })),
    };
  }

  /**
   * Every case of the organisation (of all organisations when none is given), in (organisation,
   * case) order, one verdict at a time: cases are read a page at a time, never the whole log.
   */
  async *verifyOrganisation(organisationId?: string): AsyncGenerator<CaseVerification> {
    let after: CaseKey = { organisation_id: '', case_id: '' };
    for (;;) {
      const cases = await this.casesAfter(after, organisationId ?? null);
      const last = cases[cases.length - 1];
      if (!last) return;
      const ledgers = await this.ledgersOf(cases);
      const rows = await this.eventsOf(cases);
      for (const key of cases) {
        const id = caseKey(key);
        const own = rows.get(id) ?? [];
        const ledger = ledgers.get(id);
        yield {
          organisationId: key.organisation_id,
          caseId: key.case_id,
          events: own.length,
          ...verifyCaseChain(own.map(toChainRow), ledger ? [ledger] : []),
        };
      }
      after = last;
    }
  }

  /** The next page of cases the log or the ledger knows, after `after`. */
  private casesAfter(after: CaseKey, organisationId: string | null): Promise<CaseKey[]> {
    const where = `($1::text IS NULL OR organisation_id = $1) AND (organisation_id, case_id) > ($2, $3)`;
    return this.ds.query<CaseKey[]>(
      `SELECT organisation_id, case_id FROM case_events WHERE ${where}
       UNION
       SELECT organisation_id, case_id FROM case_commands WHERE ${where}
       ORDER BY organisation_id, case_id LIMIT $4`,
      [organisationId, after.organisation_id, after.case_id, this.casesPerPage],
    );
  }

  /** Per case, the seqs its commands wrote, as one range: every seq up to the highest must exist. */
  private async ledgersOf(cases: CaseKey[]): Promise<Map<string, LedgerRange>> {
    const rows = await this.ds.query<Array<CaseKey & { first_seq: number; last_seq: number }>>(
      `SELECT organisation_id, case_id, min(first_seq) AS first_seq, max(last_seq) AS last_seq
       FROM case_commands
       WHERE (organisation_id, case_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       GROUP BY organisation_id, case_id`,
      keyArrays(cases),
    );
    return new Map(rows.map((r) => [caseKey(r), { firstSeq: r.first_seq, lastSeq: r.last_seq }]));
  }

  private async eventsOf(cases: CaseKey[]): Promise<Map<string, EventRow[]>> {
    const rows = await this.ds.query<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM case_events
       WHERE (organisation_id, case_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       ORDER BY organisation_id, case_id, seq`,
      keyArrays(cases),
    );
    const byCase = new Map<string, EventRow[]>();
    for (const row of rows) {
      const id = caseKey(row);
      const own = byCase.get(id);
      if (own) own.push(row);
      else byCase.set(id, [row]);
    }
    return byCase;
  }
}

function toChainRow(r: EventRow): ChainRow {
  return {
    seq: r.seq,
    type: r.type,
    caseId: r.case_id,
    organisationId: r.organisation_id,
    hash: r.hash,
    prevHash: r.prev_hash,
    event: r.event,
  };
}

// JSON of the pair: no separator character can make two different cases collide.
const caseKey = (k: CaseKey) => JSON.stringify([k.organisation_id, k.case_id]);

const keyArrays = (cases: CaseKey[]) => [
  cases.map((c) => c.organisation_id),
  cases.map((c) => c.case_id),
];

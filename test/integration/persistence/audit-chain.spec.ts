import type { CaseEvent } from '@banso/domain';
import {
  AuditRepository,
  type CaseVerification,
  eventHash,
  GENESIS_HASH,
  rebuildReadModels,
} from '@banso/persistence';
import { openedCase } from '@banso/testing/persistence/case-history';
import { seqOf, storeCase, tamper } from './audit-support';
import { useTestDatabase } from './test-database';

const ORG = 'org-kanazawa-cci';
const where = (caseId: string, seq?: number) =>
  `organisation_id = '${ORG}' AND case_id = '${caseId}'${seq === undefined ? '' : ` AND seq = ${seq}`}`;

describe('the hash-chained event log', () => {
  const db = useTestDatabase();
  let audit: AuditRepository;
  beforeAll(() => {
    audit = new AuditRepository(db.ds);
  });

  const verdictOf = async (caseId: string) => {
    const found = await audit.auditOf(ORG, caseId);
    return found && { verified: found.verified, firstBrokenSeq: found.firstBrokenSeq };
  };
  const broken = (seq: number) => ({ verified: false, firstBrokenSeq: seq });

  describe('as the event store writes it', () => {
    it('verifies, each event linked to the one before and hashed as read back', async () => {
      const history = await storeCase(db.events, 'chain-ok');
      const found = await audit.auditOf(ORG, 'chain-ok');
      expect(found).toMatchObject({ verified: true, firstBrokenSeq: null });
      const events = found!.events;
      expect(events.map(({ hash: _h, prevHash: _p, ...e }) => e)).toStrictEqual(
        JSON.parse(JSON.stringify(history.events)),
      );
      events.forEach(({ hash, prevHash, ...event }, i) => {
        expect(prevHash).toBe(i === 0 ? GENESIS_HASH : events[i - 1]!.hash);
        expect(hash).toBe(eventHash(event, prevHash));
      });
    });

    it('hashes what jsonb gives back, whatever the key order appended', async () => {
      const [opened] = openedCase('chain-keys').events;
      const reversed = Object.fromEntries(Object.entries(opened!).reverse()) as CaseEvent;
      await db.events.append({ organisationId: ORG, caseId: 'chain-keys', events: [reversed] });
      expect(await verdictOf('chain-keys')).toEqual({ verified: true, firstBrokenSeq: null });
    });

    it('hashes what jsonb gives back, whatever the numbers and strings appended', async () => {
      const [opened] = openedCase('chain-awkward').events;
      const awkward = {
        sums: [0.1 + 0.2, 1e21, 1e-7, -0, 2 ** 53, -1.5e-300, 12_345_678.9],
        text: 'か\u3099 が 🏯 \u2028 "quoted" \\ tab\t',
      };
      const event = { ...opened!, data: { ...opened!.data, awkward } } as unknown as CaseEvent;
      await db.events.append({ organisationId: ORG, caseId: 'chain-awkward', events: [event] });
      const found = await audit.auditOf(ORG, 'chain-awkward');
      expect(found).toMatchObject({ verified: true, firstBrokenSeq: null });
      expect(found!.events[0]!.hash).toBe(eventHash(event, GENESIS_HASH));
    });

    it('keeps the chain through retried and overlapping appends', async () => {
      const history = await storeCase(db.events, 'chain-retry');
      const [first, second] = history.batches;
      await db.events.append({ organisationId: ORG, caseId: 'chain-retry', events: first! });
      await db.events.append({
        organisationId: ORG,
        caseId: 'chain-retry',
        events: [...first!, ...second!],
      });
      expect(await verdictOf('chain-retry')).toEqual({ verified: true, firstBrokenSeq: null });
    });

    it('knows no case that has neither events nor commands', async () => {
      expect(await audit.auditOf(ORG, 'chain-none')).toBeNull();
      expect(await audit.auditOf('org-other', 'chain-ok')).toBeNull();
    });

    it('is left as it is by a rebuild of the read models', async () => {
      await rebuildReadModels(db.ds);
      expect(await verdictOf('chain-ok')).toEqual({ verified: true, firstBrokenSeq: null });
    });
  });

  describe('tampered with by hand', () => {
    it('finds an event whose json was changed (a follow-up visited on another day)', async () => {
      const history = await storeCase(db.events, 'tamper-json');
      const seq = seqOf(history, 'FollowUpRecorded');
      await tamper(
        db.ds,
        `UPDATE case_events SET event = jsonb_set(event, '{data,visitedOn}', '"2026-07-01"')
         WHERE ${where('tamper-json', seq)}`,
      );
      expect(await verdictOf('tamper-json')).toEqual(broken(seq));
    });

    it('finds a type column changed alone', async () => {
      await storeCase(db.events, 'tamper-type');
      await tamper(
        db.ds,
        `UPDATE case_events SET type = 'CaseClosed' WHERE ${where('tamper-type', 2)}`,
      );
      expect(await verdictOf('tamper-type')).toEqual(broken(2));
    });

    it('finds a deleted event in the middle, at its seq', async () => {
      await storeCase(db.events, 'tamper-delete-middle');
      await tamper(db.ds, `DELETE FROM case_events WHERE ${where('tamper-delete-middle', 3)}`);
      expect(await verdictOf('tamper-delete-middle')).toEqual(broken(3));
    });

    it('finds a deleted last event, through the command ledger', async () => {
      const history = await storeCase(db.events, 'tamper-delete-last');
      const last = history.events.length;
      await tamper(db.ds, `DELETE FROM case_events WHERE ${where('tamper-delete-last', last)}`);
      expect(await verdictOf('tamper-delete-last')).toEqual(broken(last));
    });

    it('finds a case whose every event was deleted: known by its commands, broken at 1', async () => {
      await storeCase(db.events, 'tamper-delete-all');
      await tamper(db.ds, `DELETE FROM case_events WHERE ${where('tamper-delete-all')}`);
      expect(await audit.auditOf(ORG, 'tamper-delete-all')).toEqual({
        ...broken(1),
        events: [],
      });
    });

    it('finds an inserted event with a made-up hash', async () => {
      const history = await storeCase(db.events, 'tamper-insert');
      const last = history.events.length;
      await tamper(
        db.ds,
        `INSERT INTO case_events (case_id, seq, type, organisation_id, actor, at, event, hash, prev_hash)
         SELECT case_id, seq + 1, type, organisation_id, actor, at,
                jsonb_set(event, '{seq}', to_jsonb(seq + 1)), repeat('f', 64), hash
         FROM case_events WHERE ${where('tamper-insert', last)}`,
      );
      expect(await verdictOf('tamper-insert')).toEqual(broken(last + 1));
    });

    it('finds two events whose seqs were swapped, at the first of them', async () => {
      await storeCase(db.events, 'tamper-swap');
      await tamper(
        db.ds,
        `UPDATE case_events SET seq = 1000000 WHERE ${where('tamper-swap', 2)}`,
        `UPDATE case_events SET seq = 2 WHERE ${where('tamper-swap', 3)}`,
        `UPDATE case_events SET seq = 3 WHERE ${where('tamper-swap', 1000000)}`,
      );
      expect(await verdictOf('tamper-swap')).toEqual(broken(2));
    });
  });

  describe('verifyOrganisation', () => {
    const collect = async (it: AsyncIterable<CaseVerification>) => {
      const all: CaseVerification[] = [];
      for await (const c of it) all.push(c);
      return all;
    };

    beforeAll(async () => {
      await storeCase(db.events, 'other-ok', 'org-iwaki');
      await storeCase(db.events, 'other-broken', 'org-iwaki');
      await tamper(
        db.ds,
        `UPDATE case_events SET type = 'CaseClosed'
         WHERE organisation_id = 'org-iwaki' AND case_id = 'other-broken' AND seq = 4`,
      );
    });

    it('gives every case its verdict once, page after page', async () => {
      // Two cases a page, so the walk crosses many pages.
      const all = await collect(new AuditRepository(db.ds, 2).verifyOrganisation());
      const whole = await collect(audit.verifyOrganisation());
      expect(all).toEqual(whole);
      const keys = all.map((c) => `${c.organisationId}/${c.caseId}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(
        Number(
          (
            await db.ds.query<Array<{ n: string }>>(
              `SELECT count(*) AS n FROM (SELECT organisation_id, case_id FROM case_events
           UNION SELECT organisation_id, case_id FROM case_commands) k`,
            )
          )[0]!.n,
        ),
      );
      const byKey = new Map(all.map((c) => [`${c.organisationId}/${c.caseId}`, c]));
      expect(byKey.get(`${ORG}/chain-ok`)).toMatchObject({ verified: true, firstBrokenSeq: null });
      expect(byKey.get(`${ORG}/tamper-swap`)).toMatchObject(broken(2));
      expect(byKey.get(`${ORG}/tamper-delete-all`)).toMatchObject({ ...broken(1), events: 0 });
      expect(byKey.get('org-iwaki/other-broken')).toMatchObject(broken(4));
      for (const c of all) {
        const single = await audit.auditOf(c.organisationId, c.caseId);
        expect({ verified: c.verified, firstBrokenSeq: c.firstBrokenSeq }).toEqual({
          verified: single!.verified,
          firstBrokenSeq: single!.firstBrokenSeq,
        });
        expect(c.events).toBe(single!.events.length);
      }
    });

    it('checks only the organisation asked for', async () => {
      const iwaki = await collect(new AuditRepository(db.ds, 1).verifyOrganisation('org-iwaki'));
      expect(iwaki.map((c) => [c.caseId, c.verified])).toEqual([
        ['other-broken', false],
        ['other-ok', true],
      ]);
      expect(await collect(audit.verifyOrganisation('org-nobody'))).toEqual([]);
    });
  });
});

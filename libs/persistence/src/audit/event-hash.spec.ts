import { createHash } from 'node:crypto';
import type { CaseEvent } from '@banso/domain';
import { realisticHistory } from '@banso/testing/persistence/case-history';
import { chainEvents, eventHash, GENESIS_HASH } from './event-hash';

const reversedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
};

describe('eventHash', () => {
  const events = realisticHistory('hash-case').events;
  const followUp = events.find((e) => e.type === 'FollowUpRecorded')!;

  it('starts every chain at GENESIS_HASH, sha256 of "banso:genesis"', () => {
    expect(GENESIS_HASH).toBe(createHash('sha256').update('banso:genesis').digest('hex'));
  });

  it('is hex SHA-256 of the canonical JSON of {prevHash, event}: the stored format, pinned', () => {
    const event = { seq: 1, type: 'CaseClosed', caseId: 'c', organisationId: 'o' } as CaseEvent;
    const canonical = `{"event":{"caseId":"c","organisationId":"o","seq":1,"type":"CaseClosed"},"prevHash":"${GENESIS_HASH}"}`;
    expect(eventHash(event, GENESIS_HASH)).toBe(
      createHash('sha256').update(canonical).digest('hex'),
    );
  });

  it('does not depend on key order, at any depth', () => {
    expect(eventHash(reversedKeys(followUp) as CaseEvent, GENESIS_HASH)).toBe(
      eventHash(followUp, GENESIS_HASH),
    );
  });

  it('is the same after a JSON round trip, which drops undefined fields', () => {
    const withUndefined = { ...followUp, note: undefined } as unknown as CaseEvent;
    const roundTripped = JSON.parse(JSON.stringify(withUndefined)) as CaseEvent;
    expect(eventHash(roundTripped, GENESIS_HASH)).toBe(eventHash(followUp, GENESIS_HASH));
  });

  it('changes with any field of the event and with the previous hash', () => {
    const base = eventHash(followUp, GENESIS_HASH);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    const edited = {
      ...followUp,
      data: { ...followUp.data, visitedOn: '2026-07-09' },
    } as CaseEvent;
    expect(eventHash(edited, GENESIS_HASH)).not.toBe(base);
    expect(eventHash({ ...followUp, seq: followUp.seq + 1 }, GENESIS_HASH)).not.toBe(base);
    expect(eventHash(followUp, '0'.repeat(64))).not.toBe(base);
  });
});

describe('chainEvents', () => {
  it('links each event to the one before, the first to the given hash', () => {
    const events = realisticHistory('chain-case').events;
    const chained = chainEvents(events, GENESIS_HASH);
    expect(chained.map((c) => c.event)).toEqual(events);
    chained.forEach((link, i) => {
      expect(link.prevHash).toBe(i === 0 ? GENESIS_HASH : chained[i - 1]!.hash);
      expect(link.hash).toBe(eventHash(link.event, link.prevHash));
    });
  });

  it('continues a chain: chaining the tail onto the head hash gives the same links', () => {
    const events = realisticHistory('chain-tail').events;
    const whole = chainEvents(events, GENESIS_HASH);
    const head = chainEvents(events.slice(0, 3), GENESIS_HASH);
    expect([...head, ...chainEvents(events.slice(3), head[2]!.hash)]).toEqual(whole);
  });
});

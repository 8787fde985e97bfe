import { type CommandRecord, priorCommand, recordOf, rememberCommand } from './command-ledger';

const record: CommandRecord = {
  type: 'recordFollowUp',
  bodyHash: 'hash-a',
  firstSeq: 7,
  lastSeq: 8,
};

describe('priorCommand', () => {
  it('is new when the command id has not been used', () => {
    expect(priorCommand('k1', undefined, 'recordFollowUp', 'hash-a')).toEqual({ kind: 'new' });
  });

  it('is done, pointing at the first result, for the same command and body', () => {
    expect(priorCommand('k1', record, 'recordFollowUp', 'hash-a')).toEqual({
      kind: 'done',
      record,
    });
  });

  it('is a conflict that names the key for another body or another command', () => {
    const otherBody = priorCommand('k1', record, 'recordFollowUp', 'hash-b');
    const otherCommand = priorCommand('k1', record, 'closeCase', 'hash-a');
    for (const prior of [otherBody, otherCommand]) {
      expect(prior.kind).toBe('conflict');
      if (prior.kind !== 'conflict') continue;
      expect(prior.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(prior.error.message).toMatch(/k1/);
    }
    expect(otherBody.kind === 'conflict' && otherBody.error.message).toMatch(/different body/);
    expect(otherCommand.kind === 'conflict' && otherCommand.error.message).toMatch(
      /for recordFollowUp/,
    );
  });
});

describe('recordOf', () => {
  it('finds only what was remembered: a key named like an object property is just a key', () => {
    const ledger = rememberCommand({}, 'k1', record);
    expect(recordOf(ledger, 'k1')).toEqual(record);
    expect(recordOf(ledger, 'constructor')).toBeUndefined();
    expect(recordOf(ledger, 'toString')).toBeUndefined();
    const odd = rememberCommand(ledger, '__proto__', record);
    expect(recordOf(odd, '__proto__')).toEqual(record);
    expect(JSON.parse(JSON.stringify(odd))).toEqual(odd);
  });
});

describe('rememberCommand', () => {
  it('keeps every record up to the limit, then the newest by the seqs they caused', () => {
    let ledger = {};
    for (let i = 1; i <= 5; i++) {
      ledger = rememberCommand(ledger, `k${i}`, { ...record, firstSeq: i, lastSeq: i }, 3);
    }
    expect(Object.keys(ledger).sort()).toEqual(['k3', 'k4', 'k5']);
  });

  it('does not change the ledger it was given (plain JSON carried across runs)', () => {
    const before = { k1: record };
    const after = rememberCommand(before, 'k2', { ...record, firstSeq: 9, lastSeq: 9 });
    expect(before).toEqual({ k1: record });
    expect(Object.keys(after)).toEqual(['k1', 'k2']);
  });
});

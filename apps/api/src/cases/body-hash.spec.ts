import { bodyHash } from './body-hash';

describe('bodyHash', () => {
  const body = {
    firm: { name: '有限会社白山醸造', representative: '白山 一郎', industry: '清酒製造業' },
  };

  it('is the same for the same body whatever the order of its keys', () => {
    const reordered = {
      firm: { industry: '清酒製造業', name: '有限会社白山醸造', representative: '白山 一郎' },
    };
    expect(bodyHash('openCase', reordered)).toBe(bodyHash('openCase', body));
  });

  it('differs for another body, another command, and an empty body from none', () => {
    const hash = bodyHash('openCase', body);
    expect(bodyHash('openCase', { firm: { name: '別会社' } })).not.toBe(hash);
    expect(bodyHash('recordAnalysis', body)).not.toBe(hash);
    expect(bodyHash('approvePlan', undefined)).toBe(bodyHash('approvePlan', {}));
    expect(bodyHash('openCase', { ...body, caseId: 'x' })).not.toBe(hash);
  });

  it('tells array order apart: an order in a list is part of the body', () => {
    expect(bodyHash('recordAnalysis', { keyIssues: ['a', 'b'] })).not.toBe(
      bodyHash('recordAnalysis', { keyIssues: ['b', 'a'] }),
    );
  });
});

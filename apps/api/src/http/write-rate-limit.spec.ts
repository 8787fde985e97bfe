import { loadApiConfig } from '../config/api-config';
import { rateLimitKeyOf, writeRateLimit } from './write-rate-limit';

const env = { DATABASE_URL: 'postgres://banso@127.0.0.1:1/banso' };

describe('the write rate limit', () => {
  it('counts by the key signed in with: an API key by its id, a JWT by user and organisation', () => {
    const base = { userId: 'officer-sato', role: 'officer' as const, requestId: 'r' };
    expect(rateLimitKeyOf({ ...base, organisationId: 'a', via: 'apiKey', keyId: 'k1' })).not.toBe(
      rateLimitKeyOf({ ...base, organisationId: 'a', via: 'apiKey', keyId: 'k2' }),
    );
    expect(rateLimitKeyOf({ ...base, organisationId: 'a', via: 'jwt' })).not.toBe(
      rateLimitKeyOf({ ...base, organisationId: 'b', via: 'jwt' }),
    );
    expect(
      rateLimitKeyOf({ ...base, role: 'administrator', organisationId: null, via: 'platformKey' }),
    ).toBe('platformKey');
  });

  it('is 600 writes a minute unless WRITE_RATE_LIMIT_PER_MINUTE says otherwise; 0 turns it off', () => {
    expect(loadApiConfig(env).WRITE_RATE_LIMIT_PER_MINUTE).toBe(600);
    const off = loadApiConfig({ ...env, WRITE_RATE_LIMIT_PER_MINUTE: '0' });
    expect(writeRateLimit(off)).toEqual({ imports: [], guards: [] });
    const on = writeRateLimit(loadApiConfig({ ...env, WRITE_RATE_LIMIT_PER_MINUTE: '30' }));
    expect([on.imports.length, on.guards.length]).toEqual([1, 1]);
    for (const bad of ['-1', 'lots', '1.5'])
      expect(() => loadApiConfig({ ...env, WRITE_RATE_LIMIT_PER_MINUTE: bad })).toThrow(
        /WRITE_RATE_LIMIT_PER_MINUTE/,
      );
  });
});

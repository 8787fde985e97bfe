import { ApiError } from '../errors/api-error';
import { idempotencyKeyOf } from './idempotency-key';

describe('idempotencyKeyOf', () => {
  it('takes no header as no key (the API generates one) and a printable key as it is', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf('2026-0001')).toBe('2026-0001');
    expect(idempotencyKeyOf('x'.repeat(200))).toBe('x'.repeat(200));
  });

  it.each([
    ['empty', ''],
    ['with a space', 'a b'],
    ['too long', 'x'.repeat(201)],
    ['not ASCII', '訪問-1'],
  ])('refuses a key that is %s with a 400 naming the header', (_label, key) => {
    let error: unknown;
    try {
      idempotencyKeyOf(key);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION_FAILED');
    expect((error as ApiError).extra.issues?.[0]?.path).toBe('headers.idempotency-key');
  });
});

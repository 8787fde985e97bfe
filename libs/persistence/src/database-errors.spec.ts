import { isTransientDatabaseError } from './database-errors';

describe('isTransientDatabaseError', () => {
  it('waits out a connection that broke mid-transaction (TypeORM: the query runner was released)', () => {
    const released = new Error('Query runner already released. Cannot run queries anymore.');
    expect(isTransientDatabaseError(released)).toBe(true);
  });

  it('does not retry what PostgreSQL refused for good', () => {
    const uniqueViolation = Object.assign(new Error('duplicate key value'), { code: '23505' });
    expect(isTransientDatabaseError(uniqueViolation)).toBe(false);
  });
});

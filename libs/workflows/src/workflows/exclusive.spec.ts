import { createExclusive } from './exclusive';

describe('createExclusive', () => {
  it('runs sections one after another and is busy until the last has ended', async () => {
    const exclusive = createExclusive();
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    expect(exclusive.busy()).toBe(false);
    const first = exclusive(async () => {
      order.push('first starts');
      await gate;
      order.push('first ends');
    });
    const second = exclusive(() => {
      order.push('second');
      return Promise.reject(new Error('refused'));
    });
    expect(exclusive.busy()).toBe(true);
    release();
    await first;
    await expect(second).rejects.toThrow('refused');
    expect(order).toEqual(['first starts', 'first ends', 'second']);
    // A section that failed still ends: the case takes its next command.
    expect(exclusive.busy()).toBe(false);
  });
});

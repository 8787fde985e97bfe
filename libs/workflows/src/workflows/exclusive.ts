/**
 * Runs async sections one after another. Update handlers interleave at every await; a case must
 * decide, persist and fold one command at a time or two commands could claim the same seq.
 */
export function createExclusive() {
  let tail: Promise<unknown> = Promise.resolve();
  let queued = 0;
  function exclusive<T>(section: () => Promise<T>): Promise<T> {
    queued++;
    const result = tail.then(section).finally(() => {
      queued--;
    });
    tail = result.catch(() => undefined);
    return result;
  }
  /** Whether a section is running or waiting: the state is about to change. */
  return Object.assign(exclusive, { busy: () => queued > 0 });
}

/**
 * Runs async sections one after another. Update handlers interleave at every await; a case must
 * decide, persist and fold one command at a time or two commands could claim the same seq.
 */
export function createExclusive() {
  let tail: Promise<unknown> = Promise.resolve();
  return function exclusive<T>(section: () => Promise<T>): Promise<T> {
    const result = tail.then(section);
    tail = result.catch(() => undefined);
    return result;
  };
}

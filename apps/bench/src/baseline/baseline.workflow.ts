// The baseline: the same durable work as a support case with no product around it. One entity
// workflow per case; each update appends one row through one activity and answers its sequence
// number. Opened with update-with-start, commanded with executeUpdate, as the API does.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './baseline-activities';
import { appendUpdate, type BaselineEvent } from './baseline-definitions';

const { appendRow } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function baselineEntity(entityId: string): Promise<void> {
  let seq = 0;
  // Updates run one at a time, as the product's do: each takes the next sequence number.
  let last: Promise<unknown> = Promise.resolve();
  setHandler(appendUpdate, (event: BaselineEvent) => {
    const next = last.then(async () => {
      seq += 1;
      await appendRow({ entityId, seq, event });
      return { seq };
    });
    last = next.catch(() => undefined);
    return next;
  });
  // Lives until cancelled, waiting as a case waits for its next step.
  await condition(() => false);
}

// What a client needs to drive the baseline: imported by the benchmark and the workflow alike.
import { defineUpdate } from '@temporalio/workflow';

/** What the baseline appends: a type and the request's body, as the product's events carry. */
export interface BaselineEvent {
  type: string;
  body: unknown;
}

export const BASELINE_WORKFLOW = 'baselineEntity';

export const appendUpdate = defineUpdate<{ seq: number }, [BaselineEvent]>('append');

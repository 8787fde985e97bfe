export * from './definitions';
export * from './activities/case-activities';
export * from './bundle';
export * from './worker';

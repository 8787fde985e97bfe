export * from './definitions';
export * from './activities/case-activities';

export * from './fiscal-years';
export * from './report-rows';
export * from './growth';
export * from './report-facts';
export * from './case-facts';
export * from './fiscal-year-report';
export * from './fiscal-year-forecast';

export { supportCase } from './support-case.workflow';

export { registerContactImportRoutes } from './import.routes';
export { defineContactImportJobs, runContactImport } from './import.job';

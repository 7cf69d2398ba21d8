export { registerContactImportRoutes, sendDownload, xlsxStream } from './import.routes';
export { defineContactImportJobs, runContactImport } from './import.job';
export { receiveUpload } from './import.upload';

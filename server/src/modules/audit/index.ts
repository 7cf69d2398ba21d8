export { recordAudit, listAudit, type AuditEntry } from './audit.service';
export { registerAuditRoutes } from './audit.routes';

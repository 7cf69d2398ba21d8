export { installAccessControl, tokenOf, type Access } from './access';
export { registerAuthRoutes } from './auth.routes';
export { findPrincipal } from './session.repository';
export { registerAuthListeners } from './auth.listeners';
export { defineAuthJobs } from './auth.jobs';

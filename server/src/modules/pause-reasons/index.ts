export { registerPauseReasonRoutes } from './pause-reason.routes';
export { findPauseReason as getPauseReason, type PauseReasonRow } from './pause-reason.repository';

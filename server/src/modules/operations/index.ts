export { existingOperationIds } from './operation.repository';
export { registerOperationRoutes } from './operation.routes';

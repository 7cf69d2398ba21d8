export { registerSupervisionRoutes } from './supervision.routes';

export { workspaces } from './workspace.schema';
export {
  getWorkspace,
  presentWorkspace,
  workspaceSchema,
  bootstrapFromEnv,
  needsSetup,
  createFirstWorkspace,
  type WorkspaceRow,
} from './workspace.service';
export { registerWorkspaceRoutes } from './workspace.routes';

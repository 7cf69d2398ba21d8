// First on purpose: channels builds its input schemas from these at load time, and channels and
// service groups import each other (each through the other's index).
export { mergePatch, patchSchemaOf, type DeepPartial } from './settings-patch';
export { registerServiceGroupRoutes } from './service-group.routes';
export { loadServiceGroup as getServiceGroup } from './service-group.service';
export {
  SERVING_ROLES,
  allowedTransferTargets,
  groupIdsOfUser,
  groupsRequiringClassification,
  memberIdsOf,
  serviceGroupIdProblems,
  serviceGroupIdsOfUsers,
  serviceGroupSummaries,
  setServiceGroupsOfUser,
} from './service-group.members';
export type { ServiceGroup } from './service-group.input';
export type { ServiceGroupRecord } from './service-group.presenter';

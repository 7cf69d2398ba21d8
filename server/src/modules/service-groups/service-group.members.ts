import type { Executor } from '../../platform/db/client';
import type { FieldError } from '../../platform/errors';
import { findUsersByIds } from '../users';
import * as repo from './service-group.repository';

/** Roles that serve conversations in groups (ROUTE-1 member agents). */
export const SERVING_ROLES = ['agent', 'supervisor_agent'] as const;

/**
 * Members who can serve now: active users with an agent role. Memberships of users who were
 * deactivated or moved to another role stay stored (history, reactivation) but do not count.
 */
export async function memberIdsOf(db: Executor, workspaceId: string, groupId: string): Promise<string[]> {
  const ids = (await repo.membersOfGroups(db, workspaceId, [groupId])).get(groupId) ?? [];
  const users = await findUsersByIds(db, workspaceId, ids);
  const serving = new Set(
    users.filter((u) => u.status === 'active' && (SERVING_ROLES as readonly string[]).includes(u.role)).map((u) => u.id),
  );
  return ids.filter((id) => serving.has(id));
}

/** Active groups the user serves in. */
export const groupIdsOfUser = (db: Executor, workspaceId: string, userId: string) => repo.activeGroupIdsOfUser(db, workspaceId, userId);

/** ROUTE-8: the active groups a conversation of `groupId` may be transferred to, `{ id, name }` by name. */
export const allowedTransferTargets = (db: Executor, workspaceId: string, groupId: string) =>
  repo.activeTransferTargets(db, workspaceId, groupId);

/** Active groups whose agents must classify within this tree before closing. */
export const groupsRequiringClassification = (db: Executor, workspaceId: string, classificationId: string) =>
  repo.activeGroupsRequiringClassification(db, workspaceId, classificationId);

/** Every group of each user, active or not, in one query (user lists). */
export const serviceGroupIdsOfUsers = (db: Executor, workspaceId: string, userIds: string[]) =>
  repo.groupsOfUsers(db, workspaceId, userIds);

/** `{ id, name, status }` of the given groups of the workspace (unknown ids are absent). */
export const serviceGroupSummaries = (db: Executor, workspaceId: string, ids: string[]) =>
  repo.findServiceGroups(db, workspaceId, [...new Set(ids)]);

/**
 * Problems of a user's list of groups, each on `<field>.<index>`: every group must be an active
 * group of the workspace, except those the user already belongs to (kept even if deactivated since).
 */
export async function serviceGroupIdProblems(
  db: Executor,
  workspaceId: string,
  ids: string[],
  alreadyLinked: string[],
  field = 'serviceGroupIds',
): Promise<FieldError[]> {
  const linked = new Set(alreadyLinked);
  const groups = new Map((await serviceGroupSummaries(db, workspaceId, ids.filter((id) => !linked.has(id)))).map((g) => [g.id, g]));
  const problems: FieldError[] = [];
  ids.forEach((id, i) => {
    if (linked.has(id)) return;
    const g = groups.get(id);
    if (!g) problems.push({ path: `${field}.${i}`, message: 'service group not found' });
    else if (g.status !== 'active') problems.push({ path: `${field}.${i}`, message: 'service group is inactive' });
  });
  return problems;
}

/** The user's memberships become exactly `ids` (in the caller's transaction). */
export const setServiceGroupsOfUser = (tx: Executor, workspaceId: string, userId: string, ids: string[]) =>
  repo.replaceGroupsOfUser(tx, workspaceId, userId, [...new Set(ids)]);
